package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleRoomBook books the room from the form; a refusal shows the room's
// page again with the message next to its field and what was typed.
func (s *Server) handleRoomBook(c *gin.Context) {
	p := s.basePage(c, "home")
	id := c.Param("id")
	f := readBookForm(c.PostForm)
	n, err := f.request(id, s.svc.Location(), true)
	var b *booking.Booking
	if err == nil {
		b, err = s.svc.CreateBooking(c.Request.Context(), p.User, n)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/me/bookings?done="+bookedNotice(b))
		return
	}
	errs := formErrors{}
	if !s.bookRefusal(p, errs, err) {
		s.pageFail(c, err)
		return
	}
	status := http.StatusUnprocessableEntity
	if code := booking.ErrorCode(err); code == booking.ECONFLICT || code == booking.ERATELIMITED || code == booking.EFORBIDDEN {
		status = statusOf[code]
	}
	monday, sel := s.weekAsked("", f.Date, s.svc.Now())
	s.renderRoom(c, p, id, monday, sel, f, errs, status)
}
