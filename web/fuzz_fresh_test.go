package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
	"mingzhu/tests/dbtemplate"
	"mingzhu/web"
)

// A fresh database for every fuzz iteration (issue 8, point 17): the
// demo data is seeded once into a template file; an iteration runs on a
// copy of it with a new service, so no iteration sees another's writes
// and a failure reproduces from its input alone. Most inputs are refused
// and write nothing: the store counts committed writes, and a server
// whose database is still exactly the template is handed to the next
// iteration instead of being rebuilt (a rebuild costs ~3 ms, mostly the
// service's bcrypt setup). The files live on tmpfs (/dev/shm) where there
// is one: SQLite syncs every commit (synchronous=FULL).

// fuzzTemplate is the seeded database every iteration starts from.
type fuzzTemplate struct {
	dir, path string
	clk       *clock
	token     string   // admin's bearer token, valid in every copy
	feed      string   // admin's private feed path
	cur       *fuzzEnv // the last iteration's server, reused while unwritten
}

func newFuzzTemplate(f testing.TB) *fuzzTemplate {
	f.Helper()
	tp := &fuzzTemplate{dir: dbtemplate.Dir(f), clk: startOfTests()}
	tp.path = filepath.Join(tp.dir, "template.db")
	ctx := context.Background()
	db, err := data.Open(ctx, tp.path)
	if err != nil {
		f.Fatal(err)
	}
	svc := booking.New(booking.Config{Store: db, Loc: tp.clk.Now().Location(), Now: tp.clk.Now, PasswordCost: bcrypt.MinCost})
	seed, err := data.Seed("demo")
	if err != nil {
		f.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, adminPassword); err != nil {
		f.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", adminPassword)
	if err != nil {
		f.Fatal(err)
	}
	tp.token, tp.feed = sess.Token, "/calendar/me/"+sess.User.FeedToken+".ics"
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		f.Fatal(err)
	}
	f.Cleanup(func() { tp.cur.close() })
	return tp
}

// fuzzEnv is a server over its own copy of the template.
type fuzzEnv struct {
	h           http.Handler
	store       *dbtemplate.Store
	token, feed string
}

func (fx *fuzzEnv) close() {
	if fx != nil {
		fx.store.Close()
	}
}

// fresh returns a server whose database is exactly the template: the
// previous one if nothing was written, else a new copy.
func (tp *fuzzTemplate) fresh(t testing.TB) *fuzzEnv {
	if tp.cur != nil && tp.cur.store.Writes == 0 {
		return tp.cur
	}
	tp.cur.close()
	tp.cur = nil
	store := dbtemplate.Copy(t, tp.dir, tp.path)
	svc := booking.New(booking.Config{Store: store, Loc: tp.clk.Now().Location(), Now: tp.clk.Now, PasswordCost: bcrypt.MinCost})
	tp.cur = &fuzzEnv{h: web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil))), store: store, token: tp.token, feed: tp.feed}
	return tp.cur
}

// serve sends one request as admin through the router.
func (fx *fuzzEnv) serve(method, path string, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, body)
	req.Header.Set("Authorization", "Bearer "+fx.token)
	rec := httptest.NewRecorder()
	fx.h.ServeHTTP(rec, req)
	return rec
}

// checkRenders: after an accepted write every listing answers 200 with a
// well-formed body, /occurrences lists the new item's time, and every
// feed answers a whole calendar.
func (fx *fuzzEnv) checkRenders(t *testing.T, input string, answer map[string]any) {
	t.Helper()
	reads := []string{"/api/v1/series", "/api/v1/bookings?mine=1", "/api/v1/bookings?all=1", "/api/v1/teams", "/api/v1/rooms", "/api/v1/me"}
	if from, ok := itemStart(answer); ok {
		to := from.AddDate(0, 0, 7)
		if last := time.Date(9999, 12, 31, 23, 59, 59, 0, from.Location()); to.After(last) {
			to = last
		}
		if to.After(from) {
			reads = append(reads, fmt.Sprintf("/api/v1/occurrences?from=%s&to=%s", url.QueryEscape(from.Format(time.RFC3339)), url.QueryEscape(to.Format(time.RFC3339))))
		}
	}
	var teams struct {
		Teams []struct{ ID string }
	}
	for _, path := range reads {
		rec := fx.serve("GET", path, nil)
		var v map[string]any
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &v) != nil || len(v) == 0 {
			t.Fatalf("after %s\nGET %s: %d %q", input, path, rec.Code, clip(rec.Body.Bytes()))
		}
		if path == "/api/v1/teams" {
			_ = json.Unmarshal(rec.Body.Bytes(), &teams)
		}
	}
	feeds := []string{"/calendar/courses.ics", fx.feed}
	for _, r := range rRooms {
		feeds = append(feeds, "/calendar/rooms/"+r+".ics")
	}
	for _, tm := range teams.Teams {
		feeds = append(feeds, "/calendar/teams/"+tm.ID+".ics")
	}
	for _, path := range feeds {
		rec := fx.serve("GET", path, nil)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
			t.Fatalf("after %s\nGET %s: %d %q", input, path, rec.Code, clip(rec.Body.Bytes()))
		}
		for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n ", ""), "\r\n") {
			if v, ok := strings.CutPrefix(line, "RRULE:"); ok && !canonicalRule(v) { // ical.js refuses the whole feed
				t.Fatalf("after %s\nGET %s publishes %q, not in canonical form", input, path, line)
			}
		}
	}
}

// itemStart is the start of the booking or series an answer made.
func itemStart(answer map[string]any) (time.Time, bool) {
	for _, k := range []string{"booking", "series"} {
		if m, ok := answer[k].(map[string]any); ok {
			s, _ := m["start"].(string)
			t, err := time.Parse(time.RFC3339, s)
			return t.In(shanghai), err == nil
		}
	}
	return time.Time{}, false
}

// TestFuzzIterationsAreIsolated: an iteration never sees an earlier
// one's writes (with one shared database the second booking of the same
// slot was a 409), and a server that wrote nothing is reused.
func TestFuzzIterationsAreIsolated(t *testing.T) {
	tp := newFuzzTemplate(t)
	body := `{"room":"library","start":"2026-12-01T10:00:00+08:00","end":"2026-12-01T11:00:00+08:00","attendees":2}`
	for i := 0; i < 2; i++ {
		if rec := tp.fresh(t).serve("POST", "/api/v1/bookings", strings.NewReader(body)); rec.Code != 201 {
			t.Fatalf("iteration %d: %d %s", i, rec.Code, rec.Body)
		}
	}
	refused := tp.fresh(t)
	if rec := refused.serve("POST", "/api/v1/bookings", strings.NewReader(`{"room":"gym"}`)); rec.Code != 422 {
		t.Fatalf("refusal: %d %s", rec.Code, rec.Body)
	}
	if tp.fresh(t) != refused {
		t.Fatal("a server whose database is unchanged was rebuilt")
	}
}
