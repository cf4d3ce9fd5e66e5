package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// sink is a ResponseWriter that counts the body and keeps nothing, so a
// benchmark measures the server, not a recorder copying 700 KB.
type sink struct {
	h      http.Header
	status int
	n      int
}

func (s *sink) Header() http.Header         { return s.h }
func (s *sink) WriteHeader(code int)        { s.status = code }
func (s *sink) Write(p []byte) (int, error) { s.n += len(p); return len(p), nil }

// benchFeedGET serves the big room's feed from the cache, through the real
// router, asking with acceptEncoding; it reports the bytes each answer
// sends. The first request (outside the timer) builds the cache entry.
func benchFeedGET(b *testing.B, acceptEncoding, wantEncoding string) {
	_, srv := bigRoom(b)
	req := httptest.NewRequest("GET", "/calendar/rooms/activity.ics", nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	srv.ServeHTTP(&sink{h: http.Header{}}, req)
	var sent int
	b.ReportAllocs()
	for b.Loop() {
		w := &sink{h: http.Header{}}
		srv.ServeHTTP(w, req)
		if w.status != 200 || w.h.Get("Content-Encoding") != wantEncoding {
			b.Fatalf("status %d, Content-Encoding %q", w.status, w.h.Get("Content-Encoding"))
		}
		sent = w.n
	}
	b.ReportMetric(float64(sent), "B/answer")
}

// BenchmarkRoomFeedCachedPlain: the 700 KB room feed from the cache, to a
// client that takes no gzip.
func BenchmarkRoomFeedCachedPlain(b *testing.B) { benchFeedGET(b, "", "") }

// BenchmarkRoomFeedCachedGzip: the same to a client that takes gzip: the
// entry's compressed-once bytes go out, so the cost is that of the plain
// answer (a few allocations, no compressor), with a tenth of the bytes.
func BenchmarkRoomFeedCachedGzip(b *testing.B) { benchFeedGET(b, "gzip, deflate, br", "gzip") }

// BenchmarkRoomFeedGzip compresses the big feed with a pooled writer: at
// the middleware's fast level, what each answer would cost if the feed
// were compressed per request; at the default level, what building a
// cache entry adds once (gzipBytes).
func BenchmarkRoomFeedGzip(b *testing.B) {
	_, srv := bigRoom(b)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/calendar/rooms/activity.ics", nil))
	plain := rec.Body.Bytes()
	for _, lv := range []struct {
		name  string
		level int
	}{{"PerRequestFast", gzip.BestSpeed}, {"OncePerEntry", gzip.DefaultCompression}} {
		b.Run(lv.name, func(b *testing.B) {
			zw, _ := gzip.NewWriterLevel(io.Discard, lv.level)
			w := &sink{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				zw.Reset(w)
				zw.Write(plain)
				zw.Close()
			}
			b.ReportMetric(float64(len(plain)), "B/plain")
			b.ReportMetric(float64(w.n)/float64(b.N), "B/gzip")
		})
	}
}

// BenchmarkOccurrencesWeekGzip is BenchmarkOccurrencesWeek to a client that
// takes gzip: the cached listing is compressed per request by the
// middleware, as a page without kept gzip bytes would be.
func BenchmarkOccurrencesWeekGzip(b *testing.B) {
	_, srv := bigRoom(b)
	req := httptest.NewRequest("GET", "/api/v1/occurrences?room=activity&from=2026-12-07T00:00:00%2B08:00&to=2026-12-14T00:00:00%2B08:00", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	var plain, sent int
	b.ReportAllocs()
	for b.Loop() {
		w := &sink{h: http.Header{}}
		srv.ServeHTTP(w, req)
		if w.status != 200 || w.h.Get("Content-Encoding") != "gzip" {
			b.Fatalf("status %d, Content-Encoding %q", w.status, w.h.Get("Content-Encoding"))
		}
		sent = w.n
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", req.URL.String(), nil))
	plain = rec.Body.Len()
	b.ReportMetric(float64(plain), "B/plain")
	b.ReportMetric(float64(sent), "B/answer")
}
