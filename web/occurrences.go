package web

import (
	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) occurrenceRoutes(api *gin.RouterGroup) {
	api.GET("/occurrences", s.optionalAuth, s.handleOccurrences)
}

// handleOccurrences lists what occupies a room (or a team's classes) in a
// window. Anyone may look; titles of others' bookings are hidden.
func (s *Server) handleOccurrences(c *gin.Context) {
	var tf timeFields
	q := booking.OccurrenceQuery{Room: c.Query("room"), Team: c.Query("team"),
		From: tf.parse("from", c.Query("from")), To: tf.parse("to", c.Query("to"))}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	occ, err := s.svc.Occurrences(c.Request.Context(), user(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	list(c, "occurrences", occ)
}
