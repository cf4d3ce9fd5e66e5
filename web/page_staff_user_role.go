package web

import (
	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffUserRole changes an account's role. The service refuses a
// change that would lock the centre out (one's own staff role, the last
// staff) or leave a team led by a resident, in words shown by the field.
func (s *Server) handleStaffUserRole(c *gin.Context) {
	p := s.basePage(c, "staff")
	id, role := c.Param("id"), booking.Role(c.PostForm("role"))
	if _, err := s.svc.PatchUser(c.Request.Context(), p.User, id, booking.UserPatch{Role: &role}); err != nil {
		s.staffUserRefused(c, p, id, string(role), err)
		return
	}
	staffDone(c, "/staff/users/"+id, "staff_role")
}
