package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// The anonymous front page is the most read page of the site and the same
// for every anonymous reader of a language: it is kept rendered, plain and
// gzip-compressed, tagged with the service's data stamp (every write that
// could change a room's status or a class moves it) and the minute (the
// status changes with the clock, not only with the data). A request with
// the same stamp and minute costs no query, no template and no compression.
const homeCacheKey = "page:home:"

// serveCachedHome answers an anonymous GET / from the cache, building the
// entry when the data or the minute has moved on.
func (s *Server) serveCachedHome(c *gin.Context, p Page) {
	now := s.svc.Now()
	// The stamp is read before the data, so an entry can never be tagged
	// newer than what it shows.
	stamp := s.svc.OccurrencesStamp(c.Request.Context(), booking.OccurrenceQuery{}) + now.Truncate(time.Minute).Format("2006-01-02T15:04")
	plain, zipped := s.cache.get(homeCacheKey+p.Lang, stamp), s.cache.get(homeCacheKey+p.Lang+".gz", stamp)
	if plain == nil || zipped == nil {
		view, err := s.homePage(c, p, now)
		if err != nil {
			s.pageFail(c, err)
			return
		}
		body, err := s.renderCachedPage("home", p.Lang, view)
		if err != nil {
			s.log.Error("page failed", "view", "home", "err", err)
			s.renderFatal(c, p.Lang)
			return
		}
		plain, zipped = &cached{stamp: stamp, body: body}, &cached{stamp: stamp, body: homeGzip(body)}
		s.cache.put(homeCacheKey+p.Lang, plain)
		s.cache.put(homeCacheKey+p.Lang+".gz", zipped)
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Vary", "Accept-Encoding")
	if homeAcceptsGzip(c.GetHeader("Accept-Encoding")) {
		c.Header("Content-Encoding", "gzip")
		c.Data(http.StatusOK, "text/html; charset=utf-8", zipped.body)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", plain.body)
}

// renderCachedPage executes view name with data into a buffer, for pages kept
// in the cache (render writes straight to the reader).
func (s *Server) renderCachedPage(name, lang string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages.views[lang][name].ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func homeGzip(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(body)
	zw.Close()
	return buf.Bytes()
}

// homeAcceptsGzip reads Accept-Encoding (RFC 9110 §12.5.3): gzip listed
// without q=0.
func homeAcceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
