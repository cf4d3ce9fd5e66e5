package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// handleCheckIn records that a booking's people have come: its owner
// within 15 minutes of the start, or staff (booking.CanCheckIn says who
// and when). Checking in twice answers the same booking.
func (s *Server) handleCheckIn(c *gin.Context) {
	b, err := s.svc.CheckIn(c.Request.Context(), user(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"booking": b})
}
