package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"mingzhu/web"
)

// rawClient sees answers as they travel: Go's default client asks for
// gzip by itself and hides Content-Encoding, which would hide the point.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

// exchange is one request and its answer seen by rawClient.
type exchange struct {
	status int
	header http.Header
	body   []byte // as sent, compressed or not
}

// plain is the body after gzip decoding, if it was encoded.
func (a exchange) plain(t *testing.T) []byte {
	t.Helper()
	if a.header.Get("Content-Encoding") != "gzip" {
		return a.body
	}
	zr, err := gzip.NewReader(bytes.NewReader(a.body))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("bad gzip: %v", err)
	}
	return b
}

func (a exchange) gzipped() bool { return a.header.Get("Content-Encoding") == "gzip" }

// rawDo sends method path to base with headers given as name, value pairs.
func rawDo(t *testing.T, base, method, path string, headers ...string) exchange {
	t.Helper()
	req, err := http.NewRequest(method, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return exchange{status: res.StatusCode, header: res.Header, body: b}
}

// varyCount counts Accept-Encoding in Vary: exactly one is right.
func varyCount(h http.Header) int {
	n := 0
	for _, v := range h.Values("Vary") {
		n += strings.Count(strings.ToLower(v), "accept-encoding")
	}
	return n
}

// pageServer is the real router with a page-like route added behind its
// middleware: /page writes an HTML page of about 6 KB in pieces, as a
// template does, with a strong ETag and its own If-None-Match check;
// /small writes a page under 1 KB.
func pageServer(t *testing.T) (string, []byte) {
	svc, _ := newService(t, "none", startOfTests())
	srv := web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	page := []byte("<!doctype html><html lang=zh><title>明珠社区</title><ul>" +
		strings.Repeat("<li class=room>书法室 Calligraphy room · 空闲 free now</li>\n", 80) + "</ul></html>")
	r := web.RouterOf(srv)
	r.GET("/page", func(c *gin.Context) {
		c.Header("ETag", `"page1"`)
		if strings.Contains(c.GetHeader("If-None-Match"), `"page1"`) {
			c.Status(http.StatusNotModified)
			return
		}
		c.Header("Content-Type", "text/html; charset=utf-8")
		c.Status(http.StatusOK)
		for rest := page; len(rest) > 0; rest = rest[min(len(rest), 500):] {
			c.Writer.Write(rest[:min(len(rest), 500)])
		}
	})
	r.HEAD("/page", func(c *gin.Context) { c.Data(http.StatusOK, "text/html; charset=utf-8", page) })
	r.GET("/small", func(c *gin.Context) { c.Data(http.StatusOK, "text/html; charset=utf-8", page[:900]) })
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs.URL, page
}

func TestGzipPageNegotiation(t *testing.T) {
	base, page := pageServer(t)
	for _, tc := range []struct {
		accept string
		gzip   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"GZIP;q=0.5", true},
		{"x-gzip", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0, deflate", false},
		{"deflate, br", false},
		{"identity", false},
		{"br;q=1, *;q=0.1", true},
		{"*;q=0", false},
		{"gzip;q=0, *", false}, // gzip named: the star does not bring it back
		{"gzip;q=nonsense", false},
	} {
		a := rawDo(t, base, "GET", "/page", "Accept-Encoding", tc.accept)
		if a.status != 200 || a.gzipped() != tc.gzip {
			t.Errorf("Accept-Encoding %q: status %d, Content-Encoding %q; want gzip %v", tc.accept, a.status, a.header.Get("Content-Encoding"), tc.gzip)
			continue
		}
		if got := a.plain(t); !bytes.Equal(got, page) {
			t.Errorf("Accept-Encoding %q: body differs (%d bytes, want %d)", tc.accept, len(got), len(page))
		}
		if varyCount(a.header) != 1 {
			t.Errorf("Accept-Encoding %q: Vary %q", tc.accept, a.header.Values("Vary"))
		}
		wantTag := `"page1"`
		if tc.gzip {
			wantTag = `"page1-gz"`
			if len(a.body) >= len(page)/2 || a.header.Get("Content-Length") == strconv.Itoa(len(page)) {
				t.Errorf("Accept-Encoding %q: %d bytes sent for a %d-byte page", tc.accept, len(a.body), len(page))
			}
		}
		if tag := a.header.Get("ETag"); tag != wantTag {
			t.Errorf("Accept-Encoding %q: ETag %s, want %s", tc.accept, tag, wantTag)
		}
	}
}

func TestGzipPageSmallHeadAnd304(t *testing.T) {
	base, page := pageServer(t)
	small := rawDo(t, base, "GET", "/small", "Accept-Encoding", "gzip")
	if small.gzipped() || small.header.Get("Content-Length") != "900" || !bytes.Equal(small.body, page[:900]) {
		t.Errorf("a 900-byte page: Content-Encoding %q, Content-Length %q", small.header.Get("Content-Encoding"), small.header.Get("Content-Length"))
	}
	head := rawDo(t, base, "HEAD", "/page", "Accept-Encoding", "gzip")
	if head.status != 200 || head.gzipped() || len(head.body) != 0 || varyCount(head.header) != 1 ||
		head.header.Get("Content-Length") != strconv.Itoa(len(page)) {
		t.Errorf("HEAD: %d %v, %d bytes", head.status, head.header, len(head.body))
	}
	// Either form of the tag gets 304, and the 304 names the form the
	// client holds.
	for _, tc := range []struct{ accept, inm, want string }{
		{"gzip", `"page1-gz"`, `"page1-gz"`},
		{"gzip", `"page1"`, `"page1"`},
		{"", `"page1"`, `"page1"`},
		{"", `"page1-gz"`, `"page1-gz"`},
		{"gzip", `"other", "page1-gz"`, `"page1-gz"`},
	} {
		a := rawDo(t, base, "GET", "/page", "Accept-Encoding", tc.accept, "If-None-Match", tc.inm)
		if a.status != http.StatusNotModified || a.header.Get("ETag") != tc.want || len(a.body) != 0 || varyCount(a.header) != 1 {
			t.Errorf("If-None-Match %s (Accept-Encoding %q): %d, ETag %s, Vary %q", tc.inm, tc.accept, a.status, a.header.Get("ETag"), a.header.Values("Vary"))
		}
	}
	if a := rawDo(t, base, "GET", "/page", "Accept-Encoding", "gzip", "If-None-Match", `"page2-gz"`); a.status != 200 || !a.gzipped() {
		t.Errorf("another tag: %d, gzip %v", a.status, a.gzipped())
	}
}

func TestGzipJSON(t *testing.T) {
	e := newFeedEnv(t) // validated: the compressed answers are checked against openapi.json too
	spec := rawDo(t, e.srv.URL, "GET", "/api/v1/openapi.json", "Accept-Encoding", "gzip")
	if !spec.gzipped() || spec.header.Get("Content-Length") == strconv.Itoa(len(spec.plain(t))) || varyCount(spec.header) != 1 {
		t.Fatalf("openapi.json: Content-Encoding %q, Content-Length %q, Vary %q", spec.header.Get("Content-Encoding"),
			spec.header.Get("Content-Length"), spec.header.Values("Vary"))
	}
	plain := rawDo(t, e.srv.URL, "GET", "/api/v1/openapi.json")
	if plain.gzipped() || !bytes.Equal(plain.body, spec.plain(t)) || plain.header.Get("Content-Length") != strconv.Itoa(len(plain.body)) {
		t.Fatalf("plain openapi.json differs from the decompressed one, or lacks its length")
	}
	if q0 := rawDo(t, e.srv.URL, "GET", "/api/v1/openapi.json", "Accept-Encoding", "gzip;q=0"); q0.gzipped() {
		t.Fatal("gzip;q=0 got gzip")
	}
	// A listing built per request (then cached), and the list of rooms.
	for _, path := range []string{"/api/v1/occurrences?room=calligraphy&from=2026-11-30T00:00:00%2B08:00&to=2027-01-04T00:00:00%2B08:00", "/api/v1/rooms"} {
		z := rawDo(t, e.srv.URL, "GET", path, "Accept-Encoding", "gzip", "Authorization", "Bearer "+e.admin)
		p := rawDo(t, e.srv.URL, "GET", path, "Authorization", "Bearer "+e.admin)
		if z.status != 200 || p.status != 200 || !bytes.Equal(z.plain(t), p.body) {
			t.Errorf("%s: %d/%d, bodies differ", path, z.status, p.status)
		}
		if len(p.body) >= 1024 != z.gzipped() {
			t.Errorf("%s: %d bytes, gzip %v", path, len(p.body), z.gzipped())
		}
	}
	if h := rawDo(t, e.srv.URL, "GET", "/healthz", "Accept-Encoding", "gzip"); h.gzipped() || h.status != 200 {
		t.Errorf("a 15-byte answer was compressed")
	}
}

// TestGzipFeed: a kept feed goes out as its compressed-once bytes, under
// its own ETag; either tag gets 304; HEAD is plain.
func TestGzipFeed(t *testing.T) {
	fe := newFeedEnv(t)
	base, path := fe.srv.URL, "/calendar/rooms/calligraphy.ics"
	p := rawDo(t, base, "GET", path)
	z := rawDo(t, base, "GET", path, "Accept-Encoding", "gzip")
	tag := p.header.Get("ETag")
	if p.status != 200 || z.status != 200 || p.gzipped() || !z.gzipped() {
		t.Fatalf("plain %d %q, gzip %d %q", p.status, p.header.Get("Content-Encoding"), z.status, z.header.Get("Content-Encoding"))
	}
	if !bytes.Equal(z.plain(t), p.body) || !strings.Contains(string(p.body), "BEGIN:VCALENDAR") {
		t.Fatal("the compressed feed does not decompress to the plain one (compressed twice?)")
	}
	if z.header.Get("ETag") != strings.TrimSuffix(tag, `"`)+`-gz"` || z.header.Get("Content-Length") != strconv.Itoa(len(z.body)) {
		t.Fatalf("ETag %s (plain %s), Content-Length %q for %d bytes", z.header.Get("ETag"), tag, z.header.Get("Content-Length"), len(z.body))
	}
	for _, a := range []exchange{p, z} {
		if varyCount(a.header) != 1 || a.header.Get("Last-Modified") == "" || a.header.Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Errorf("headers %v", a.header)
		}
	}
	for _, accept := range []string{"", "gzip"} {
		for _, inm := range []string{tag, z.header.Get("ETag"), `"x", ` + z.header.Get("ETag")} {
			a := rawDo(t, base, "GET", path, "Accept-Encoding", accept, "If-None-Match", inm)
			held := strings.TrimPrefix(inm, `"x", `)
			if a.status != http.StatusNotModified || a.header.Get("ETag") != held || varyCount(a.header) != 1 {
				t.Errorf("If-None-Match %s, Accept-Encoding %q: %d, ETag %s", inm, accept, a.status, a.header.Get("ETag"))
			}
		}
	}
	head := rawDo(t, base, "HEAD", path, "Accept-Encoding", "gzip")
	if head.status != 200 || head.gzipped() || head.header.Get("ETag") != tag || head.header.Get("Content-Length") != strconv.Itoa(len(p.body)) {
		t.Errorf("HEAD: %d %v", head.status, head.header)
	}
	// A change in the room makes a new entry: both variants move together.
	res := fe.resident("res3")
	fe.must(201, "POST", "/api/v1/bookings", res, map[string]any{"room": "calligraphy", "start": at(2026, 12, 9, 10, 0), "end": at(2026, 12, 9, 11, 0), "attendees": 1})
	p2, z2 := rawDo(t, base, "GET", path), rawDo(t, base, "GET", path, "Accept-Encoding", "gzip", "If-None-Match", z.header.Get("ETag"))
	if z2.status != 200 || !bytes.Equal(z2.plain(t), p2.body) || bytes.Equal(p2.body, p.body) || z2.header.Get("ETag") != strings.TrimSuffix(p2.header.Get("ETag"), `"`)+`-gz"` {
		t.Fatalf("after a booking: %d, ETag %s / %s", z2.status, z2.header.Get("ETag"), p2.header.Get("ETag"))
	}
}
