package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
	"mingzhu/tests/pgtest"
	"mingzhu/web"
)

// shanghai is the site zone in every test.
var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a real server over a real SQLite file in a temp folder.
type env struct {
	t     *testing.T
	db    *data.DB
	srv   *httptest.Server
	clock *clock
	admin string // admin's token
}

const adminPassword = "admin-pass-123"

// newEnv starts the real router on a fresh database seeded with rooms and
// the admin only. The clock starts at 2026-11-28 10:00 in Shanghai.
func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvAt(t, time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai))
}

// newEnvAt is newEnv with the clock at now and the site zone now's zone.
func newEnvAt(t *testing.T, now time.Time) *env {
	t.Helper()
	clk := &clock{t: now}
	svc, db := newService(t, "none", clk)
	// Every exchange is checked against openapi.json (see openapi_test.go).
	srv := httptest.NewServer(validated(t, web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))))
	t.Cleanup(srv.Close)
	e := &env{t: t, db: db, srv: srv, clock: clk}
	e.admin = e.login("admin", adminPassword)
	return e
}

// newService is the real service over a new SQLite file in a temp folder,
// seeded with kind ("none" or "demo") and the admin, on clk's clock and
// zone. Benchmarks and fuzz targets drive its router without a listener.
func newService(tb testing.TB, kind string, clk *clock) (*booking.Service, *data.DB) {
	tb.Helper()
	db, err := data.Open(context.Background(), pgtest.Addr(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	svc := booking.New(booking.Config{Store: db, Loc: clk.Now().Location(), Now: clk.Now, PasswordCost: bcrypt.MinCost})
	seed, err := data.Seed(kind)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := svc.Bootstrap(context.Background(), seed, adminPassword); err != nil {
		tb.Fatal(err)
	}
	return svc, db
}

// startOfTests is the clock most tests start from.
func startOfTests() *clock { return &clock{t: time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)} }

// resp is a decoded answer.
type resp struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    []byte
}

// do sends a request; body may be a string (sent as is) or any value
// (sent as JSON).
func (e *env) do(method, path, token string, body any) resp {
	e.t.Helper()
	return e.send(method, path, token, "application/json", body)
}

// send is do with another Content-Type.
func (e *env) send(method, path, token, contentType string, body any) resp {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{Status: res.StatusCode, Header: res.Header, Raw: raw}
	if len(raw) > 0 && strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &r.Body); err != nil {
			e.t.Fatalf("%s %s: bad JSON %q: %v", method, path, raw, err)
		}
	}
	return r
}

// must asserts the status and returns the answer.
func (e *env) must(status int, method, path, token string, body any) resp {
	e.t.Helper()
	r := e.do(method, path, token, body)
	if r.Status != status {
		e.t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.Status, status, r.Raw)
	}
	return r
}

func (e *env) login(username, password string) string {
	e.t.Helper()
	r := e.must(200, "POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": password})
	return r.Body["token"].(string)
}

// resident opens a resident account through staff and returns a token
// (public sign-up is capped per address, and every test client is
// 127.0.0.1; TestAccounts and the throttle tests cover sign-up).
func (e *env) resident(username string) string {
	e.t.Helper()
	e.must(201, "POST", "/api/v1/users", e.admin, map[string]string{"username": username, "password": "secret-pass", "name": "居民 " + username, "role": "resident"})
	return e.login(username, "secret-pass")
}

// leader creates a leader account through staff and returns a token.
func (e *env) leader(username string) string {
	e.t.Helper()
	e.must(201, "POST", "/api/v1/users", e.admin, map[string]string{"username": username, "password": "secret-pass", "name": "领队 " + username, "role": "leader"})
	return e.login(username, "secret-pass")
}

// count runs a count query on the database file itself.
func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// at formats a Shanghai wall-clock time as RFC 3339.
func at(y int, m time.Month, d, hh, mm int) string {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai).Format(time.RFC3339)
}

func obj(v any) map[string]any { return v.(map[string]any) }
func arr(v any) []any          { return v.([]any) }

// errCode returns the error code of an error answer.
func (r resp) errCode() string    { return obj(r.Body["error"])["code"].(string) }
func (r resp) errMessage() string { return obj(r.Body["error"])["message"].(string) }
