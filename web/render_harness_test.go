package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/web"
)

// The harness of the render property (render_property_test.go): one case
// is a fresh server over a fresh SQLite file with two teams, their leaders
// and a resident, driven by a sequence of requests. Every request is
// logged with the ids it depends on written as placeholders ({S3.0}: the
// first series created by step 3), so that a failing sequence can be
// replayed, shrunk and printed as a reproducer.

// Actors of every case: staff, one leader per team, a resident.
var rActors = []string{"admin", "leadA", "leadB", "res1"}

// rTeams maps each team to its leader.
var rTeams = map[string]string{"alpha": "leadA", "beta": "leadB"}

var rRooms = []string{"activity", "library", "calligraphy", "music", "lecture"}

var rCapacity = map[string]int{"activity": 40, "library": 20, "calligraphy": 16, "music": 15, "lecture": 60}

// rStep is one logged request, or a tick of the clock.
type rStep struct {
	Actor, Method, Path, CType string
	Body                       string
	Tick                       time.Duration
	Status                     int // as answered when generated (informative)
	// N is the step's number in the case that generated it: the ids it
	// creates are {S<N>.<i>} whatever steps a shrunk replay leaves out.
	N int
}

func (s rStep) String() string {
	if s.Tick != 0 {
		return fmt.Sprintf("clock += %s", s.Tick)
	}
	body := s.Body
	if s.CType == "text/calendar" {
		body = strings.ReplaceAll(body, "\r\n", `\r\n`)
	}
	return fmt.Sprintf("%s %s %s (%s) %s -> %d", s.Actor, s.Method, s.Path, s.CType, body, s.Status)
}

// answer is one response.
type answer struct {
	Status  int
	CType   string
	Raw     []byte
	JSON    map[string]any
	BadJSON error
}

func (a answer) isJSON() bool { return strings.HasPrefix(a.CType, "application/json") }

// rcase is one running case.
type rcase struct {
	t       *testing.T
	svc     *booking.Service
	clk     *clock
	h       http.Handler
	srvLog  *captureLog
	lastLog []string // what the server logged during the last request
	loc     *time.Location
	tokens  map[string]string // actor -> bearer token
	userIDs map[string]string // user id -> actor
	owner   map[string]string // booking id -> actor, from answers and listings
	feeds   map[string]string // feed key -> path
	log     []rStep
	ids     map[string]string // placeholder -> real id
	obs     *observation      // after the last step
	batch   *batch            // the ical.js comparisons of this run
	// filteredSeen avoids asking the same filtered listing twice.
	filteredSeen map[string]bool
	label        string
	found        *findings
}

// newCase starts a case at now (its zone is the site zone) on a fresh
// database: the real service and router, whose log it keeps.
func newCase(t *testing.T, now time.Time, label string, found *findings) *rcase {
	clk := &clock{t: now}
	svc, _ := newService(t, "none", clk)
	lg := &captureLog{}
	c := &rcase{t: t, svc: svc, clk: clk, h: web.NewServer(svc, slog.New(lg)), srvLog: lg, loc: now.Location(),
		tokens: map[string]string{}, userIDs: map[string]string{}, owner: map[string]string{}, feeds: map[string]string{"courses": "/calendar/courses.ics"},
		ids: map[string]string{}, label: label, found: found, filteredSeen: map[string]bool{}}
	c.tokens["admin"] = c.loginAs("admin", adminPassword)
	for _, a := range []string{"leadA", "leadB"} {
		c.mustOK("admin", "POST", "/api/v1/users", map[string]any{"username": a, "password": "secret-pass", "name": "领队 " + a, "role": "leader"})
		c.tokens[a] = c.loginAs(a, "secret-pass")
	}
	c.mustOK("", "POST", "/api/v1/auth/register", map[string]any{"username": "res1", "password": "secret-pass", "name": "居民 res1"})
	c.tokens["res1"] = c.loginAs("res1", "secret-pass")
	for _, team := range []string{"alpha", "beta"} {
		c.mustOK("admin", "POST", "/api/v1/teams", map[string]any{"id": team, "name": "队伍 " + team, "name_en": "Team " + team, "leaders": []string{rTeams[team]}})
		c.feeds["team:"+team] = "/calendar/teams/" + team + ".ics"
	}
	for _, r := range rRooms {
		c.feeds["room:"+r] = "/calendar/rooms/" + r + ".ics"
	}
	for _, a := range rActors {
		me := c.mustOK(a, "GET", "/api/v1/me", nil)
		u, err := url.Parse(me.JSON["feed_url"].(string))
		if err != nil {
			t.Fatal(err)
		}
		c.feeds["me:"+a] = u.Path
		c.userIDs[me.JSON["user"].(map[string]any)["id"].(string)] = a
	}
	return c
}

// captureLog keeps what the server logs (internal errors, panics).
type captureLog struct {
	mu    sync.Mutex
	lines []string
}

func (h *captureLog) Enabled(context.Context, slog.Level) bool { return true }
func (h *captureLog) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *captureLog) WithGroup(string) slog.Handler            { return h }
func (h *captureLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lines = append(h.lines, b.String())
	return nil
}

func (h *captureLog) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.lines)
}

func (h *captureLog) since(n int) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.lines[n:]...)
}

// logged is the server's log of the last request, for a failure message.
func (c *rcase) logged() string {
	if len(c.lastLog) == 0 {
		return ""
	}
	return "\n    server log: " + strings.Join(c.lastLog, "\n    server log: ")
}

func (c *rcase) loginAs(name, password string) string {
	r := c.mustOK("", "POST", "/api/v1/auth/login", map[string]any{"username": name, "password": password})
	return r.JSON["token"].(string)
}

// mustOK is a setup request that must succeed.
func (c *rcase) mustOK(actor, method, path string, body any) answer {
	c.t.Helper()
	raw, _ := json.Marshal(body)
	if body == nil {
		raw = nil
	}
	a := c.call(actor, method, path, "application/json", raw)
	if a.Status >= 300 || a.BadJSON != nil {
		c.t.Fatalf("%s: setup %s %s: %d %s", c.label, method, path, a.Status, a.Raw)
	}
	return a
}

// call sends one request through the real router, in process.
func (c *rcase) call(actor, method, path, ctype string, body []byte) answer {
	var rd *bytes.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	var req *http.Request
	if rd != nil {
		req = httptest.NewRequest(method, path, rd)
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if tok := c.tokens[actor]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	rec := httptest.NewRecorder()
	n := c.srvLog.len()
	c.h.ServeHTTP(rec, req)
	c.lastLog = c.srvLog.since(n)
	a := answer{Status: rec.Code, CType: rec.Header().Get("Content-Type"), Raw: rec.Body.Bytes()}
	if a.isJSON() {
		if err := json.Unmarshal(a.Raw, &a.JSON); err != nil {
			a.BadJSON = err
		}
	}
	return a
}

var placeholder = regexp.MustCompile(`\{S\d+\.\d+\}`)

// run executes a logged step: placeholders are resolved to the ids this
// case created (an unknown one becomes an id that does not exist), and the
// ids the answer creates are registered under the step's number.
func (c *rcase) run(s rStep) answer {
	if s.Tick != 0 {
		c.clk.Add(s.Tick)
		c.log = append(c.log, s)
		return answer{}
	}
	path := placeholder.ReplaceAllStringFunc(s.Path, func(p string) string {
		if id, ok := c.ids[p]; ok {
			return id
		}
		return "0000000000000000000000000z"
	})
	var body []byte
	if s.Body != "" || s.Method != "GET" {
		body = []byte(s.Body)
	}
	a := c.call(s.Actor, s.Method, path, s.CType, body)
	s.Status = a.Status
	c.log = append(c.log, s)
	for i, id := range createdSeries(a) {
		c.ids[fmt.Sprintf("{S%d.%d}", s.N, i)] = id
	}
	for _, id := range createdBookings(a) { // the lists may be unreadable (that is a failure too)
		c.owner[id] = s.Actor
	}
	return a
}

// refOf returns the placeholder of a real series id (for logging).
func (c *rcase) refOf(id string) string {
	for p, v := range c.ids {
		if v == id {
			return p
		}
	}
	return id
}

// createdSeries lists the series ids an answer reports as created.
func createdSeries(a answer) []string {
	if a.Status != 201 || a.JSON == nil {
		return nil
	}
	if se, ok := a.JSON["series"].(map[string]any); ok {
		if _, created := a.JSON["skipped"]; created { // POST /series, not an exception
			if id, ok := se["id"].(string); ok {
				return []string{id}
			}
		}
		return nil
	}
	imp, ok := a.JSON["import"].(map[string]any)
	if !ok {
		return nil
	}
	var out []string
	created, _ := imp["created"].([]any)
	for _, v := range created {
		it, _ := v.(map[string]any)
		if it["kind"] == "series" {
			if id, ok := it["id"].(string); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

// createdBookings lists the booking ids an answer reports as created.
func createdBookings(a answer) []string {
	if a.Status != 201 || a.JSON == nil {
		return nil
	}
	if b, ok := a.JSON["booking"].(map[string]any); ok {
		if id, ok := b["id"].(string); ok {
			return []string{id}
		}
	}
	imp, _ := a.JSON["import"].(map[string]any)
	created, _ := imp["created"].([]any)
	var out []string
	for _, v := range created {
		if it, _ := v.(map[string]any); it["kind"] == "booking" {
			if id, ok := it["id"].(string); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

func (c *rcase) startClock() time.Time {
	now := c.clk.Now()
	for _, s := range c.log {
		now = now.Add(-s.Tick)
	}
	return now
}
