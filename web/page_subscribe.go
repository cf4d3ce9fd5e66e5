package web

import "github.com/gin-gonic/gin"

// subscribePages are the calendar subscription pages and the door poster.
func (s *Server) subscribePages(g *gin.RouterGroup) {}
