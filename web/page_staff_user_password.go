package web

import "github.com/gin-gonic/gin"

// handleStaffUserPassword sets the new password staff typed for someone
// who forgot theirs; all that account's sessions end.
func (s *Server) handleStaffUserPassword(c *gin.Context) {
	p := s.basePage(c, "staff")
	id := c.Param("id")
	if err := s.svc.ResetPassword(c.Request.Context(), p.User, id, c.PostForm("password")); err != nil {
		s.staffUserRefused(c, p, id, "", err)
		return
	}
	staffDone(c, "/staff/users/"+id, "staff_password")
}
