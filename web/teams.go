package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) teamRoutes(api *gin.RouterGroup) {
	api.POST("/teams", s.auth, s.handleTeamCreate)
	api.PATCH("/teams/:id", s.auth, s.handleTeamPatch)
	get(api, "/teams", s.handleTeams)
	get(api, "/teams/:id", s.handleTeam)
	api.POST("/teams/:id/import", s.auth, s.handleImport)
}

// teamView is a team with the addresses of its calendar feed.
type teamView struct {
	*booking.Team
	FeedURL   string `json:"feed_url"`
	WebcalURL string `json:"webcal_url"`
}

func newTeamView(c *gin.Context, t *booking.Team) teamView {
	v := teamView{Team: t}
	v.FeedURL, v.WebcalURL = feedURLs(c, "/calendar/teams/"+t.ID+".ics")
	return v
}

type teamRequest struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	NameEN  string   `json:"name_en"`
	Leaders []string `json:"leaders"`
}

func (s *Server) handleTeamCreate(c *gin.Context) {
	var req teamRequest
	if !s.decode(c, &req) {
		return
	}
	t, err := s.svc.CreateTeam(c.Request.Context(), user(c),
		booking.Team{ID: req.ID, Name: req.Name, NameEN: req.NameEN, Leaders: req.Leaders})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"team": newTeamView(c, t)})
}

type teamPatchRequest struct {
	Name    *string   `json:"name"`
	NameEN  *string   `json:"name_en"`
	Leaders *[]string `json:"leaders"`
}

// handleTeamPatch renames a team or replaces its leaders (staff).
func (s *Server) handleTeamPatch(c *gin.Context) {
	var req teamPatchRequest
	if !s.decode(c, &req) {
		return
	}
	t, err := s.svc.PatchTeam(c.Request.Context(), user(c), c.Param("id"), booking.TeamPatch(req))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"team": newTeamView(c, t)})
}

func (s *Server) handleTeams(c *gin.Context) {
	teams, err := s.svc.Teams(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	views := make([]teamView, 0, len(teams))
	for i := range teams {
		views = append(views, newTeamView(c, &teams[i]))
	}
	list(c, "teams", views)
}

func (s *Server) handleTeam(c *gin.Context) {
	t, err := s.svc.Team(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"team": newTeamView(c, t)})
}
