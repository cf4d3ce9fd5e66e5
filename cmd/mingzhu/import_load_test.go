package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestImportKeepsBookingsFast starts the real binary, has four clients
// book in a loop (in rooms being imported into), and imports a 500-event
// timetable into each of the five rooms in turn meanwhile. No import may
// hold the single writer for long: each must log one plan and its time in
// the writer, under maxWriterHold. (When imports ran whole in the write
// transaction, each held it for about a second, and every booking waited
// that long.) Afterwards nothing in any room may overlap.
//
// The bookings' latency during and outside the imports is logged, not
// asserted: on two cores shared with the rest of go test ./... (the
// browser tests among them) it measures the machine as much as the code,
// and the load tool's figures in docs/PERFORMANCE.md are the measure. The
// writer's hold is the server's own account of what the code does; a
// round that still meets a burst of someone else's work is run again, on a
// new server, up to five rounds.
func TestImportKeepsBookingsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary under load")
	}
	bin := buildBinary(t) // the one binary the e2e tests share, in their temp folder
	for round := 1; ; round++ {
		held := ilRound(t, bin, round)
		if held < maxWriterHold {
			return
		}
		if round == 5 {
			t.Fatalf("an import held the writer for %v, want < %v", held, maxWriterHold)
		}
	}
}

// maxWriterHold is a quarter of what a whole import in the writer took.
const maxWriterHold = 250 * time.Millisecond

// ilRooms are the rooms imported into, in turn.
var ilRooms = []string{"activity", "library", "music", "calligraphy", "lecture"}

// ilRound serves a new database, runs the clients and the five imports,
// checks the result and returns the longest hold of the writer by one
// import.
func ilRound(t *testing.T, bin string, round int) time.Duration {
	base, logs := ilStart(t, bin, "MINGZHU_ADMIN_PASSWORD=load-admin-pass")
	c := &ilClient{base: base, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
	admin := c.login(t, "admin", "load-admin-pass")
	c.mustPost(t, admin, "/api/v1/teams", "application/json", `{"id":"choir","name":"明珠合唱队","name_en":"Mingzhu Choir"}`, 201)
	// The timetable and the clients use every room through the night; the
	// music room's quiet hours (22:00-07:00 by default) would refuse that.
	if st, out, err := c.do(context.Background(), admin, "PATCH", "/api/v1/rooms/music", "application/json", `{"rules":{"quiet_hours":[]}}`); err != nil || st != 200 {
		t.Fatalf("music room without quiet hours: %d %v %.300s", st, err, out)
	}
	monday := ilMonday()
	load := ilBook(t, c, admin, monday)
	var imports [][2]time.Time
	for _, room := range ilRooms {
		time.Sleep(300 * time.Millisecond) // bookings alone for a while
		t0 := time.Now()
		status, out, err := c.post(context.Background(), admin, "/api/v1/teams/choir/import?room="+room, "text/calendar", ilTimetable(monday))
		imports = append(imports, [2]time.Time{t0, time.Now()})
		if err != nil || status != 201 || !strings.Contains(string(out), `"skipped":[]`) {
			load.stop()
			t.Fatalf("import into %s: %d %v %.300s", room, status, err, out)
		}
	}
	time.Sleep(300 * time.Millisecond)
	during, outside := ilSplit(t, load.stop(), imports)
	for _, room := range ilRooms {
		c.noOverlap(t, room, monday)
	}
	var took []string
	for _, im := range imports {
		took = append(took, im[1].Sub(im[0]).Round(time.Millisecond).String())
	}
	t.Logf("round %d: imports took %s; bookings during them: %s; outside: %s", round,
		strings.Join(took, ", "), ilFigures(during), ilFigures(outside))
	held := ilWriterHeld(t, logs, len(ilRooms))
	var words []string
	for _, d := range held {
		words = append(words, d.Round(100*time.Microsecond).String())
	}
	t.Logf("round %d: the writer held by each import: %s", round, strings.Join(words, ", "))
	return slices.Max(held)
}

// ilMonday is the first Monday at least two days ahead, in the site zone.
func ilMonday() time.Time {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Now().In(loc)
	monday := time.Date(now.Year(), now.Month(), now.Day()+2, 0, 0, 0, 0, loc)
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, 1)
	}
	return monday
}

type ilSample struct {
	start, end time.Time
	status     int
	err        error
}

// ilLoad is four leaders booking in a loop (leaders, since the house
// rules hold a resident to 6 hours a week and 14 days ahead, and the
// load books far more).
type ilLoad struct {
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	mu      sync.Mutex
	samples []ilSample
}

// ilBook starts the clients. Each books successive half hours from monday
// on in its own band of the night, which the timetable leaves free, so
// that every booking is accepted and needs the writer.
func ilBook(t *testing.T, c *ilClient, admin string, monday time.Time) *ilLoad {
	bands := []struct {
		room string
		hour int
	}{{"activity", 0}, {"activity", 3}, {"library", 0}, {"music", 3}}
	ctx, cancel := context.WithCancel(context.Background())
	l := &ilLoad{cancel: cancel}
	for i, band := range bands {
		tok := c.leader(t, admin, fmt.Sprintf("load%d", i))
		l.wg.Go(func() {
			for n := 0; ctx.Err() == nil; n++ {
				s := monday.AddDate(0, 0, n/6).Add(time.Duration(band.hour)*time.Hour + time.Duration(n%6)*30*time.Minute)
				body := fmt.Sprintf(`{"room":%q,"start":%q,"end":%q,"attendees":1}`, band.room,
					s.Format(time.RFC3339), s.Add(30*time.Minute).Format(time.RFC3339))
				t0 := time.Now()
				status, _, err := c.post(context.Background(), tok, "/api/v1/bookings", "application/json", body)
				l.mu.Lock()
				l.samples = append(l.samples, ilSample{t0, time.Now(), status, err})
				l.mu.Unlock()
			}
		})
	}
	return l
}

// stop ends the clients and returns what they measured.
func (l *ilLoad) stop() []ilSample {
	l.cancel()
	l.wg.Wait()
	return l.samples
}

// ilSplit checks every booking was accepted and splits their latencies
// into those whose request overlapped an import and the others.
func ilSplit(t *testing.T, samples []ilSample, imports [][2]time.Time) (during, outside []time.Duration) {
	t.Helper()
	for _, s := range samples {
		if s.err != nil || s.status != 201 {
			t.Fatalf("booking answered %d, %v", s.status, s.err)
		}
		d := s.end.Sub(s.start)
		if slices.ContainsFunc(imports, func(im [2]time.Time) bool { return s.start.Before(im[1]) && s.end.After(im[0]) }) {
			during = append(during, d)
		} else {
			outside = append(outside, d)
		}
	}
	if len(during) < 20 { // the clients did not run
		t.Fatalf("only %d bookings during the imports (%v)", len(during), imports)
	}
	return during, outside
}

// ilWriterHeld reads how long each import held the writer from the
// server's log; each must have been planned once and written from its plan.
func ilWriterHeld(t *testing.T, logs *logLines, n int) []time.Duration {
	t.Helper()
	re := regexp.MustCompile(`msg="已导入 imported".* plans=(\d+) planning=(\S+) writing=(\S+) in_writer=(\S+)`)
	var held []time.Duration
	for _, l := range logs.all() {
		m := re.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if m[1] != "1" || m[4] != "false" {
			t.Fatalf("an import with nothing in its way was not written from its first plan: %s", l)
		}
		d, err := time.ParseDuration(m[3])
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		held = append(held, d)
	}
	if len(held) != n {
		t.Fatalf("%d import lines in the log, want %d", len(held), n)
	}
	return held
}

// ilPercentile is the p-th percentile of ds (sorted in place).
func ilPercentile(ds []time.Duration, p int) time.Duration {
	slices.Sort(ds)
	return ds[min(len(ds)-1, len(ds)*p/100)]
}

func ilFigures(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	return fmt.Sprintf("%d, p50 %v, p99 %v, max %v", len(ds), ilPercentile(ds, 50).Round(100*time.Microsecond),
		ilPercentile(ds, 99).Round(100*time.Microsecond), ds[len(ds)-1].Round(100*time.Microsecond))
}

// ilTimetable is a 500-event file that clashes with nothing: 400 weekly
// series of twelve one-hour dates (seven days × fifteen hours
// 07:00-22:00, in four thirteen-week blocks from monday), 50 of them with
// a date moved to 22:00 and 10 with a date cancelled, and 40 half-hour
// single events at 23:00 (booking/import_bench_test.go has the same).
func ilTimetable(monday time.Time) string {
	stamp := func(t time.Time) string { return "TZID=Asia/Shanghai:" + t.Format("20060102T150405") }
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mingzhu//load//EN\r\n")
	ev := func(uid string, lines ...string) {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261101T000000Z\r\n%s\r\nEND:VEVENT\r\n", uid, strings.Join(lines, "\r\n"))
	}
	first := func(i int) time.Time {
		k, block := i%105, i/105
		return monday.AddDate(0, 0, block*13*7+k%7).Add(time.Duration(7+k/7) * time.Hour)
	}
	for i := range 400 {
		s := first(i)
		ev(fmt.Sprintf("s%d@load", i), fmt.Sprintf("SUMMARY:课 %d", i), "DTSTART;"+stamp(s), "DTEND;"+stamp(s.Add(time.Hour)),
			"RRULE:FREQ=WEEKLY;COUNT=12")
	}
	for i := range 60 {
		orig := first(i).AddDate(0, 0, 7*(1+i/7))
		to, status := orig, "STATUS:CANCELLED"
		if i < 50 {
			y, m, d := orig.Date()
			to, status = time.Date(y, m, d, 22, 0, 0, 0, orig.Location()), "STATUS:CONFIRMED"
		}
		ev(fmt.Sprintf("s%d@load", i), "RECURRENCE-ID;"+stamp(orig), "DTSTART;"+stamp(to), "DTEND;"+stamp(to.Add(time.Hour)), status)
	}
	for j := range 40 {
		s := monday.AddDate(0, 0, j).Add(23 * time.Hour)
		ev(fmt.Sprintf("b%d@load", j), fmt.Sprintf("SUMMARY:单次 %d", j), "DTSTART;"+stamp(s), "DTEND;"+stamp(s.Add(30*time.Minute)))
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// ilStart serves a new database (rooms and admin only) on a free port
// and returns its base URL and its log.
func ilStart(t *testing.T, bin string, env ...string) (string, *logLines) {
	t.Helper()
	_, base, logs := startBinary(t, bin, env, "-seed", "none", "-db", filepath.Join(t.TempDir(), "load.db"))
	return base, logs
}

// ilClient calls the API of one server.
type ilClient struct {
	base string
	http *http.Client
}

func (c *ilClient) post(ctx context.Context, token, path, ctype, body string) (int, []byte, error) {
	return c.do(ctx, token, "POST", path, ctype, body)
}

func (c *ilClient) do(ctx context.Context, token, method, path, ctype, body string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", ctype)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

func (c *ilClient) mustPost(t *testing.T, token, path, ctype, body string, want int) []byte {
	t.Helper()
	status, out, err := c.post(context.Background(), token, path, ctype, body)
	if err != nil || status != want {
		t.Fatalf("POST %s: %d %v, want %d: %s", path, status, err, want, out)
	}
	return out
}

func (c *ilClient) login(t *testing.T, user, password string) string {
	t.Helper()
	out := c.mustPost(t, "", "/api/v1/auth/login", "application/json", fmt.Sprintf(`{"username":%q,"password":%q}`, user, password), 200)
	var v struct{ Token string }
	if err := json.Unmarshal(out, &v); err != nil || v.Token == "" {
		t.Fatalf("login %s: %v %s", user, err, out)
	}
	return v.Token
}

// leader makes a leader (staff's call) and logs in.
func (c *ilClient) leader(t *testing.T, admin, user string) string {
	t.Helper()
	c.mustPost(t, admin, "/api/v1/users", "application/json",
		fmt.Sprintf(`{"username":%q,"password":"load-pass-1","name":"队长","role":"leader"}`, user), 201)
	return c.login(t, user, "load-pass-1")
}

// noOverlap lists the room's occupancy, a year from monday, and fails if
// any two things overlap.
func (c *ilClient) noOverlap(t *testing.T, room string, monday time.Time) {
	t.Helper()
	q := url.Values{"room": {room}, "from": {monday.Format(time.RFC3339)}, "to": {monday.AddDate(1, 0, 0).Format(time.RFC3339)}}
	res, err := c.http.Get(c.base + "/api/v1/occurrences?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v struct {
		Occurrences []struct {
			Kind, ID   string
			Start, End time.Time
		}
	}
	body, _ := io.ReadAll(res.Body)
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&v); err != nil || res.StatusCode != 200 {
		t.Fatalf("occurrences: %d %v %.200s", res.StatusCode, err, body)
	}
	if len(v.Occurrences) < 400*12 {
		t.Fatalf("only %d occurrences in %s", len(v.Occurrences), room)
	}
	var end time.Time
	for i, o := range v.Occurrences {
		if i > 0 && o.Start.Before(end) {
			t.Fatalf("overlap in %s at %v (%s %s)", room, o.Start, o.Kind, o.ID)
		}
		end = ilLater(end, o.End)
	}
}

func ilLater(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
