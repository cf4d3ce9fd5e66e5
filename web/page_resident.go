package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// residentPages are the home page, a room's week and the reader's own
// bookings. (Placeholders until the resident pages land.)
func (s *Server) residentPages(g *gin.RouterGroup) {
	get(g, "/", s.handleHomePage)
	get(g, "/me/bookings", s.needLogin, s.handleMyBookingsPage)
}

type placeholderView struct {
	Page
	Heading string
}

func (s *Server) handleHomePage(c *gin.Context) {
	p := s.basePage(c, "home")
	s.render(c, http.StatusOK, "placeholder", p.Lang, &placeholderView{Page: p, Heading: "nav.home"})
}

func (s *Server) handleMyBookingsPage(c *gin.Context) {
	p := s.basePage(c, "mine")
	s.render(c, http.StatusOK, "placeholder", p.Lang, &placeholderView{Page: p, Heading: "nav.mine"})
}
