package web_test

// The attack review of the web pages (issue 9): each test tries to break
// the pages from outside, as a client would. The ones named after a
// finding failed before its fix; the others hold the line.

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// browserTarget is where a browser goes for a Location header: it strips
// ASCII tabs and newlines anywhere in a URL, and leading or trailing C0
// controls and spaces (WHATWG URL), and reads a backslash as a slash.
func browserTarget(loc string) string {
	loc = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		if r == '\\' {
			return '/'
		}
		return r
	}, loc)
	return strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
}

// Finding: next= with a tab ("/\t/evil.example") passed safeNext, and the
// login, registration and language switch redirected there; a browser
// drops the tab and goes to //evil.example. Other control characters
// broke the answer's header. Every redirect must lead to a path here.
func TestBreakNextWithControlCharactersStaysOnTheSite(t *testing.T) {
	e := newEnv(t)
	nexts := []string{"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\x0b/evil.example", "/\x0c/evil.example",
		"/\x00/evil.example", "/\x7f/evil.example", "\t//evil.example", "/\t\\evil.example", "/%09/evil.example/\t/x"}
	for _, next := range nexts {
		for _, tc := range []struct {
			path string
			form url.Values
		}{
			{"/login", form("username", "admin", "password", adminPassword, "next", next)},
			{"/lang", form("lang", "en", "next", next)},
		} {
			b := newBrowser(t, e)
			res := b.sendRaw(http.MethodPost, tc.path, tc.form, nil)
			loc := res.Header.Get("Location")
			target := browserTarget(loc)
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") ||
				strings.ContainsFunc(loc, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				t.Errorf("POST %s next=%q: %d Location %q (a browser goes to %q)", tc.path, next, res.StatusCode, loc, target)
			}
		}
		// The login page keeps next= for its form: the same rule applies.
		p := newBrowser(t, e).get("/login?next=" + url.QueryEscape(next))
		if !strings.Contains(p.Body, `name="next" value="/"`) {
			t.Errorf("login page keeps next=%q", next)
		}
	}
	// A registration leads on the same way.
	b := newBrowser(t, e)
	res := b.sendRaw(http.MethodPost, "/register", form("username", "liming", "name", "李明", "password", "long-enough-1", "next", "/\t/evil.example"), nil)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/" {
		t.Errorf("register: %d %q", res.StatusCode, loc)
	}
}
