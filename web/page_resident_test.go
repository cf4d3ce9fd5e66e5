package web_test

import (
	"html"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"mingzhu/web"
)

// newDemoEnv is newEnv on the demo seed (the teams and their weekly
// timetable), the clock at Saturday 2026-11-28 10:00 in Shanghai: tai chi
// (06:30) is over, the children's painting class (09:00-10:30) and drum
// kit (10:00-11:30) are on, pen calligraphy comes at 14:00.
func newDemoEnv(t *testing.T) *env {
	t.Helper()
	clk := startOfTests()
	svc, db := newService(t, "demo", clk)
	srv := httptest.NewServer(validated(t, web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))))
	t.Cleanup(srv.Close)
	e := &env{t: t, db: db, srv: srv, clock: clk}
	e.admin = e.login("admin", adminPassword)
	return e
}

// residentBrowser opens a resident account (through staff, as
// env.resident does) and logs it in through the login form.
func residentBrowser(t *testing.T, e *env, username string) *browser {
	t.Helper()
	e.resident(username)
	b := newBrowser(t, e)
	b.login(username, "secret-pass")
	return b
}

// fieldMessage is the text of the message shown next to field name, or
// "" when there is none.
func fieldMessage(body, name string) string {
	m := regexp.MustCompile(`id="f-` + name + `-error"[^>]*>([^<]*)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// text is the page's body with tags dropped and entities decoded, for
// checking what a person reads.
func text(body string) string {
	s := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`).ReplaceAllString(body, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func mustLack(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s shows %q", what, w)
		}
	}
}

// shanghaiAt is a Shanghai wall-clock time.
func shanghaiAt(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, shanghai) }
