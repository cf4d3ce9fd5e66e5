package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffTeamRow is a team as the list shows it: its leaders by name.
type staffTeamRow struct {
	booking.Team
	LeaderNames []string
}

type staffTeamsView struct {
	Page
	Teams []staffTeamRow
}

// handleStaffTeams lists the teams with their leaders.
func (s *Server) handleStaffTeams(c *gin.Context) {
	p := s.basePage(c, "staff")
	teams, err := s.svc.Teams(c.Request.Context())
	if err != nil {
		s.pageFail(c, err)
		return
	}
	leaders, err := s.leaderAccounts(c.Request.Context(), p.User)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := staffTeamsView{Page: p}
	for _, t := range teams {
		row := staffTeamRow{Team: t}
		for _, name := range t.Leaders {
			row.LeaderNames = append(row.LeaderNames, personLabel(p.Lang, leaders, name))
		}
		v.Teams = append(v.Teams, row)
	}
	s.render(c, http.StatusOK, "staff_teams", p.Lang, &v)
}

// leaderAccounts are the accounts with role leader, those a team's
// leaders are chosen from.
func (s *Server) leaderAccounts(ctx context.Context, actor *booking.User) ([]booking.User, error) {
	return s.svc.Users(ctx, actor, booking.UserFilter{Role: booking.RoleLeader, Limit: booking.MaxUserLimit})
}

// personLabel is "name (username)" for an account in list, the username
// alone for one not in it (a staff member leading a team).
func personLabel(lang string, list []booking.User, username string) string {
	i := slices.IndexFunc(list, func(u booking.User) bool { return strings.EqualFold(u.Username, username) })
	if i < 0 {
		return username
	}
	if lang == langEN {
		return list[i].Name + " (" + list[i].Username + ")"
	}
	return list[i].Name + "（" + list[i].Username + "）"
}

// leaderChecks are the checkboxes of a team's leaders: every leader
// account, and any chosen one that is not (staff may lead too), with the
// chosen ones ticked.
func leaderChecks(lang string, leaders []booking.User, chosen []string) []checkView {
	var out []checkView
	isChosen := func(name string) bool {
		return slices.ContainsFunc(chosen, func(c string) bool { return strings.EqualFold(c, name) })
	}
	for _, u := range leaders {
		out = append(out, checkView{Value: u.Username, Label: personLabel(lang, leaders, u.Username), Checked: isChosen(u.Username)})
	}
	for _, name := range chosen {
		if !slices.ContainsFunc(out, func(cv checkView) bool { return strings.EqualFold(cv.Value, name) }) {
			out = append(out, checkView{Value: name, Label: name, Checked: true})
		}
	}
	return out
}
