package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// setCookie plants a cookie in the browser's jar, as another page of the
// same site (or an attacker on a sibling host) could.
func (b *browser) setCookie(name, value string) {
	u, _ := url.Parse(b.base)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// A session ends for good when the account is disabled, its password is
// reset, its role taken away, or the reader logs out; the cookie is
// HttpOnly, SameSite=Lax, for the whole site and the tokens' life.
func TestBreakSessionsEndWhenTheyShould(t *testing.T) {
	e := newDemoEnv(t)
	staff := staffBrowser(t, e)
	apiStatus := func(tok string) int { return e.do("GET", "/api/v1/me", tok, nil).Status }

	res := residentBrowser(t, e, "liming")
	tok := res.cookie("mingzhu_session")
	id := e.apiUser("liming")["id"].(string)
	staff.post("/staff/users/"+id+"/disabled", form("disabled", "1", "confirm", "yes"))
	if p := res.get("/me/bookings"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login") || res.cookie("mingzhu_session") != "" {
		t.Errorf("disabled, reading: %d %q, cookie kept %v", p.Status, p.Location, res.cookie("mingzhu_session") != "")
	}
	res.setCookie("mingzhu_session", tok)
	before := e.dbState()
	if p := res.post("/rooms/music/book", form("date", "2026-12-03", "start", "14:00", "end", "15:00", "attendees", "1")); p.Status != http.StatusSeeOther ||
		!strings.HasPrefix(p.Location, "/login") || e.dbState() != before {
		t.Errorf("disabled, booking: %d %q", p.Status, p.Location)
	}
	if apiStatus(tok) != http.StatusUnauthorized {
		t.Error("a disabled account's token works in the API")
	}

	other := residentBrowser(t, e, "wangfang")
	tok = other.cookie("mingzhu_session")
	other.get("/me/bookings") // cached as verified
	staff.post("/staff/users/"+e.apiUser("wangfang")["id"].(string)+"/password", form("password", "brand-new-pass"))
	if p := other.get("/me/bookings"); p.Status != http.StatusSeeOther || apiStatus(tok) != http.StatusUnauthorized {
		t.Errorf("after a password reset: %d", p.Status)
	}

	e.leader("new-lead")
	lead := leaderBrowser(t, e, "new-lead")
	if p := lead.get("/lead"); p.Status != http.StatusOK {
		t.Fatalf("leader: %d", p.Status)
	}
	staff.post("/staff/users/"+e.apiUser("new-lead")["id"].(string)+"/role", form("role", "resident"))
	if p := lead.get("/lead"); p.Status != http.StatusForbidden {
		t.Errorf("demoted leader: %d", p.Status)
	}

	b := newBrowser(t, e)
	p := b.post("/login", form("username", "admin", "password", adminPassword, "next", "/"))
	c := p.Header.Get("Set-Cookie")
	for _, want := range []string{"mingzhu_session=", "Path=/", "Max-Age=2592000", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(c, want) {
			t.Errorf("session cookie %q lacks %s", c, want)
		}
	}
	tok = b.cookie("mingzhu_session")
	b.get("/")
	p = b.post("/logout", nil)
	if c := p.Header.Get("Set-Cookie"); !strings.Contains(c, "mingzhu_session=;") || !strings.Contains(c, "Max-Age=0") {
		t.Errorf("logout cookie %q", c)
	}
	if apiStatus(tok) != http.StatusUnauthorized {
		t.Error("the token works after logout")
	}
	b.setCookie("mingzhu_session", tok)
	if p := b.get("/me/bookings"); p.Status != http.StatusSeeOther {
		t.Errorf("the old cookie after logout: %d", p.Status)
	}
	if p := b.post("/logout", nil); p.Status != http.StatusSeeOther {
		t.Errorf("logout again: %d", p.Status)
	}
}

// Finding: logging in over a live session (another person on a shared
// phone, or the same one again) replaced the cookie but left the
// earlier session working for its 30 days, reachable by anyone who had
// its token. A cookie planted before login is replaced, never adopted.
func TestBreakLoginEndsTheSessionItReplaces(t *testing.T) {
	e := newEnv(t)
	e.resident("liming")
	e.resident("wangfang")
	for _, path := range []string{"/login", "/register"} {
		b := newBrowser(t, e)
		b.login("liming", "secret-pass")
		old := b.cookie("mingzhu_session")
		f := form("username", "wangfang", "password", "secret-pass", "next", "/")
		if path == "/register" {
			f = form("username", "zhaolei", "name", "赵磊", "password", "long-enough-1", "next", "/")
		}
		if p := b.post(path, f); p.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d", path, p.Status)
		}
		if fresh := b.cookie("mingzhu_session"); fresh == old || fresh == "" {
			t.Errorf("%s: the cookie was not replaced", path)
		}
		if st := e.do("GET", "/api/v1/me", old, nil).Status; st != http.StatusUnauthorized {
			t.Errorf("%s: the replaced session still works (%d)", path, st)
		}
	}
	b := newBrowser(t, e)
	b.setCookie("mingzhu_session", "planted-by-someone-else")
	b.login("liming", "secret-pass")
	if tok := b.cookie("mingzhu_session"); tok == "planted-by-someone-else" || e.do("GET", "/api/v1/me", tok, nil).Status != http.StatusOK {
		t.Errorf("planted cookie: now %q", tok)
	}
}
