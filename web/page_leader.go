package web

import "github.com/gin-gonic/gin"

// leaderPages are a team leader's teams and weekly classes.
func (s *Server) leaderPages(g *gin.RouterGroup) {}
