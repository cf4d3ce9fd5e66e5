package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"mingzhu/web"
)

func TestLoginReturnsToThePageAsked(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	p := b.get("/me/bookings")
	if p.Status != http.StatusSeeOther || p.Location != "/login?next=%2Fme%2Fbookings" {
		t.Fatalf("anonymous /me/bookings: %d %q", p.Status, p.Location)
	}
	p = b.post("/login", form("username", "admin", "password", adminPassword, "next", "/me/bookings"))
	if p.Status != http.StatusSeeOther || p.Location != "/me/bookings" {
		t.Fatalf("login: %d %q", p.Status, p.Location)
	}
	if c := p.Header.Get("Set-Cookie"); !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") || strings.Contains(c, "Secure") {
		t.Errorf("session cookie %q: want HttpOnly, SameSite=Lax, not Secure without the flag", c)
	}
	if p = b.get("/me/bookings"); p.Status != http.StatusOK {
		t.Fatalf("logged in /me/bookings: %d", p.Status)
	}
}

// A session whose token the service no longer knows (expired, logged out
// elsewhere) leads to the login page and back.
func TestExpiredSessionLeadsToLogin(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.login("admin", adminPassword)
	tok := b.cookie("mingzhu_session")
	e.must(204, "POST", "/api/v1/auth/logout", tok, nil)
	p := b.get("/me/bookings")
	if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login?next=") {
		t.Fatalf("expired session: %d %q", p.Status, p.Location)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.login("admin", adminPassword)
	tok := b.cookie("mingzhu_session")
	if p := b.post("/logout", nil); p.Status != http.StatusSeeOther {
		t.Fatalf("logout: %d", p.Status)
	}
	if b.cookie("mingzhu_session") != "" {
		t.Error("the cookie is still there")
	}
	// The same token, cached as verified a moment ago, no longer works.
	if r := e.do("GET", "/api/v1/me", tok, nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("token after logout: %d", r.Status)
	}
}

func TestWrongPasswordKeepsTheUsername(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	p := b.post("/login", form("username", "admin", "password", "not-the-password"))
	if p.Status != http.StatusUnauthorized || !strings.Contains(p.Body, `value="admin"`) || !strings.Contains(p.Body, "用户名或密码错误") {
		t.Fatalf("wrong password: %d %s", p.Status, p.Body)
	}
	if strings.Contains(p.Body, "wrong username") || strings.Contains(p.Body, "not-the-password") {
		t.Error("Chinese page shows English, or the password typed")
	}
}

func TestRegisterRefusalStaysNextToTheField(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.lang = "en-GB,en;q=0.9"
	p := b.post("/register", form("username", "liming", "name", "李明", "password", "short"))
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d", p.Status)
	}
	for _, want := range []string{`value="liming"`, `value="李明"`, `id="f-password-error"`, "at least 8 characters", `lang="en"`} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("answer lacks %s", want)
		}
	}
	if strings.Contains(p.Body, "密码至少8位") {
		t.Error("English page shows the Chinese message")
	}
	if r := e.do("GET", "/api/v1/users", e.admin, nil); strings.Contains(string(r.Raw), "liming") {
		t.Error("a refused registration created the account")
	}
	p = b.post("/register", form("username", "liming", "name", "李明", "password", "long-enough-1"))
	if p.Status != http.StatusSeeOther || b.cookie("mingzhu_session") == "" {
		t.Fatalf("registration: %d, logged in: %v", p.Status, b.cookie("mingzhu_session") != "")
	}
}

func TestCrossSiteWritesAreRefused(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.site = "cross-site"
	p := b.post("/login", form("username", "admin", "password", adminPassword))
	if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "<html") {
		t.Fatalf("cross-site login: %d %.200s", p.Status, p.Body)
	}
	if b.cookie("mingzhu_session") != "" {
		t.Error("a cross-site post logged in")
	}
}

func TestLanguageSwitchIsRemembered(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	if p := b.get("/login"); !strings.Contains(p.Body, `lang="zh-CN"`) || !strings.Contains(p.Body, "登录") {
		t.Fatal("default page is not Chinese")
	}
	p := b.post("/lang", form("lang", "en", "next", "/register"))
	if p.Status != http.StatusSeeOther || p.Location != "/register" {
		t.Fatalf("switch: %d %q", p.Status, p.Location)
	}
	if p := b.get("/login"); !strings.Contains(p.Body, `lang="en"`) || !strings.Contains(p.Body, "Log in") {
		t.Fatal("the switch was not remembered")
	}
	b2 := newBrowser(t, e)
	b2.lang = "en-US"
	if p := b2.get("/login"); !strings.Contains(p.Body, `lang="en"`) {
		t.Fatal("Accept-Language en does not give English")
	}
	b2.lang = "zh-TW,en;q=0.5"
	if p := b2.get("/login"); !strings.Contains(p.Body, `lang="zh-CN"`) {
		t.Fatal("Accept-Language zh-TW does not give Chinese")
	}
}

func TestRedirectsStayOnTheSite(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"//evil.example/", "https://evil.example/", `/\evil.example`, "javascript:alert(1)"} {
		b := newBrowser(t, e)
		p := b.post("/login", form("username", "admin", "password", adminPassword, "next", next))
		if p.Location != "/" {
			t.Errorf("next=%q led to %q", next, p.Location)
		}
	}
}

func TestUnknownPagesAreFriendly(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	p := b.get("/no-such-page")
	if p.Status != http.StatusNotFound || !strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") || !strings.Contains(p.Body, "找不到这个页面") {
		t.Fatalf("unknown page: %d %s %.200s", p.Status, p.Header.Get("Content-Type"), p.Body)
	}
	p = b.get("/api/v1/no-such")
	if p.Status != http.StatusNotFound || !strings.HasPrefix(p.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("unknown API path: %d %s", p.Status, p.Header.Get("Content-Type"))
	}
}

func TestSecureCookiesBehindTLS(t *testing.T) {
	svc, _ := newService(t, "none", startOfTests())
	srv, err := web.NewServerWith(svc, slog.New(slog.NewTextHandler(io.Discard, nil)), web.Options{SecureCookies: true})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/login", strings.NewReader("username=admin&password="+adminPassword))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if c := rec.Header().Get("Set-Cookie"); rec.Code != http.StatusSeeOther || !strings.Contains(c, "Secure") {
		t.Fatalf("login with SecureCookies: %d %q", rec.Code, c)
	}
}

func TestAssetsAreVersionedAndCached(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	p := b.get("/login")
	i := strings.Index(p.Body, "/static/app.css?v=")
	if i < 0 {
		t.Fatal("no stylesheet link")
	}
	href := p.Body[i : i+strings.IndexByte(p.Body[i:], '"')]
	css := b.get(href)
	if css.Status != 200 || !strings.Contains(css.Header.Get("Cache-Control"), "immutable") || !strings.Contains(css.Body, "--tap") {
		t.Fatalf("stylesheet: %d %q", css.Status, css.Header.Get("Cache-Control"))
	}
}

// Refusals made before any page handler runs are pages too, in the
// reader's language; the API keeps its JSON for the same refusals.
func TestEarlyRefusalsArePages(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	p := b.get("/logout")
	if p.Status != http.StatusMethodNotAllowed || !strings.Contains(p.Body, "<html") || !strings.Contains(p.Body, "不支持该方法") {
		t.Fatalf("GET /logout: %d %.200s", p.Status, p.Body)
	}
	big := strings.Repeat("x", web.MaxBody+1)
	p = b.post("/login", form("username", big))
	if p.Status != http.StatusRequestEntityTooLarge || !strings.Contains(p.Body, "<html") || strings.Contains(p.Body, "request body") {
		t.Fatalf("huge form: %d %.200s", p.Status, p.Body)
	}
	if r := e.do("GET", "/api/v1/auth/login", "", nil); r.Status != http.StatusMethodNotAllowed || !strings.Contains(string(r.Raw), `"code":"invalid"`) {
		t.Fatalf("API 405: %d %s", r.Status, r.Raw)
	}
}

// Every page forbids framing by another site and loads only this site's
// script and styles.
func TestPagesCarryBrowserProtections(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	for _, path := range []string{"/", "/login", "/no-such-page", "/rooms/activity"} {
		p := b.get(path)
		csp := p.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") ||
			p.Header.Get("X-Frame-Options") != "DENY" || p.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: CSP %q, X-Frame-Options %q", path, csp, p.Header.Get("X-Frame-Options"))
		}
	}
}
