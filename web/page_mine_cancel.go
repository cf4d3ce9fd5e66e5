package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// cancelView asks before a booking is cancelled: a page of its own, so
// that the confirmation works without JavaScript.
type cancelView struct {
	Page
	Item mineItem
}

// handleCancelPage shows "确定取消？" with the booking and a button that
// posts the cancellation; only the booker (or staff) may see it.
func (s *Server) handleCancelPage(c *gin.Context) {
	p := s.basePage(c, "mine")
	b, err := s.svc.Booking(c.Request.Context(), p.User, c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	if b.Status == booking.StatusCancelled || booking.CanCancel(p.User, *b, s.svc.Now()) != nil {
		// Reached by the back button or an old link: there is nothing to
		// free, so do not ask as if there were.
		c.Redirect(http.StatusSeeOther, "/me/bookings?done=nothing_to_cancel")
		return
	}
	names, err := s.roomNames(c, p.Lang)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.render(c, http.StatusOK, "mine-cancel", p.Lang, &cancelView{Page: p, Item: s.mineItem(p.Lang, *b, names)})
}

// handleCancelSubmit cancels through the service, which frees the slot
// and refuses anyone but the booker and staff.
func (s *Server) handleCancelSubmit(c *gin.Context) {
	if err := s.svc.CancelBooking(c.Request.Context(), pageUser(c), c.Param("id")); err != nil {
		s.pageFail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/me/bookings?done=cancelled")
}
