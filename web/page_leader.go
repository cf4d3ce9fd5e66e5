package web

import (
	"context"
	"slices"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// leaderPages are a team leader's teams and weekly classes: the list at
// /lead, the new-class form with its live clash preview, and each class's
// page, where anyone may look and its leaders cancel or move a date.
func (s *Server) leaderPages(g *gin.RouterGroup) {
	get(g, "/lead", s.needLeader, s.handleLeadPage)
	get(g, "/lead/classes/new", s.needLeader, s.handleClassNewPage)
	g.POST("/lead/classes/new", s.needLeader, s.handleClassCreate)
	g.POST("/lead/classes/preview", s.needLeader, s.handleClassPreview)
	get(g, "/classes/:id", s.handleClassPage)
	g.POST("/classes/:id/cancel", s.needLogin, s.handleClassCancel)
	g.POST("/classes/:id/move", s.needLogin, s.handleClassMove)
}

// needLeader lets team leaders and staff through; a resident sees the
// friendly 403 page, an anonymous reader the login page.
func (s *Server) needLeader(c *gin.Context) {
	u := pageUser(c)
	switch {
	case u == nil:
		s.toLogin(c)
	case u.Role != booking.RoleLeader && !u.IsStaff():
		s.pageFail(c, booking.Errorf(booking.EFORBIDDEN, "仅领队和工作人员可用 for team leaders and staff only"))
	default:
		c.Next()
	}
}

// ledTeams are the teams u may schedule: those u leads, every team for
// staff (the service's own rule, Team.LedBy).
func (s *Server) ledTeams(ctx context.Context, u *booking.User) ([]booking.Team, error) {
	teams, err := s.svc.Teams(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(teams, func(t booking.Team) bool { return !t.LedBy(u) }), nil
}
