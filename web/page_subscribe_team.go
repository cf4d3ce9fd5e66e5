package web

import (
	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleTeamSubscribePage offers a team's feed: its classes in every room.
func (s *Server) handleTeamSubscribePage(c *gin.Context) {
	p := s.basePage(c, "home")
	team, err := s.svc.Team(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := subscribeView{Page: p, Kind: "team", NameZH: team.Name, NameEN: team.NameEN, Back: "/teams/" + team.ID}
	s.renderSubscribe(c, v, "/calendar/teams/"+team.ID+".ics", "/teams/"+team.ID+"/calendar.ics")
}

// handleTeamCalendarDownload serves the team's feed as a file.
func (s *Server) handleTeamCalendarDownload(c *gin.Context) {
	team, err := s.svc.Team(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.serveDownload(c, booking.FeedTeam, team.ID, "mingzhu-team-"+team.ID+".ics")
}
