package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mingzhu/web"
)

// hostile are names and titles a person may type: markup, quotes, an
// ampersand, emoji, a very long word, right-to-left text. Whatever the
// service accepts, every page must show escaped, and no page may break.
var hostile = []string{
	`<script>alert("x")</script>`,
	`Tom & "Jerry" 's <b>class</b>`,
	"合唱🎵排练 " + strings.Repeat("长", 60),
	"عربي <i>rtl</i> {{.Path}} %d %s",
}

// TestEveryPageRendersWhatWasAccepted creates, through the API, teams,
// classes, bookings and accounts named with hostile text, then crawls
// every link the pages offer, as staff, in both languages. Every page
// must answer 200, show the text escaped (never as markup), and contain
// no template or catalog residue; no link may lead nowhere.
func TestEveryPageRendersWhatWasAccepted(t *testing.T) {
	te := newTeamEnv(t)
	for i, h := range hostile {
		name := fmt.Sprintf("%s %d", h, i)
		if len([]rune(name)) > 64 {
			name = string([]rune(name)[:64])
		}
		te.must(201, "POST", "/api/v1/users", te.admin, map[string]any{"username": fmt.Sprintf("user%d", i), "password": "password-1", "name": name, "role": "leader"})
		te.must(201, "POST", "/api/v1/teams", te.admin, map[string]any{"id": fmt.Sprintf("team%d", i), "name": name, "name_en": name, "leaders": []string{fmt.Sprintf("user%d", i)}})
		title := h
		if len([]rune(title)) > 100 {
			title = string([]rune(title)[:100])
		}
		day := 1 + i
		te.must(201, "POST", "/api/v1/series", te.admin, map[string]any{"team": fmt.Sprintf("team%d", i), "room": "activity", "title": title,
			"start": fmt.Sprintf("2026-12-%02dT%02d:00:00+08:00", day, 8+i), "end": fmt.Sprintf("2026-12-%02dT%02d:30:00+08:00", day, 8+i),
			"rrule": "FREQ=WEEKLY;COUNT=10"})
		te.must(201, "POST", "/api/v1/bookings", te.admin, map[string]any{"room": "library", "title": title, "attendees": 2,
			"start": fmt.Sprintf("2026-11-%02dT%02d:00:00+08:00", 28+i%2, 14+i), "end": fmt.Sprintf("2026-11-%02dT%02d:45:00+08:00", 28+i%2, 14+i)})
	}
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			b := newBrowser(t, te.env)
			b.login("admin", adminPassword)
			if lang == "en" {
				b.post("/lang", form("lang", "en", "next", "/"))
			}
			crawl(t, b, []string{"/", "/me/bookings", "/lead", "/staff", "/rooms/activity?week=2026-12-07", "/rooms/library"})
		})
	}
}

var (
	hrefRE    = regexp.MustCompile(`href="([^"]+)"`)
	residueRE = regexp.MustCompile(`\{\{|\}\}|%!|<no value>|\bMISSING\b|\b(?:site|nav|form|login|register|error|done|home|room|rooms|mine|resident|lead|leader|class|staff|subscribe|poster|team)\.[a-z][a-z_]+\b`)
	tagRE     = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
)

// crawl visits every same-site page reachable from start and checks each.
func crawl(t *testing.T, b *browser, start []string) {
	t.Helper()
	crawlWith(t, b, start, func(string, string) {})
}

// crawlWith is crawl, handing each page's path and body to visit as well.
func crawlWith(t *testing.T, b *browser, start []string, visit func(path, body string)) {
	t.Helper()
	seen := map[string]bool{}
	queue := append([]string(nil), start...)
	for len(queue) > 0 && len(seen) < 400 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		p := b.get(path)
		if p.Status != 200 {
			t.Errorf("%s: %d", path, p.Status)
			continue
		}
		if !strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
			continue // a download or a feed
		}
		checkPage(t, path, p.Body)
		visit(path, p.Body)
		for _, m := range hrefRE.FindAllStringSubmatch(p.Body, -1) {
			if next, ok := sitePath(m[1]); ok && !seen[next] {
				queue = append(queue, next)
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("crawled only %d pages: %v", len(seen), seen)
	}
	t.Logf("crawled %d pages", len(seen))
}

func checkPage(t *testing.T, path, body string) {
	t.Helper()
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<b>class</b>") || strings.Contains(body, "<i>rtl</i>") {
		t.Errorf("%s shows typed text as markup", path)
	}
	text := strings.ReplaceAll(tagRE.ReplaceAllString(body, " "), "{{.Path}} %d %s", "") // typed, so shown as typed
	if m := residueRE.FindString(text); m != "" {
		i := strings.Index(text, m)
		t.Errorf("%s shows %q: …%s…", path, m, strings.ToValidUTF8(strings.TrimSpace(text[max(0, i-60):min(len(text), i+60)]), ""))
	}
}

// sitePath is the path of a link on this site worth crawling: not the
// static assets, the feeds (their tests read them) or another site.
func sitePath(href string) (string, bool) {
	href = strings.ReplaceAll(href, "&amp;", "&")
	u, err := url.Parse(href)
	if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	for _, skip := range []string{"/static/", "/calendar/", "/api/", "/login", "/register"} {
		if strings.HasPrefix(u.Path, skip) {
			return "", false
		}
	}
	u.Fragment = ""
	return u.RequestURI(), true
}

var _ = time.Second

// TestPageWeight: every page the crawl reaches on the demo timetable,
// with the stylesheet and script it loads, weighs under 100 KB as sent
// uncompressed (a phone on a weak signal in the centre's corridor).
func TestPageWeight(t *testing.T) {
	clk := startOfTests()
	svc, db := newService(t, "demo", clk)
	srv := httptest.NewServer(web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	e := &env{t: t, db: db, srv: srv, clock: clk}
	b := newBrowser(t, e)
	b.login("admin", adminPassword)
	home := b.get("/")
	assets := 0
	for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(home.Body, -1) {
		assets += len(b.get(strings.ReplaceAll(m[1], "&amp;", "&")).Body)
	}
	if assets < 5000 {
		t.Fatalf("stylesheet and script weigh %d bytes: not found?", assets)
	}
	heaviest, where := 0, ""
	visit := func(path, body string) {
		if n := len(body) + assets; n > heaviest {
			heaviest, where = n, path
		}
	}
	crawlWith(t, b, []string{"/", "/rooms/activity", "/rooms/music", "/lead", "/staff", "/teams/choir", "/me/bookings"}, visit)
	t.Logf("heaviest page: %s, %d bytes with its CSS and JS (%d)", where, heaviest, assets)
	if heaviest >= 100<<10 {
		t.Errorf("%s weighs %d bytes with its CSS and JS, want < 100 KB", where, heaviest)
	}
}
