package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// evil is typed into every field of every form: markup, quotes that
// would close an attribute, a javascript: address, template syntax.
const evil = `"'><script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3) {{.Page}} %s`

// rawMarkup is what must never come back unescaped.
var rawMarkup = []string{"<script>alert(1)", "<img src=x", `"'>`, "{{.Page}}\x00"}

// Every form, refused with what was typed shown again, the live check's
// JSON and the preview's fragment show typed text escaped.
func TestBreakTypedTextComesBackEscaped(t *testing.T) {
	bs := newBreakSite(t)
	res := newBrowser(t, bs.env)
	res.login("victim", "secret-pass")
	lead := leaderBrowser(t, bs.env, "choir-lead")
	staff := staffBrowser(t, bs.env)
	anon := newBrowser(t, bs.env)
	long := strings.Repeat("长", 200) + evil
	echoed := 0 // forms that showed the text again, escaped
	for _, tc := range []struct {
		b    *browser
		path string
		form url.Values
	}{
		{anon, "/login", form("username", evil, "password", evil, "next", evil)},
		{anon, "/register", form("username", evil, "name", evil, "password", "x", "next", "/"+evil)},
		{res, "/rooms/music/book", form("date", evil, "start", evil, "end", evil, "title", evil, "attendees", evil)},
		{res, "/rooms/music/book", form("date", "2026-12-03", "start", "14:00", "end", "15:00", "title", long, "attendees", "2")},
		{lead, "/lead/classes/new", form("team", evil, "room", evil, "title", evil, "days", evil, "start", evil, "end", evil, "first", evil, "last", evil, "action", "check")},
		{lead, "/lead/classes/new", withField(classForm("choir", "music", long, "MO", "10:00", "11:00", "2026-12-01", "2026-12-31"), "action", "create")},
		{lead, "/lead/classes/preview", form("team", evil, "room", evil, "title", evil, "days", "MO", "start", "10:00", "end", "11:00", "first", "2026-12-01", "last", "2026-12-31")},
		{lead, "/classes/" + bs.class + "/move", form("occurrence", at(2026, 12, 8, 19, 0), "date", evil, "start", evil, "end", evil)},
		{lead, "/classes/" + bs.class + "/cancel", form("occurrence", evil)},
		{staff, "/staff/users", form("username", evil, "name", evil, "role", evil, "password", evil)},
		{staff, "/staff/users/" + bs.account + "/role", form("role", evil)},
		{staff, "/staff/users/" + bs.account + "/password", form("password", evil)},
		{staff, "/staff/teams", form("id", evil, "name", evil, "name_en", evil, "leaders", evil)},
		{staff, "/staff/teams/choir", form("name", long, "name_en", evil, "leaders", evil)},
		{staff, "/staff/rooms/music", form("name", long, "name_en", evil, "capacity", evil, "equipment", evil)},
		{staff, "/staff/rooms/music", form("name", evil, "name_en", evil, "capacity", "5", "equipment", long)},
		{staff, "/lang", form("lang", evil, "next", evil)},
	} {
		p := tc.b.post(tc.path, tc.form)
		if strings.Contains(p.Body, "&lt;script&gt;alert(1)") {
			echoed++
		}
		if p.Status >= 500 {
			t.Errorf("POST %s: %d", tc.path, p.Status)
		}
		for _, m := range rawMarkup {
			if strings.Contains(p.Body, m) || strings.Contains(p.Location, m) {
				t.Errorf("POST %s: %d answers %q unescaped", tc.path, p.Status, m)
			}
		}
	}
	if echoed < 10 {
		t.Errorf("only %d answers showed what was typed again: the test checks little", echoed)
	}
	for _, q := range []string{"date=" + url.QueryEscape(evil), "date=2026-12-03&start=14:00&end=15:00&attendees=" + url.QueryEscape(evil)} {
		p := res.get("/rooms/music/check?" + q)
		var ans map[string]any
		if err := json.Unmarshal([]byte(p.Body), &ans); err != nil || strings.ContainsAny(p.Body, "<>") {
			t.Errorf("check %s: %d %s", q, p.Status, p.Body)
		}
	}
	for _, path := range []string{"/staff/users?q=" + url.QueryEscape(evil) + "&role=" + url.QueryEscape(evil), "/lead/classes/new?team=" + url.QueryEscape(evil),
		"/rooms/music?start=" + url.QueryEscape(evil) + "&end=" + url.QueryEscape(evil), "/login?next=" + url.QueryEscape(evil), "/nope/" + url.PathEscape(evil)} {
		p := staff.get(path)
		for _, m := range rawMarkup {
			if strings.Contains(p.Body, m) {
				t.Errorf("GET %s: %d shows %q unescaped", path, p.Status, m)
			}
		}
	}
}
