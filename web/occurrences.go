package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

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
	// cannot fill the cache with copies. (Only answers for existing rooms
	// and teams are cached, and their ids hold no NUL.)
	viewerID := ""
	if viewer != nil {
		viewerID = viewer.ID
	}
	key := strings.Join([]string{"occ", viewerID, strconv.FormatInt(q.From.Unix(), 10),
		strconv.FormatInt(q.To.Unix(), 10), q.Room, q.Team}, "\x00")
	stamp := s.svc.OccurrencesStamp(c.Request.Context(), q)
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
