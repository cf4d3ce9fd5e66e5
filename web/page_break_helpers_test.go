package web_test

// Helpers of the attack review of the web pages (page_break_*_test.go).

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode"
)

// dbTables are every table of the schema; dbState reads them all.
var dbTables = []string{"rooms", "users", "tokens", "bookings", "teams", "team_leaders", "series", "series_parts",
	"series_exdates", "series_exceptions", "revision", "holiday_overrides", "closures"}

// dbState is the whole database as one string, rows in a fixed order, so
// that a test can tell whether a request changed anything at all.
func (e *env) dbState() string {
	e.t.Helper()
	state, err := e.db.Fingerprint(context.Background(), dbTables...)
	if err != nil {
		e.t.Fatal(err)
	}
	return state
}

// sendRaw is a request on the transport itself, which, unlike a client,
// hands back any Location header as sent (a client refuses to parse one
// with control characters, which browsers strip and follow).
func (b *browser) sendRaw(method, path string, f url.Values, header map[string]string) *http.Response {
	b.t.Helper()
	var body io.Reader
	if f != nil {
		body = strings.NewReader(f.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if f != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method != http.MethodGet && b.site != "" {
		req.Header.Set("Sec-Fetch-Site", b.site)
	}
	for _, c := range b.c.Jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil { // a broken answer, reported; the test goes on
		b.t.Errorf("%s %s: %v", method, path, err)
		return &http.Response{Header: http.Header{}}
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// isHan is a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
