package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffTeamForm is what the team form sends, kept to show again when it
// is refused.
type staffTeamForm struct {
	ID, Name, NameEN string
	Leaders          []string
}

func teamForm(c *gin.Context) staffTeamForm {
	return staffTeamForm{ID: strings.TrimSpace(c.PostForm("id")), Name: strings.TrimSpace(c.PostForm("name")),
		NameEN: strings.TrimSpace(c.PostForm("name_en")), Leaders: c.PostFormArray("leaders")}
}

// staffTeamView is the form of a new team (Team nil) or of one to edit
// (Team as stored).
type staffTeamView struct {
	Page
	Team    *booking.Team
	Form    staffTeamForm
	Leaders []checkView
	Errors  formErrors
}

// handleStaffTeam shows a team's form with its names and leaders.
func (s *Server) handleStaffTeam(c *gin.Context) {
	p := s.basePage(c, "staff")
	t, err := s.svc.Team(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.showStaffTeam(c, p, http.StatusOK, t, staffTeamForm{ID: t.ID, Name: t.Name, NameEN: t.NameEN, Leaders: t.Leaders}, formErrors{})
}

// handleStaffTeamNew shows the form of a new team.
func (s *Server) handleStaffTeamNew(c *gin.Context) {
	p := s.basePage(c, "staff")
	s.showStaffTeam(c, p, http.StatusOK, nil, staffTeamForm{}, formErrors{})
}

// showStaffTeam renders a team's form, offering the leader accounts.
func (s *Server) showStaffTeam(c *gin.Context, p Page, status int, t *booking.Team, f staffTeamForm, errs formErrors) {
	leaders, err := s.leaderAccounts(c.Request.Context(), p.User)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.render(c, status, "staff_team", p.Lang, &staffTeamView{Page: p, Team: t, Form: f,
		Leaders: leaderChecks(p.Lang, leaders, f.Leaders), Errors: errs})
}

// staffTeamRefused shows the form again with the refusal by its field; a
// taken id stands by the id. The form of a team to edit is headed by its
// name as stored, read again.
func (s *Server) staffTeamRefused(c *gin.Context, p Page, isNew bool, f staffTeamForm, err error) {
	errs := formErrors{}
	if !errs.add(s, p.Lang, err, "id", "name", "name_en", "leaders", "team") {
		s.pageFail(c, err)
		return
	}
	if msg, ok := errs["team"]; ok {
		delete(errs, "team")
		errs["id"] = msg
	}
	status := refusalStatus(err)
	var t *booking.Team
	if !isNew {
		if t, err = s.svc.Team(c.Request.Context(), f.ID); err != nil {
			s.pageFail(c, err)
			return
		}
	}
	s.showStaffTeam(c, p, status, t, f, errs)
}
