package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mingzhu/web"
)

// pageRoutes are the router's page routes (not the API, feeds or
// health check) with method, as web.RoutesOf lists them, so that a route
// added later is covered here without anyone remembering to.
func pageRoutes(t *testing.T) []struct{ Method, Path string } {
	t.Helper()
	svc, _ := newService(t, "none", startOfTests())
	var out []struct{ Method, Path string }
	for _, r := range web.RoutesOf(web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))) {
		if strings.HasPrefix(r.Path, "/api/") || strings.HasPrefix(r.Path, "/calendar/") || r.Path == "/healthz" {
			continue
		}
		out = append(out, struct{ Method, Path string }{r.Method, r.Path})
	}
	if len(out) < 40 {
		t.Fatalf("only %d page routes: %v", len(out), out)
	}
	return out
}

// breakSite is a team env with one of everything a page route can name:
// a class of the choir, a resident's booking, a resident's account.
type breakSite struct {
	*teamEnv
	class, booking, account string
	// pending are bookings waiting for approval, one per route that
	// decides one (deciding twice is refused).
	pending map[string]string
	checkIn [2]string // bookings about to start, for the check-in forms (writeForms)
	closure string    // a closure of the library in 2031
}

func newBreakSite(t *testing.T) *breakSite {
	te := newTeamEnv(t)
	res := te.resident("victim")
	r := te.must(201, "POST", "/api/v1/bookings", res, map[string]any{"room": "library", "start": at(2026, 12, 2, 14, 0),
		"end": at(2026, 12, 2, 15, 0), "title": "读书会", "attendees": 3})
	cl := te.must(201, "POST", "/api/v1/closures", te.admin, map[string]any{"room": "library", "start": at(2031, 1, 6, 9, 0), "end": at(2031, 1, 6, 12, 0)})
	return &breakSite{teamEnv: te, class: choirClass(t, te), booking: obj(r.Body["booking"])["id"].(string),
		account: te.apiUser("victim")["id"].(string), pending: pendingForRoutes(te, res),
		closure: obj(cl.Body["closure"])["id"].(string)}
}

// path fills a route's parameters with things that exist.
func (bs *breakSite) path(route string) string {
	if id := bs.pending[route]; id != "" {
		return strings.Replace(route, ":id", id, 1)
	}
	ids := map[string]string{"/rooms/:id": "music", "/teams/:id": "choir", "/classes/:id": bs.class, "/me/bookings/:id": bs.booking,
		"/staff/users/:id": bs.account, "/staff/teams/:id": "choir", "/staff/rooms/:id": "music", "/static/:name": "app.css",
		"/staff/holidays/:date": "2026-10-01", // 国庆节, a day off in the official arrangement
		"/staff/checkin/:id":    bs.checkIn[1],
		"/staff/closures/:id":   bs.closure}
	for prefix, id := range ids {
		if strings.HasPrefix(route, prefix) {
			return strings.Replace(route, prefix, prefix[:strings.LastIndex(prefix, "/")+1]+id, 1)
		}
	}
	return route
}

// writeForms are, per page route that changes something, a form that
// does change something when sent from the site itself.
func (bs *breakSite) writeForms() map[string]url.Values {
	occ := at(2026, 12, 8, 19, 0)
	tok := bs.login("victim", "secret-pass")
	for i, room := range []string{"calligraphy", "library"} { // at 10:05, in the check-in window
		r := bs.must(201, "POST", "/api/v1/bookings", tok, bookingBody(room, at(2026, 11, 28, 10, 5), at(2026, 11, 28, 10, 40)))
		bs.checkIn[i] = obj(r.Body["booking"])["id"].(string)
	}
	return map[string]url.Values{
		"/rooms/:id/check-in":          form("booking", bs.checkIn[0]),
		"/staff/checkin/:id":           form("day", "2026-11-28"),
		"/login":                       form("username", "admin", "password", adminPassword, "next", "/"),
		"/register":                    form("username", "newcomer", "name", "新人", "password", "long-enough-1"),
		"/logout":                      form(),
		"/lang":                        form("lang", "en", "next", "/"),
		"/rooms/:id/book":              form("date", "2026-12-03", "start", "14:00", "end", "15:00", "title", "x", "attendees", "2"),
		"/me/bookings/:id/cancel":      form(),
		"/me/subscribe/reset":          form(),
		"/lead/classes/new":            withField(classForm("choir", "activity", "新课", "MO", "10:00", "11:00", "2026-12-01", "2026-12-31"), "action", "create"),
		"/lead/classes/preview":        classForm("choir", "activity", "新课", "MO", "10:00", "11:00", "2026-12-01", "2026-12-31"),
		"/classes/:id/cancel":          form("occurrence", occ, "confirm", "yes"),
		"/classes/:id/move":            form("occurrence", occ, "date", "2026-12-09", "start", "19:00", "end", "20:00"),
		"/staff/users":                 form("username", "newbie", "name", "新人", "role", "leader", "password", "long-enough-1"),
		"/staff/users/:id/role":        form("role", "leader"),
		"/staff/users/:id/password":    form("password", "another-pass-1"),
		"/staff/users/:id/disabled":    form("disabled", "1", "confirm", "yes"),
		"/staff/teams":                 form("id", "new-team", "name", "新队", "name_en", "New team"),
		"/staff/teams/:id":             form("name", "合唱队", "name_en", "Choir", "leaders", "choir-lead"),
		"/staff/rooms/:id":             form("name", "器乐室", "name_en", "Music", "capacity", "7", "equipment", "鼓"),
		"/staff/rooms/:id/rules":       form("max_advance_days", "7", "min_minutes", "30", "max_minutes", "240", "buffer_minutes", "0", "quiet_start", "21:00", "quiet_end", "07:00"),
		"/staff/holidays":              form("year", "2026", "date", "2026-12-10", "name", "社区运动会", "kind", "off"),
		"/staff/holidays/:date/remove": form(),
		"/staff/approvals/:id/approve": form(),
		"/staff/approvals/:id/decline": form("reason", "当天有活动"),
		"/staff/closures":              form("room", "music", "start_date", "2031-02-03", "start_time", "08:00", "end_date", "2031-02-03", "end_time", "12:00", "reason", "检修 maintenance", "action", "create"),
		"/staff/closures/:id/delete":   form(),
	}
}

// readOnly are the page writes that change no data: they are refused from
// other sites all the same.
var readOnly = map[string]bool{"/lang": true, "/lead/classes/preview": true}

// Every state-changing page route refuses a request from another site,
// however the browser tells it (Sec-Fetch-Site, or only Origin), and
// changes nothing; the same request from the site itself does change
// something, so the refusal is the guard's, not the form's.
func TestBreakEveryPageWriteRefusesOtherSites(t *testing.T) {
	bs := newBreakSite(t)
	forms := bs.writeForms()
	other := []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "same-site", "Origin": "http://sub.example"},
		{"Origin": "http://evil.example"},
		{"Origin": "null"},
	}
	for _, r := range pageRoutes(t) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			continue
		}
		f, known := forms[r.Path]
		if !known {
			t.Errorf("%s %s: a page write this test has no form for; add one to writeForms", r.Method, r.Path)
			f = form()
		}
		path := bs.path(r.Path)
		staff := staffBrowser(t, bs.env)
		staff.site = ""
		for _, h := range other {
			before := bs.dbState()
			res := staff.sendRaw(r.Method, path, f, h)
			if res.StatusCode != http.StatusForbidden || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%s %s with %v: %d %s, want the 403 page", r.Method, path, h, res.StatusCode, res.Header.Get("Content-Type"))
			}
			if c := res.Header.Get("Set-Cookie"); c != "" {
				t.Errorf("%s %s with %v: sets a cookie %q", r.Method, path, h, c)
			}
			if bs.dbState() != before {
				t.Errorf("%s %s with %v: the database changed", r.Method, path, h)
			}
		}
		if !known {
			continue
		}
		before := bs.dbState()
		res := staff.sendRaw(r.Method, path, f, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": bs.srv.URL})
		changed := bs.dbState() != before
		switch {
		case res.StatusCode >= 400:
			t.Errorf("%s %s from the site: %d", r.Method, path, res.StatusCode)
		case readOnly[r.Path] && changed:
			t.Errorf("%s %s from the site changed the database", r.Method, path)
		case !readOnly[r.Path] && !changed:
			t.Errorf("%s %s from the site changed nothing: the form above proves nothing", r.Method, path)
		}
	}
}

// No GET (or HEAD) of a page changes anything, for anyone: the pages
// that lead to a change (cancel, disable) only ask.
func TestBreakNoPageReadChangesAnything(t *testing.T) {
	bs := newBreakSite(t)
	readers := []*browser{newBrowser(t, bs.env), staffBrowser(t, bs.env), leaderBrowser(t, bs.env, "choir-lead")}
	victim := newBrowser(t, bs.env)
	victim.login("victim", "secret-pass")
	readers = append(readers, victim)
	before := bs.dbState()
	n := 0
	for _, r := range pageRoutes(t) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			continue
		}
		for _, b := range readers {
			p := b.do(r.Method, bs.path(r.Path)+"?confirm=yes&disabled=1&action=create", nil)
			if p.Status >= 500 {
				t.Errorf("%s %s: %d", r.Method, r.Path, p.Status)
			}
			n++
		}
	}
	if bs.dbState() != before {
		t.Errorf("reading %d pages changed the database", n)
	}
}

// Every route that names something answers an unknown one with the
// friendly 404 page, in HTML, for GET, HEAD and POST alike (a form that is
// wrong as well may be refused first, on the friendly page too); only the
// live check, read by script, answers JSON.
func TestBreakUnknownIdsAreTheFriendly404(t *testing.T) {
	bs := newBreakSite(t)
	forms := bs.writeForms()
	staff := staffBrowser(t, bs.env)
	n := 0
	for _, r := range pageRoutes(t) {
		if !strings.Contains(r.Path, ":") {
			continue
		}
		path := strings.NewReplacer(":id", "nope", ":name", "nope").Replace(r.Path)
		for i, f := range []url.Values{forms[r.Path], form("date", "x", "capacity", "x", "occurrence", "x", "role", "x")} {
			p := staff.do(r.Method, path, f)
			n++
			ct := p.Header.Get("Content-Type")
			if r.Path == "/rooms/:id/check" {
				if p.Status >= 500 || !strings.HasPrefix(ct, "application/json") {
					t.Errorf("%s %s: %d %s", r.Method, path, p.Status, ct)
				}
				continue
			}
			if (p.Status != http.StatusNotFound && (i == 0 || p.Status != http.StatusUnprocessableEntity)) || !strings.HasPrefix(ct, "text/html") ||
				(r.Method != http.MethodHead && !strings.Contains(p.Body, `href="/"`)) {
				t.Errorf("%s %s %v: %d %s %.200s", r.Method, path, f, p.Status, ct, p.Body)
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d requests", n)
	}
}

// Every page answers HEAD as it answers GET, and is sent
// compressed to a browser that accepts gzip.
func TestBreakPagesAnswerHeadAndGzip(t *testing.T) {
	bs := newBreakSite(t)
	staff := staffBrowser(t, bs.env)
	for _, r := range pageRoutes(t) {
		if r.Method != http.MethodGet || strings.HasSuffix(r.Path, "/check") || strings.HasSuffix(r.Path, ".ics") || strings.HasPrefix(r.Path, "/static/") {
			continue
		}
		path := bs.path(r.Path)
		get := staff.sendRaw(http.MethodGet, path, nil, map[string]string{"Accept-Encoding": "gzip"})
		head := staff.sendRaw(http.MethodHead, path, nil, map[string]string{"Accept-Encoding": "gzip"})
		if head.StatusCode != get.StatusCode {
			t.Errorf("HEAD %s: %d, GET %d", path, head.StatusCode, get.StatusCode)
		}
		if get.StatusCode != http.StatusOK || !strings.HasPrefix(get.Header.Get("Content-Type"), "text/html") ||
			get.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s: %d %s, encoding %q", path, get.StatusCode, get.Header.Get("Content-Type"), get.Header.Get("Content-Encoding"))
		}
	}
}
