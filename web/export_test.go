package web

import "github.com/gin-gonic/gin"

// RoutesOf lists s's routes, for the test that checks each is described
// in openapi.json.
func RoutesOf(s *Server) gin.RoutesInfo { return s.router.Routes() }

// RouterOf is s's router, for tests that add a page-like route behind the
// real middleware (compression) before any page exists.
func RouterOf(s *Server) *gin.Engine { return s.router }
