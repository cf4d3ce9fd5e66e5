package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffApprovalsView is the queue of bookings waiting for staff, each
// with its approve button and decline form.
type staffApprovalsView struct {
	Page
	Items []approvalItem
	// Errors: "" is a refusal of the whole page's last action (already
	// decided by someone else); a booking's id is its reason's message.
	Errors formErrors
	// Reason is what was typed into the decline form of booking ReasonFor,
	// kept when the decline was refused.
	Reason, ReasonFor string
}

// approvalItem is one waiting booking with its words in the page's
// language.
type approvalItem struct {
	booking.PendingBooking
	RoomName, Shown, Lunar string
}

func (s *Server) handleStaffApprovals(c *gin.Context) {
	s.renderApprovals(c, s.basePage(c, "staff"), formErrors{}, "", "", http.StatusOK)
}

// renderApprovals shows the queue as it now is, with refusals and the
// reason typed, if any.
func (s *Server) renderApprovals(c *gin.Context, p Page, errs formErrors, reasonFor, reason string, status int) {
	queue, err := s.svc.ApprovalQueue(c.Request.Context(), p.User)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	names, err := s.roomNames(c, p.Lang)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := &staffApprovalsView{Page: p, Errors: errs, Reason: reason, ReasonFor: reasonFor}
	for _, b := range queue {
		v.Items = append(v.Items, approvalItem{PendingBooking: b, RoomName: names[b.Room],
			Shown: half(p.Lang, b.Title), Lunar: s.pages.lunar.of(p.Lang, b.Start)})
	}
	s.render(c, status, "staff_approvals", p.Lang, v)
}

// approvalsDeskCount is the desk card's number: how many bookings wait.
// The card is still shown, without a number, if the count fails.
func (s *Server) approvalsDeskCount(c *gin.Context, u *booking.User) string {
	q, err := s.svc.ApprovalQueue(c.Request.Context(), u)
	if err != nil {
		return ""
	}
	return strconv.Itoa(len(q))
}
