package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffUserForm is what the new-account form sends, kept to show again
// when it is refused (never the password).
type staffUserForm struct {
	Username, Name string
}

type staffUserNewView struct {
	Page
	Form   staffUserForm
	Role   selectView
	Errors formErrors
}

// handleStaffUserNew shows the form for a new account; ?role= chooses the
// role (the teams page links here for a new leader).
func (s *Server) handleStaffUserNew(c *gin.Context) {
	p := s.basePage(c, "staff")
	role := c.Query("role")
	if !booking.Role(role).Valid() {
		role = string(booking.RoleResident)
	}
	s.render(c, http.StatusOK, "staff_user_new", p.Lang, &staffUserNewView{Page: p,
		Role: roleSelect("f-role", "staff.field.role", role, "", false), Errors: formErrors{}})
}
