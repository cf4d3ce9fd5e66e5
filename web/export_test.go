package web

import "github.com/gin-gonic/gin"

// RoutesOf lists s's routes, for the test that checks each is described
// in openapi.json.
func RoutesOf(s *Server) gin.RoutesInfo { return s.router.Routes() }
