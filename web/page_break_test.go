package web_test

// The attack review of the web pages (issue 9): each test tries to break
// the pages from outside, as a client would. The ones named after a
// finding failed before its fix; the others hold the line.

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// englishWords are two English words in a row: never on a Chinese page.
var englishWords = regexp.MustCompile(`[a-z]{2,} [a-z]{2,}`)

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

// onSite reports whether a browser given loc stays on this site, and loc
// holds no control character.
func onSite(loc string) bool {
	target := browserTarget(loc)
	return strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "//") &&
		!strings.ContainsFunc(loc, func(r rune) bool { return r < ' ' || r == 0x7f })
}

var nextField = regexp.MustCompile(`name="next" value="([^"]*)"`)

// Finding: next= with a tab ("/\t/evil.example") passed safeNext, and the
// login, registration and language switch redirected there; a browser
// drops the tab and goes to //evil.example. Other control characters
// broke the answer's header. Every redirect must lead to a path here.
func TestBreakNextWithControlCharactersStaysOnTheSite(t *testing.T) {
	e := newEnv(t)
	nexts := []string{"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\x0b/evil.example", "/\x0c/evil.example",
		"/\x00/evil.example", "/\x7f/evil.example", "\t//evil.example", "/\t\\evil.example", "/%09/evil.example/\t/x",
		"%2F%2Fevil.example", "/%2F/evil.example", "/\\/evil.example", "/.//evil.example", "/..//evil.example", "/./\t/evil.example%zz"}
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
			if res.StatusCode != http.StatusSeeOther || !onSite(loc) {
				t.Errorf("POST %s next=%q: %d Location %q (a browser goes to %q)", tc.path, next, res.StatusCode, loc, browserTarget(loc))
			}
		}
		// The login page keeps next= for its form: the same rule applies.
		p := newBrowser(t, e).get("/login?next=" + url.QueryEscape(next))
		m := nextField.FindStringSubmatch(p.Body)
		if m == nil || !onSite(html.UnescapeString(m[1])) {
			t.Errorf("login page keeps next=%q as %q", next, m)
		}
	}
	// A registration leads on the same way.
	b := newBrowser(t, e)
	res := b.sendRaw(http.MethodPost, "/register", form("username", "liming", "name", "李明", "password", "long-enough-1", "next", "/\t/evil.example"), nil)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/" {
		t.Errorf("register: %d %q", res.StatusCode, loc)
	}
}

// Finding: a booking for a date the service does not take (year 1, 9999)
// was refused, but the page then tried to show that date's week, which no
// listing reaches, and answered the bare error page: the message was not
// next to the field and what was typed was gone. A ?week= or ?day= link
// to such a week was the same error page, where any other value that is
// not a week is passed over.
func TestBreakBookingOutsideTheYearsStaysOnTheForm(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	before := e.dbState()
	for _, date := range []string{"0001-01-01", "1900-02-01", "1970-01-01", "9998-06-01", "9999-12-31"} {
		p := b.post("/rooms/music/book", form("date", date, "start", "10:00", "end", "11:00", "title", "远古", "attendees", "2"))
		msg := fieldMessage(p.Body, "start") + fieldMessage(p.Body, "date")
		if p.Status != http.StatusUnprocessableEntity || !strings.Contains(msg, "时间须在1971年至9997年之间") ||
			!strings.Contains(p.Body, `value="`+date+`"`) || !strings.Contains(p.Body, `value="远古"`) {
			t.Errorf("date %s: %d, message %q, typed date kept %v: %.200s", date, p.Status, msg, strings.Contains(p.Body, `value="`+date+`"`), text(p.Body))
		}
	}
	if e.dbState() != before {
		t.Error("a refused booking changed the database")
	}
	for _, q := range []string{"week=0001-01-01", "day=9999-12-31", "week=1970-01-01"} {
		if p := b.get("/rooms/music?" + q); p.Status != http.StatusOK || !strings.Contains(text(p.Body), "11月23日 周一 至 11月29日 周日") {
			t.Errorf("?%s: %d, want this week: %.200s", q, p.Status, text(p.Body))
		}
	}
}

// Finding: refusals that name what was typed in quotes ("没有用户 \"nobody\"
// no such user") did not split into their two languages, so the Chinese
// page showed the English words and the English page the Chinese ones.
// (TestBilingualMessages stood in for %q with an unquoted name.)
func TestBreakRefusalsNamingWhatWasTypedSpeakOneLanguage(t *testing.T) {
	te := newTeamEnv(t)
	te.resident("res1")
	s := staffBrowser(t, te.env)
	lead := leaderBrowser(t, te.env, "choir-lead")
	type attempt struct {
		name  string
		b     *browser
		path  string
		form  url.Values
		field func(page) string
	}
	staffField := func(name string) func(page) string { return func(p page) string { return fieldError(p, name) } }
	attempts := []attempt{
		{"no such leader", s, "/staff/teams", form("id", "new-team", "name", "新队", "name_en", "New", "leaders", "nobody"), staffField("leaders")},
		{"a resident as leader", s, "/staff/teams", form("id", "new-team", "name", "新队", "name_en", "New", "leaders", "res1"), staffField("leaders")},
		{"a leader twice", s, "/staff/teams/choir", form("name", "合唱队", "name_en", "Choir", "leaders", "choir-lead", "leaders", "choir-lead"), staffField("leaders")},
		{"no such team", lead, "/lead/classes/new", withField(classForm("ghost", "music", "x", "MO", "10:00", "11:00", "2026-12-01", "2026-12-31"), "action", "create"),
			func(p page) string { return leadFieldError(p.Body, "f-team") }},
	}
	for _, lang := range []string{"zh", "en"} {
		for _, a := range attempts {
			a.b.lang = lang
			p := a.b.post(a.path, a.form)
			msg := a.field(p)
			switch {
			case p.Status < 400 || msg == "":
				t.Errorf("%s (%s): %d, no message by the field", a.name, lang, p.Status)
			case lang == "zh" && englishWords.MatchString(msg):
				t.Errorf("%s: the Chinese page says %q", a.name, msg)
			case lang == "en" && strings.ContainsFunc(msg, isHan):
				t.Errorf("%s: the English page says %q", a.name, msg)
			}
		}
	}
}

// Finding: bytes that are not UTF-8 (which no browser sends for these
// pages, but any client can) were stored as typed from every form — a
// booking's or class's title, a team's, room's or person's name, an
// item of equipment — and every page listing them then served invalid
// UTF-8. (The API cannot send them: its JSON decoder replaces them.) Such
// text is refused next to its field, in the page's language, and nothing
// changes.
func TestBreakTextThatIsNotUTF8IsRefusedByItsField(t *testing.T) {
	te := newTeamEnv(t)
	res := residentBrowser(t, te.env, "liming")
	lead := leaderBrowser(t, te.env, "choir-lead")
	s := staffBrowser(t, te.env)
	anon := newBrowser(t, te.env)
	const bad = "合唱\xff\xfe队"
	leadField := func(name string) func(page) string {
		return func(p page) string { return leadFieldError(p.Body, "f-"+name) }
	}
	resField := func(name string) func(page) string { return func(p page) string { return fieldMessage(p.Body, name) } }
	staffField := func(name string) func(page) string { return func(p page) string { return fieldError(p, name) } }
	for _, tc := range []struct {
		name  string
		b     *browser
		path  string
		form  url.Values
		field func(page) string
	}{
		{"booking title", res, "/rooms/music/book", form("date", "2026-12-03", "start", "14:00", "end", "15:00", "title", bad, "attendees", "2"), resField("title")},
		{"class title", lead, "/lead/classes/new", withField(classForm("choir", "music", bad, "MO", "10:00", "11:00", "2026-12-01", "2026-12-31"), "action", "create"), leadField("title")},
		{"account name", s, "/staff/users", form("username", "newbie", "name", bad, "role", "resident", "password", "long-enough-1"), staffField("name")},
		{"registration name", anon, "/register", form("username", "newbie2", "name", bad, "password", "long-enough-1"), resField("name")},
		{"team name", s, "/staff/teams", form("id", "new-team", "name", bad, "name_en", "New"), staffField("name")},
		{"team English name", s, "/staff/teams/choir", form("name", "合唱队", "name_en", "Choir\xff", "leaders", "choir-lead"), staffField("name_en")},
		{"room name", s, "/staff/rooms/music", form("name", bad, "name_en", "Music", "capacity", "20", "equipment", "钢琴"), staffField("name")},
		{"room English name", s, "/staff/rooms/music", form("name", "器乐室", "name_en", "Music\xff", "capacity", "20", "equipment", "钢琴"), staffField("name_en")},
		{"equipment", s, "/staff/rooms/music", form("name", "器乐室", "name_en", "Music", "capacity", "20", "equipment", "钢琴\n鼓\xff"), staffField("equipment")},
	} {
		for _, lang := range []string{"zh", "en"} {
			before := te.dbState()
			tc.b.lang = lang
			p := tc.b.post(tc.path, tc.form)
			msg := tc.field(p)
			if p.Status != http.StatusUnprocessableEntity || msg == "" {
				t.Errorf("%s (%s): %d %q, message by the field %q", tc.name, lang, p.Status, p.Location, msg)
			} else if lang == "en" && strings.ContainsFunc(msg, isHan) || lang == "zh" && englishWords.MatchString(msg) {
				t.Errorf("%s (%s): message %q", tc.name, lang, msg)
			}
			if te.dbState() != before {
				t.Errorf("%s (%s): the database changed", tc.name, lang)
			}
		}
	}
}
