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
	// The day's work first: what waits for a decision, who comes today,
	// rooms shut; then the centre's set-up; then looking back.
	{"/staff/approvals", "approvals.title", "approvals.desk"},
	{"/staff/checkin", "checkin.title", "checkin.desk"},
	{"/staff/closures", "closures.title", "closures.desk"},
	{"/staff/users", "staff.users.title", "staff.desk.users"},
	{"/staff/teams", "staff.teams.title", "staff.desk.teams"},
	{"/staff/rooms", "staff.rooms.title", "staff.desk.rooms"},
	{"/staff/holidays", "holidays.title", "holidays.desk"},
	{"/staff/utilization", "utilization.title", "utilization.desk"},
	{"/staff/audit", "audit.title", "audit.desk"},
}

type staffDeskView struct {
	Page
	Sections []deskSection
	// Counts are numbers shown beside a card's name, by its Href (how
	// many bookings wait for approval).
	Counts map[string]string
}

func (s *Server) handleStaffDesk(c *gin.Context) {
	p := s.basePage(c, "staff")
	s.render(c, http.StatusOK, "staff", p.Lang, &staffDeskView{Page: p, Sections: deskSections,
		Counts: map[string]string{"/staff/approvals": s.approvalsDeskCount(c, p.User)}})
}
