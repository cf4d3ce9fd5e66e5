package web

import "github.com/gin-gonic/gin"

// staffPages are the reception desk's: accounts, teams and rooms.
func (s *Server) staffPages(g *gin.RouterGroup) {}
