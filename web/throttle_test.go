package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/web"
)

// newEnvWith is newEnv with server options (trusted proxies).
func newEnvWith(t *testing.T, opts web.Options) *env {
	t.Helper()
	clk := startOfTests()
	svc, db := newService(t, "none", clk)
	h, err := web.NewServerWith(svc, slog.New(slog.NewTextHandler(io.Discard, nil)), opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(validated(t, h))
	t.Cleanup(srv.Close)
	e := &env{t: t, db: db, srv: srv, clock: clk}
	e.admin = e.login("admin", adminPassword)
	return e
}

// post sends a JSON body with an X-Forwarded-For header (none if empty).
func (e *env) postFrom(path, forwardedFor string, body any) resp {
	e.t.Helper()
	buf, _ := json.Marshal(body)
	req, err := http.NewRequest("POST", e.srv.URL+path, bytes.NewReader(buf))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{Status: res.StatusCode, Header: res.Header, Raw: raw}
	if err := json.Unmarshal(raw, &r.Body); err != nil {
		e.t.Fatalf("POST %s: bad JSON %q: %v", path, raw, err)
	}
	return r
}

func (e *env) loginFrom(forwardedFor, username, password string) resp {
	e.t.Helper()
	return e.postFrom("/api/v1/auth/login", forwardedFor, map[string]string{"username": username, "password": password})
}

// limited asserts a 429 with the usual error body and Retry-After.
func limited(t *testing.T, r resp, retryAfter string) {
	t.Helper()
	if r.Status != http.StatusTooManyRequests || r.errCode() != "rate_limited" || r.errMessage() == "" {
		t.Fatalf("status %d: %s, want 429 rate_limited", r.Status, r.Raw)
	}
	if got := r.Header.Get("Retry-After"); got != retryAfter {
		t.Fatalf("Retry-After = %q, want %q", got, retryAfter)
	}
}

// TestLoginThrottle: the eleventh failed login for a username within ten
// minutes answers 429 with Retry-After, even with the right password;
// ten minutes later the right password works.
func TestLoginThrottle(t *testing.T) {
	e := newEnv(t)
	for i := range booking.LoginFailures {
		if r := e.loginFrom("", "admin", "wrong-guess"); r.Status != 401 {
			t.Fatalf("failure %d: %d %s", i+1, r.Status, r.Raw)
		}
		e.clock.Add(time.Second)
	}
	limited(t, e.loginFrom("", "admin", adminPassword), "590")
	e.clock.Add(booking.LoginWindow)
	e.login("admin", adminPassword)
}

// TestForwardedForNotTrusted: without trusted proxies, X-Forwarded-For
// is ignored: failures for ten usernames under ten forged addresses all
// count against the connection's address.
func TestForwardedForNotTrusted(t *testing.T) {
	e := newEnv(t)
	for i := range booking.LoginFailures {
		if r := e.loginFrom(fmt.Sprintf("203.0.113.%d", i), fmt.Sprintf("guess%d", i), "wrong-guess"); r.Status != 401 {
			t.Fatalf("failure %d: %d %s", i+1, r.Status, r.Raw)
		}
	}
	limited(t, e.loginFrom("198.51.100.1", "admin", adminPassword), "600")
	e.clock.Add(booking.LoginWindow)
	if r := e.loginFrom("", "admin", adminPassword); r.Status != 200 {
		t.Fatalf("after ten minutes: %d %s", r.Status, r.Raw)
	}
}

// TestForwardedForTrusted: behind a trusted proxy the forwarded address
// is the source: one client's failures do not lock out another's.
func TestForwardedForTrusted(t *testing.T) {
	e := newEnvWith(t, web.Options{TrustedProxies: []string{"127.0.0.1"}})
	for i := range booking.LoginFailures {
		if r := e.loginFrom("203.0.113.7", fmt.Sprintf("guess%d", i), "wrong-guess"); r.Status != 401 {
			t.Fatalf("failure %d: %d %s", i+1, r.Status, r.Raw)
		}
	}
	limited(t, e.loginFrom("203.0.113.7", "admin", adminPassword), "600")
	// A client may prepend anything; the proxy appends the real address.
	limited(t, e.loginFrom("198.51.100.1, 203.0.113.7", "admin", adminPassword), "600")
	if r := e.loginFrom("203.0.113.8", "admin", adminPassword); r.Status != 200 {
		t.Fatalf("another client behind the proxy: %d %s", r.Status, r.Raw)
	}
	if _, err := web.NewServerWith(nil, nil, web.Options{TrustedProxies: []string{"not-an-address"}}); err == nil {
		t.Fatal("a bad proxy address was accepted")
	}
}

// TestRegisterCapHTTP: registrations beyond the cap per address per hour
// answer 429 with Retry-After.
func TestRegisterCapHTTP(t *testing.T) {
	e := newEnv(t)
	for i := range booking.Signups {
		body := map[string]string{"username": fmt.Sprintf("res%02d", i), "password": "longenough", "name": "居民"}
		if r := e.postFrom("/api/v1/auth/register", fmt.Sprintf("203.0.113.%d", i), body); r.Status != 201 {
			t.Fatalf("registration %d: %d %s", i+1, r.Status, r.Raw)
		}
	}
	r := e.postFrom("/api/v1/auth/register", "", map[string]string{"username": "one-more", "password": "longenough", "name": "居民"})
	limited(t, r, "3600")
	if !strings.Contains(r.errMessage(), "registrations") {
		t.Fatalf("message = %q", r.errMessage())
	}
	if n := e.count(`SELECT count(*) FROM users WHERE username = 'one-more'`); n != 0 {
		t.Fatalf("refused registration stored")
	}
}
