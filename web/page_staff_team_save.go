package web

import (
	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffTeamSave stores a team's names and leaders as the form has
// them (no box ticked: no leaders); the id never changes.
func (s *Server) handleStaffTeamSave(c *gin.Context) {
	p := s.basePage(c, "staff")
	f := teamForm(c)
	f.ID = c.Param("id")
	leaders := f.Leaders
	if leaders == nil {
		leaders = []string{}
	}
	_, err := s.svc.PatchTeam(c.Request.Context(), p.User, f.ID, booking.TeamPatch{Name: &f.Name, NameEN: &f.NameEN, Leaders: &leaders})
	if err != nil {
		s.staffTeamRefused(c, p, false, f, err)
		return
	}
	staffDone(c, "/staff/teams", "staff_team_saved")
}
