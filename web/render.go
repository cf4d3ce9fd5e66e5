package web

import (
	"fmt"

	"github.com/gin-gonic/gin"
)

// renderGuard turns an answer that could not be encoded into a 500 with
// the usual error object. Gin sets the status before it encodes and, when
// encoding fails, only records the error: the client then got a 200 with
// an empty body (a time past the year 9999 did that). Every handler's
// rendering passes here, API and pages alike, so no handler needs its own
// check.
func (s *Server) renderGuard(c *gin.Context) {
	c.Next()
	if c.Writer.Written() || len(c.Errors) == 0 {
		return
	}
	c.Header("Content-Type", "")
	s.fail(c, fmt.Errorf("rendering the answer: %w", c.Errors.Last()))
}
