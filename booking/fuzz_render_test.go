package booking_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/calendar/ical"
	"mingzhu/data"
	"mingzhu/tests/dbtemplate"
)

// The fuzz targets write for real, so each input starts from the same
// database: the demo data is seeded once into a template file and an
// input runs on a copy of it with a new service. A service whose store
// committed nothing (a refused input) is handed to the next input, since
// its database is still exactly the template. The files live on tmpfs
// (/dev/shm) where there is one: SQLite syncs every commit.

// renderTemplate is the seeded database every input starts from.
type renderTemplate struct {
	dir, path string
	admin     *booking.User // valid in every copy
	cur       *renderEnv    // reused while it has written nothing
}

// renderEnv is one service over its own copy of the template.
type renderEnv struct {
	svc   *booking.Service
	store *dbtemplate.Store
	admin *booking.User
}

var fuzzNow = time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)

func newRenderTemplate(f *testing.F) *renderTemplate {
	f.Helper()
	dir := dbtemplate.Dir(f)
	tp := &renderTemplate{dir: dir, path: filepath.Join(dir, "template.db")}
	ctx := context.Background()
	db, err := data.Open(ctx, tp.path)
	if err != nil {
		f.Fatal(err)
	}
	svc := newFuzzService(db)
	seed, err := data.Seed("demo")
	if err != nil {
		f.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, "test-admin-pass"); err != nil {
		f.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		f.Fatal(err)
	}
	tp.admin = sess.User
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		f.Fatal(err)
	}
	f.Cleanup(func() { tp.cur.close() })
	return tp
}

func newFuzzService(store booking.Store) *booking.Service {
	return booking.New(booking.Config{Store: store, Loc: shanghai, Now: func() time.Time { return fuzzNow }, PasswordCost: bcrypt.MinCost})
}

func (fx *renderEnv) close() {
	if fx != nil {
		fx.store.Close()
	}
}

// fresh returns a service whose database is exactly the template.
func (tp *renderTemplate) fresh(t *testing.T) *renderEnv {
	if tp.cur != nil && tp.cur.store.Writes == 0 {
		return tp.cur
	}
	tp.cur.close()
	tp.cur = nil
	store := dbtemplate.Copy(t, tp.dir, tp.path)
	tp.cur = &renderEnv{svc: newFuzzService(store), store: store, admin: tp.admin}
	return tp.cur
}

// checkRenders: after an accepted input every feed encodes, every listing
// marshals as the API would answer it, and /occurrences lists a window
// from each new series' first date and each given start.
func (fx *renderEnv) checkRenders(t *testing.T, input string, series []string, starts []time.Time) {
	t.Helper()
	ctx := context.Background()
	fail := func(what string, err error) {
		t.Helper()
		t.Fatalf("input %q accepted, then %s: %v", input, what, err)
	}
	teams, err := fx.svc.Teams(ctx)
	if err != nil {
		fail("Teams", err)
	}
	feeds := [][2]string{{booking.FeedCourses, ""}, {booking.FeedPrivate, fx.admin.FeedToken}}
	for _, r := range []string{"activity", "library", "calligraphy", "music", "lecture"} {
		feeds = append(feeds, [2]string{booking.FeedRoom, r})
	}
	for _, tm := range teams {
		feeds = append(feeds, [2]string{booking.FeedTeam, tm.ID})
	}
	for _, fd := range feeds {
		cal, err := fx.svc.Feed(ctx, fd[0], fd[1])
		if err == nil {
			err = ical.Encode(&bytes.Buffer{}, cal)
		}
		if err != nil {
			fail("feed "+fd[0]+" "+fd[1], err)
		}
		for _, ev := range cal.Events {
			if ev.RRule != "" && !canonicalRule(ev.RRule) {
				fail("feed "+fd[0]+" "+fd[1], fmt.Errorf("publishes RRULE %q, not in canonical form", ev.RRule))
			}
		}
	}
	list, err := fx.svc.SeriesList(ctx, booking.SeriesFilter{})
	if err != nil {
		fail("SeriesList", err)
	}
	views := make([]booking.SeriesView, 0, len(list))
	for _, se := range list {
		views = append(views, se.View())
	}
	mustMarshal(t, input, "GET /series", views)
	bs, err := fx.svc.Bookings(ctx, fx.admin, true, 200)
	if err != nil {
		fail("Bookings", err)
	}
	mustMarshal(t, input, "GET /bookings?all=1", bs)
	for _, id := range series {
		se, err := fx.svc.Series(ctx, id)
		if err != nil {
			fail("Series "+id, err)
		}
		v := se.View()
		mustMarshal(t, input, "GET /series/"+id, v)
		if v.From.After(v.Start) {
			v.Start = v.From
		}
		starts = append(starts, v.Start)
	}
	for _, s := range starts {
		to := s.AddDate(0, 0, 7)
		if last := time.Date(9999, 12, 31, 23, 59, 59, 0, shanghai); to.After(last) {
			to = last
		}
		if !to.After(s) || s.IsZero() {
			continue
		}
		occ, err := fx.svc.Occurrences(ctx, fx.admin, booking.OccurrenceQuery{From: s, To: to})
		if err != nil {
			fail("Occurrences from "+s.Format(time.RFC3339), err)
		}
		mustMarshal(t, input, "GET /occurrences", occ)
	}
}

// mustMarshal encodes v as the API would answer it.
func mustMarshal(t *testing.T, input, what string, v any) {
	t.Helper()
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("input %q accepted, then %s cannot be encoded: %v", input, what, err)
	}
}

// rulePart matches one canonical RRULE part (RFC 5545 §3.3.10), upper case.
var rulePart = regexp.MustCompile(`^(FREQ|UNTIL|COUNT|INTERVAL|BYSECOND|BYMINUTE|BYHOUR|BYDAY|BYMONTHDAY|BYYEARDAY|BYWEEKNO|BYMONTH|BYSETPOS|WKST)=[A-Z0-9,+\-]+$`)

// canonicalRule reports whether r is published as subscribers need it:
// bare, upper case, FREQ first, known parts each once (ical.js refuses a
// whole feed over one lower-case FREQ).
func canonicalRule(r string) bool {
	parts := strings.Split(r, ";")
	seen := map[string]bool{}
	for _, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		if !rulePart.MatchString(p) || seen[k] {
			return false
		}
		seen[k] = true
	}
	return strings.HasPrefix(r, "FREQ=")
}
