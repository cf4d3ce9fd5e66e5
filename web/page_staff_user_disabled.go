package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffUserDisabled disables (disabled=1) or enables an account.
// Disabling is asked once more first: the form's confirm=yes is set by the
// script after the browser's own question, or sent by the page that asks
// it when the script does not run.
func (s *Server) handleStaffUserDisabled(c *gin.Context) {
	p := s.basePage(c, "staff")
	id, disabled := c.Param("id"), c.PostForm("disabled") == "1"
	if disabled && c.PostForm("confirm") != "yes" {
		s.showStaffUser(c, p, http.StatusOK, id, "", formErrors{}, true)
		return
	}
	if _, err := s.svc.PatchUser(c.Request.Context(), p.User, id, booking.UserPatch{Disabled: &disabled}); err != nil {
		s.staffUserRefused(c, p, id, "", err)
		return
	}
	done := "staff_enabled"
	if disabled {
		done = "staff_disabled"
	}
	staffDone(c, "/staff/users/"+id, done)
}
