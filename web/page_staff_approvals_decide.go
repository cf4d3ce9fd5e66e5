package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// handleStaffApprove says yes to a waiting booking. A booking decided
// meanwhile (by another staff member) or already over is said in words
// above the queue, which is shown as it now is.
func (s *Server) handleStaffApprove(c *gin.Context) {
	p := s.basePage(c, "staff")
	_, err := s.svc.ApproveBooking(c.Request.Context(), p.User, c.Param("id"))
	s.approvalDone(c, p, err, "approval_approved", "", "")
}

// handleStaffDecline says no to a waiting booking with the reason typed;
// a reason refused (too long) is said next to that booking's field, with
// what was typed kept.
func (s *Server) handleStaffDecline(c *gin.Context) {
	p := s.basePage(c, "staff")
	id, reason := c.Param("id"), c.PostForm("reason")
	_, err := s.svc.DeclineBooking(c.Request.Context(), p.User, id, reason)
	s.approvalDone(c, p, err, "approval_declined", id, reason)
}

// approvalDone leads back to the queue with a notice, or shows the
// refusal: in reason's place for the booking id when it concerns the
// reason, above the queue otherwise.
func (s *Server) approvalDone(c *gin.Context, p Page, err error, done, id, reason string) {
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/staff/approvals?done="+done)
		return
	}
	errs := formErrors{}
	if !errs.add(s, p.Lang, err, "reason") {
		s.pageFail(c, err)
		return
	}
	if msg, ok := errs["reason"]; ok {
		errs = formErrors{id: msg}
	} else {
		errs[""] = s.T(p, "approvals.refused", strings.TrimSpace(errs[""]))
	}
	s.renderApprovals(c, p, errs, id, reason, refusalStatus(err))
}
