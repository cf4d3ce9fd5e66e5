package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// isPagePath tells a page, read by a person, from the API, the feeds, the
// health check and the assets, which answer machines and keep their JSON
// errors.
func isPagePath(p string) bool {
	for _, prefix := range []string{"/api/", "/calendar/", "/static/"} {
		if strings.HasPrefix(p, prefix) {
			return false
		}
	}
	return p != "/healthz"
}

// refuse answers a failure found before any handler ran (overload, a body
// too large, a wrong method, a panic): JSON for machines, the friendly
// page for people.
func (s *Server) refuse(c *gin.Context, status int, err error) {
	if !isPagePath(c.Request.URL.Path) {
		if status == http.StatusMethodNotAllowed {
			c.AbortWithStatusJSON(status, gin.H{"error": gin.H{"code": booking.EINVALID, "message": booking.ErrorMessage(err)}})
			return
		}
		s.fail(c, err)
		return
	}
	p := s.basePage(c, "")
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "1")
	}
	s.render(c, status, "error", p.Lang, &errorView{Page: p, Status: status, Message: s.errText(p.Lang, err)})
	c.Abort()
}
