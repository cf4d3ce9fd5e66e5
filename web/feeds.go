package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
	"mingzhu/calendar/ical"
)

func (s *Server) feedRoutes() {
	g := s.router.Group("/calendar")
	for _, route := range []struct{ path, kind string }{
		{"/rooms/:file", booking.FeedRoom}, {"/teams/:file", booking.FeedTeam}, {"/me/:file", booking.FeedPrivate},
	} {
		h := s.handleFeed(route.kind)
		g.GET(route.path, h)
		g.HEAD(route.path, h)
	}
	courses := func(c *gin.Context) { s.serveFeed(c, booking.FeedCourses, "") }
	g.GET("/courses.ics", courses)
	g.HEAD("/courses.ics", courses)
}

// handleFeed serves /calendar/<kind>/<id>.ics.
func (s *Server) handleFeed(kind string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := strings.CutSuffix(c.Param("file"), ".ics")
		if !ok || id == "" {
			s.fail(c, booking.NotFound("feed", "没有这个日历 no such calendar"))
			return
		}
		s.serveFeed(c, kind, id)
	}
}

// serveFeed answers a feed with a strong ETag (a hash of the exact bytes)
// and Last-Modified; If-None-Match gets 304 without rebuilding. Clients
// that accept gzip get the bytes compressed when the entry was built (the
// compress middleware takes "-gz" off their If-None-Match first).
func (s *Server) serveFeed(c *gin.Context, kind, id string) {
	key := "feed|" + kind + "|" + id
	var f *cached
	if stamp, ok := s.svc.PublicFeedStamp(c.Request.Context(), kind, id); ok {
		f = s.cache.get(key, stamp) // served before, unchanged: no query at all
	}
	if f == nil {
		stamp, err := s.svc.FeedStamp(c.Request.Context(), kind, id)
		if err != nil {
			s.fail(c, err)
			return
		}
		if f = s.cache.get(key, stamp); f == nil {
			if f, err = s.buildFeed(c, kind, id, stamp, s.cache.any(key)); err != nil {
				s.fail(c, err)
				return
			}
			s.cache.put(key, f)
		}
	}
	h := c.Writer.Header()
	h.Set("ETag", f.etag)
	h.Set("Last-Modified", f.modified.UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache")
	if kind == booking.FeedPrivate {
		h.Set("Cache-Control", "private, no-cache")
	}
	if etagMatch(c.GetHeader("If-None-Match"), f.etag) {
		c.Status(http.StatusNotModified)
		return
	}
	sendVariant(c, http.StatusOK, "text/calendar; charset=utf-8", f.body, f.gz)
}

// buildFeed builds and encodes a feed. Last-Modified only moves forward:
// unchanged bytes keep the previous value; changed bytes take the newest
// event's change time, or now if that would go back (a cancelled booking
// leaves an older newest event) or there are no events.
func (s *Server) buildFeed(c *gin.Context, kind, id, stamp string, prev *cached) (*cached, error) {
	cal, err := s.svc.Feed(c.Request.Context(), kind, id)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := ical.Encode(&buf, cal); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	f := &cached{stamp: stamp, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, body: buf.Bytes()}
	for _, ev := range cal.Events {
		if ev.LastModified.After(f.modified) {
			f.modified = ev.LastModified
		}
	}
	switch {
	case prev != nil && prev.etag == f.etag:
		f.modified, f.gz = prev.modified, prev.gz // same bytes: compressed already
		return f, nil
	case f.modified.IsZero() || (prev != nil && !f.modified.After(prev.modified)):
		f.modified = s.svc.Now()
	}
	f.gz = gzipBytes(f.body)
	return f, nil
}

// etagMatch implements If-None-Match (RFC 9110 §13.1.2) for our strong tags.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// baseURL is the scheme and host the request came in on, so that feed
// addresses work behind whatever name the centre's server has.
func baseURL(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	if p := c.GetHeader("X-Forwarded-Proto"); p == "https" || p == "http" {
		scheme = p
	}
	return scheme + "://" + c.Request.Host
}

// feedURLs returns a feed's http(s) and webcal:// addresses.
func feedURLs(c *gin.Context, path string) (string, string) {
	u := baseURL(c) + path
	_, rest, _ := strings.Cut(u, "://")
	return u, "webcal://" + rest
}
