package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffUserView is one account with its forms: change the role, reset
// the password, disable or enable. Confirm shows, instead, the question
// whether to disable it (the page's answer without JavaScript).
type staffUserView struct {
	Page
	Account *booking.User
	Role    selectView
	Errors  formErrors
	Self    bool
	Confirm bool
}

func (s *Server) handleStaffUser(c *gin.Context) {
	p := s.basePage(c, "staff")
	s.showStaffUser(c, p, http.StatusOK, c.Param("id"), "", formErrors{}, false)
}

// showStaffUser reads the account and renders its page; role is the
// role to show chosen ("" for the account's own), errs the refusals.
func (s *Server) showStaffUser(c *gin.Context, p Page, status int, id, role string, errs formErrors, confirm bool) {
	u, err := s.svc.User(c.Request.Context(), p.User, id)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	if !booking.Role(role).Valid() {
		role = string(u.Role)
	}
	s.render(c, status, "staff_user", p.Lang, &staffUserView{Page: p, Account: u, Errors: errs, Confirm: confirm,
		Role: roleSelect("f-role", "staff.field.role", role, errs["role"], false), Self: u.ID == p.User.ID})
}

// staffUserRefused shows the account again with the service's refusal
// next to the field it names (role, password or disabled).
func (s *Server) staffUserRefused(c *gin.Context, p Page, id, role string, err error) {
	errs := formErrors{}
	if !errs.add(s, p.Lang, err, "role", "password", "disabled") {
		s.pageFail(c, err)
		return
	}
	s.showStaffUser(c, p, refusalStatus(err), id, role, errs, false)
}
