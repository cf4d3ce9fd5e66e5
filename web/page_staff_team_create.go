package web

import (
	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffTeamCreate adds a team with its names and leaders.
func (s *Server) handleStaffTeamCreate(c *gin.Context) {
	p := s.basePage(c, "staff")
	f := teamForm(c)
	_, err := s.svc.CreateTeam(c.Request.Context(), p.User, booking.Team{ID: f.ID, Name: f.Name, NameEN: f.NameEN, Leaders: f.Leaders})
	if err != nil {
		s.staffTeamRefused(c, p, true, f, err)
		return
	}
	staffDone(c, "/staff/teams", "staff_team_created")
}
