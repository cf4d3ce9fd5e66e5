package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// deskSection is one entry of the staff desk: where it leads and the
// catalog keys of its name and description.
type deskSection struct {
	Href, Title, Desc string
}

// deskSections are the desk's entries, in the order the reception uses
// them. The house-rules issue adds approvals, closures, check-in and the
// utilisation report here, each with its page (no entry without one).
var deskSections = []deskSection{
	{"/staff/users", "staff.users.title", "staff.desk.users"},
	{"/staff/teams", "staff.teams.title", "staff.desk.teams"},
	{"/staff/rooms", "staff.rooms.title", "staff.desk.rooms"},
	{"/staff/holidays", "holidays.title", "holidays.desk"},
	{"/staff/audit", "audit.title", "audit.desk"},
}

type staffDeskView struct {
	Page
	Sections []deskSection
}

func (s *Server) handleStaffDesk(c *gin.Context) {
	p := s.basePage(c, "staff")
	s.render(c, http.StatusOK, "staff", p.Lang, &staffDeskView{Page: p, Sections: deskSections})
}
