package web

import (
	"strings"

	"github.com/gin-gonic/gin"
)

// serveDownload answers a feed as a file to save and import once: the very
// bytes, ETag and caching of the feed (serveFeed), with only
// Content-Disposition added. Phone makers' calendar apps import such a
// file but cannot subscribe to an address, and inside WeChat a download is
// the one thing that reaches the calendar at all.
func (s *Server) serveDownload(c *gin.Context, kind, id, filename string) {
	c.Header("Content-Disposition", `attachment; filename="`+downloadName(filename)+`"`)
	s.serveFeed(c, kind, id)
}

// downloadName keeps a file name to what a quoted header value holds
// everywhere: ids are slugs already, but a header is no place to trust that.
func downloadName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '.' || r == '-' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, name)
}
