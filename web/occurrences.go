package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) occurrenceRoutes(api *gin.RouterGroup) {
	get(api, "/occurrences", s.optionalAuth, s.handleOccurrences)
}

// handleOccurrences lists what occupies a room (or a team's classes) in a
// window. Anyone may look; titles of others' bookings are hidden. Answers
// are cached per viewer and query until a write touches what they show.
func (s *Server) handleOccurrences(c *gin.Context) {
	var tf timeFields
	q := booking.OccurrenceQuery{Room: c.Query("room"), Team: c.Query("team"),
		From: queryTime(c, &tf, "from"), To: queryTime(c, &tf, "to")}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	viewer := user(c)
	// The key holds only what shapes the answer, so junk parameters
	// cannot fill the cache with copies.
	key := fmt.Sprintf("occ|%s|%d|%d|%q|%q", "", q.From.Unix(), q.To.Unix(), q.Room, q.Team)
	if viewer != nil {
		key = fmt.Sprintf("occ|%s|%d|%d|%q|%q", viewer.ID, q.From.Unix(), q.To.Unix(), q.Room, q.Team)
	}
	stamp := s.svc.OccurrencesStamp(q)
	if e := s.cache.get(key, stamp); e != nil {
		c.Data(http.StatusOK, "application/json; charset=utf-8", e.body)
		return
	}
	occ, err := s.svc.Occurrences(c.Request.Context(), viewer, q)
	if err != nil {
		s.fail(c, err)
		return
	}
	if occ == nil {
		occ = []booking.Occurrence{}
	}
	body, err := json.Marshal(gin.H{"occurrences": occ})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.cache.put(key, &cached{stamp: stamp, body: body})
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}
