package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffUsersView is the list of accounts with its filter.
type staffUsersView struct {
	Page
	Users  []booking.User
	Q      string
	Role   selectView
	Errors formErrors
	// Full says the list stopped at the service's default limit, so the
	// page asks to narrow it with a search.
	Full  bool
	Limit int
}

// handleStaffUsers lists accounts, oldest first, filtered by ?q= (username
// or name) and ?role=; a bad filter is a message next to its field.
func (s *Server) handleStaffUsers(c *gin.Context) {
	p := s.basePage(c, "staff")
	v := staffUsersView{Page: p, Q: strings.TrimSpace(c.Query("q")), Errors: formErrors{}, Limit: booking.DefaultUserLimit}
	role := c.Query("role")
	status := http.StatusOK
	users, err := s.svc.Users(c.Request.Context(), p.User, booking.UserFilter{Query: v.Q, Role: booking.Role(role)})
	if err != nil {
		if !v.Errors.add(s, p.Lang, err, "q", "role") {
			s.pageFail(c, err)
			return
		}
		status = http.StatusUnprocessableEntity
	}
	v.Users, v.Full = users, len(users) >= booking.DefaultUserLimit
	v.Role = roleSelect("f-role", "staff.field.role", role, v.Errors["role"], true)
	s.render(c, status, "staff_users", p.Lang, &v)
}
