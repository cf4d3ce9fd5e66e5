package web

import (
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffUserCreate opens an account of any role and shows it; a
// refusal stands next to its field with what was typed still there.
func (s *Server) handleStaffUserCreate(c *gin.Context) {
	p := s.basePage(c, "staff")
	f := staffUserForm{Username: strings.TrimSpace(c.PostForm("username")), Name: strings.TrimSpace(c.PostForm("name"))}
	role := c.PostForm("role")
	u, err := s.svc.CreateUser(c.Request.Context(), p.User,
		booking.NewUser{Username: f.Username, Name: f.Name, Role: booking.Role(role), Password: c.PostForm("password")})
	if err != nil {
		errs := formErrors{}
		if !errs.add(s, p.Lang, err, "username", "name", "role", "password") {
			s.pageFail(c, err)
			return
		}
		s.render(c, refusalStatus(err), "staff_user_new", p.Lang, &staffUserNewView{Page: p, Form: f,
			Role: roleSelect("f-role", "staff.field.role", role, errs["role"], false), Errors: errs})
		return
	}
	staffDone(c, "/staff/users/"+u.ID, "staff_user_created")
}
