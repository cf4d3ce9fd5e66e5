package web

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// selectView is one labelled select for the "staff-select" template: its
// id and name, the catalog key of its label, the options and the message
// next to it.
type selectView struct {
	ID, Name, Label, Error string
	Options                []optionView
}

// optionView is one option: its value, the catalog key of its text, and
// whether it is the one chosen.
type optionView struct {
	Value, Label string
	Selected     bool
}

// checkView is one checkbox of a list (a team's leaders): its value, the
// text beside it (a person's name, not a catalog key) and its state.
type checkView struct {
	Value, Label string
	Checked      bool
}

// roles are the roles in the order the desk offers them.
var roles = []booking.Role{booking.RoleResident, booking.RoleLeader, booking.RoleStaff}

// roleSelect offers the roles with chosen selected; with any, a first
// option "all roles" (value "") for a filter.
func roleSelect(id, label, chosen, err string, any bool) selectView {
	v := selectView{ID: id, Name: "role", Label: label, Error: err}
	if any {
		v.Options = append(v.Options, optionView{Value: "", Label: "staff.role.any", Selected: chosen == ""})
	}
	for _, r := range roles {
		v.Options = append(v.Options, optionView{Value: string(r), Label: "staff.role." + string(r), Selected: chosen == string(r)})
	}
	return v
}

// staffDone redirects after a change to path with its notice (?done=key,
// a catalog key done.key): Post/Redirect/Get, so a reload sends nothing
// again.
func staffDone(c *gin.Context, path, key string) {
	c.Redirect(http.StatusSeeOther, path+"?done="+url.QueryEscape(key))
}

// refusalStatus is the status of a form shown again with its refusals:
// 409 for a taken name, 422 for the rest.
func refusalStatus(err error) int {
	if booking.ErrorCode(err) == booking.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}
