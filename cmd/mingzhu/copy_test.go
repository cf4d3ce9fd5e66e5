package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mingzhu/data"
	"mingzhu/tests/pgtest"
)

// TestCopyRoundTrip moves a community's SQLite file, made through the API
// of the real binary (the demo seed, bookings, a cancelled one, a closure
// suspending class dates, a holiday), to PostgreSQL with `mingzhu copy`
// and back to a new file: the command reports each table's rows as the
// original holds them, and the file that made the round trip has the
// original's fingerprint. A copy into a store that holds data fails with
// a clear message and changes nothing; `mingzhu backup` of the PostgreSQL
// store writes a SQLite file. Servers on the original file, on the
// PostgreSQL copy and on the backup answer the same bookings, closures,
// holidays, occurrences and series, and the same feed bytes and ETags,
// to the sessions made before the copy.
func TestCopyRoundTrip(t *testing.T) {
	pg := pgtest.Database(t) // first, so it is dropped after the servers on it stop
	bin := buildBinary(t)
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.db")
	env := []string{"MINGZHU_ADMIN_PASSWORD=" + multiAdminPass}

	// The original, made through the API.
	src, err := launch(t, "orig", bin, env, "-db", orig, "-seed", "demo")
	if err != nil {
		t.Fatal(err)
	}
	admin := loginAt(t, src, "admin", multiAdminPass)
	must(t, "POST", src.base+"/api/v1/auth/register", "", `{"username":"copy-resident","password":"copy-pass-1","name":"住户 Copy"}`, 201)
	resident := loginAt(t, src, "copy-resident", "copy-pass-1")
	day := siteDay(t, 3)
	must(t, "POST", src.base+"/api/v1/bookings", resident, bookingBody("library", day.Add(10*time.Hour), day.Add(11*time.Hour), "读书会 Book club"), 201)
	gone := bookingID(must(t, "POST", src.base+"/api/v1/bookings", resident, bookingBody("library", day.Add(14*time.Hour), day.Add(15*time.Hour), "取消 Cancelled"), 201))
	must(t, "DELETE", src.base+"/api/v1/bookings/"+gone, resident, "", 204)
	must(t, "POST", src.base+"/api/v1/bookings", admin, bookingBody("lecture", day.Add(19*time.Hour), day.Add(21*time.Hour), "宣讲 Talk"), 201)
	saturday := siteDay(t, 2)
	for saturday.Weekday() != time.Saturday {
		saturday = saturday.AddDate(0, 0, 1)
	}
	closure := fmt.Sprintf(`{"room":"calligraphy","start":%q,"end":%q,"reason":"维修 repairs"}`,
		saturday.Add(8*time.Hour).Format(time.RFC3339), saturday.Add(18*time.Hour).Format(time.RFC3339))
	plan := must(t, "POST", src.base+"/api/v1/closures", admin, closure, 201)
	if s, _ := plan.json()["suspends"].([]any); len(s) == 0 {
		t.Fatalf("the closure of Saturday's calligraphy room suspends no class date: %s", plan)
	}
	holiday := day.AddDate(0, 0, 5)
	must(t, "POST", src.base+"/api/v1/holidays", admin, fmt.Sprintf(`{"date":%q,"name":"社区活动日 Community day","work":false}`, holiday.Format("2006-01-02")), 201)
	feedPath := strings.TrimPrefix(fmt.Sprint(must(t, "GET", src.base+"/api/v1/me", resident, "", 200).json()["feed_url"]), src.base)
	stopGracefully(t, src)

	ctx := context.Background()
	origPrint, origCounts := fingerprint(t, orig)
	if origCounts["bookings"] != 3 || origCounts["closures"] != 1 || origCounts["holiday_overrides"] != 1 || origCounts["series"] == 0 {
		t.Fatalf("the original holds %v: not what the API made", origCounts)
	}

	// SQLite to PostgreSQL: the counts reported are the original's.
	out := runBin(t, bin, 0, "copy", "-from", orig, "-to", pg)
	reported := map[string]int64{}
	for _, m := range regexp.MustCompile(`msg=copied table=(\S+) rows=(\d+)`).FindAllStringSubmatch(out, -1) {
		reported[m[1]], _ = strconv.ParseInt(m[2], 10, 64)
	}
	for _, name := range data.TableNames() {
		if n, ok := reported[name]; !ok || n != origCounts[name] {
			t.Errorf("copy reports %s rows=%d (reported: %v), the original holds %d", name, n, ok, origCounts[name])
		}
	}
	if len(reported) != len(data.TableNames()) || !strings.Contains(out, "copy done: counts and rows match") {
		t.Fatalf("copy's report:\n%s", out)
	}
	if p, _ := fingerprint(t, pg); p != origPrint {
		t.Fatalf("the PostgreSQL copy's fingerprint differs from the original's")
	}

	// And back to a new SQLite file.
	back := filepath.Join(dir, "back.db")
	runBin(t, bin, 0, "copy", "-from", pg, "-to", back)
	if p, _ := fingerprint(t, back); p != origPrint {
		t.Fatalf("the file copied back from PostgreSQL differs from the original:\n%s", firstDifference(origPrint, p))
	}

	// A destination that holds data is refused and left as it was.
	for _, c := range []struct{ from, to string }{{orig, pg}, {pg, back}} {
		out := runBin(t, bin, 1, "copy", "-from", c.from, "-to", c.to)
		if !strings.Contains(out, "the destination is not empty") {
			t.Errorf("copy into a store with data fails without saying why:\n%s", out)
		}
		if p, _ := fingerprint(t, c.to); p != origPrint {
			t.Errorf("a refused copy into %s changed it", redact(c.to))
		}
	}

	// A backup of the PostgreSQL store is a SQLite file with the same rows.
	backup := filepath.Join(dir, "backup.db")
	runBin(t, bin, 0, "backup", "-db", pg, "-o", backup)
	if err := data.IntegrityCheck(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if p, _ := fingerprint(t, backup); p != origPrint {
		t.Fatalf("the backup of the PostgreSQL store differs from the original:\n%s", firstDifference(origPrint, p))
	}
	if t.Failed() {
		t.FailNow()
	}

	// Served from each, with the sessions made before the copy.
	var servers []*instance
	for _, s := range []struct{ name, db string }{{"original file", orig}, {"PostgreSQL copy", pg}, {"backup file", backup}} {
		in, err := launch(t, s.name, bin, env, "-db", s.db, "-seed", "demo")
		if err != nil {
			t.Fatal(err)
		}
		servers = append(servers, in)
	}
	rfc := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	paths := []struct{ path, token string }{
		{"/api/v1/bookings?all=1", admin},
		{"/api/v1/bookings", resident},
		{"/api/v1/closures?from=" + rfc(day.AddDate(0, 0, -10)) + "&to=" + rfc(day.AddDate(0, 0, 30)), admin},
		{fmt.Sprintf("/api/v1/holidays?year=%d", holiday.Year()), ""},
		{"/api/v1/occurrences?from=" + rfc(day.AddDate(0, 0, -3)) + "&to=" + rfc(day.AddDate(0, 0, 11)), admin},
		{"/api/v1/series", admin},
		{"/api/v1/teams", ""},
		{"/api/v1/rooms", ""},
		{"/calendar/courses.ics", ""},
		{feedPath, ""},
	}
	for _, room := range []string{"activity", "library", "calligraphy", "music", "lecture"} {
		paths = append(paths, struct{ path, token string }{"/calendar/rooms/" + room + ".ics", ""})
	}
	for _, team := range []string{"choir", "guohua", "drum-band"} {
		paths = append(paths, struct{ path, token string }{"/calendar/teams/" + team + ".ics", ""})
	}
	for _, p := range paths {
		var first reply
		for i, in := range servers {
			r := must(t, "GET", in.base+p.path, p.token, "", 200)
			// Team listings name their feeds by the server's address.
			r.body = []byte(strings.ReplaceAll(string(r.body), strings.TrimPrefix(in.base, "http://"), "HOST"))
			if i == 0 {
				first = r
				continue
			}
			if string(r.body) != string(first.body) || r.header.Get("ETag") != first.header.Get("ETag") {
				t.Errorf("GET %s: the %s answers ETag %q and\n%.600s\nthe %s ETag %q and\n%.600s", p.path,
					servers[0].name, first.header.Get("ETag"), first.body, in.name, r.header.Get("ETag"), r.body)
			}
		}
		if strings.HasSuffix(p.path, ".ics") && !strings.Contains(string(first.body), "BEGIN:VEVENT") {
			t.Errorf("GET %s: no events, so comparing it shows nothing", p.path)
		}
	}
}

// stopGracefully ends a server with SIGTERM: it must exit 0.
func stopGracefully(t *testing.T, in *instance) {
	t.Helper()
	if err := in.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-in.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not stop within 30s of SIGTERM", in.name)
	}
	if in.err != nil {
		t.Fatalf("%s exited after SIGTERM with %v: %s", in.name, in.err, strings.Join(in.logs.all(), "\n"))
	}
}

// runBin runs an admin command of the binary and fails the test unless it
// exits with code; it returns what the command printed.
func runBin(t *testing.T, bin string, code int, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	got := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		got = exit.ExitCode()
	case err != nil:
		t.Fatalf("mingzhu %s: %v", args[0], err)
	}
	if got != code {
		t.Fatalf("mingzhu %s exited %d, want %d:\n%s", strings.Join(redactArgs(args), " "), got, code, out)
	}
	return string(out)
}

func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = redact(a)
	}
	return out
}

// fingerprint opens a store and returns its fingerprint and row counts.
func fingerprint(t *testing.T, addr string) (string, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, addr)
	if err != nil {
		t.Fatalf("open %s: %v", redact(addr), err)
	}
	defer db.Close()
	p, err := db.Fingerprint(ctx)
	if err != nil {
		t.Fatalf("fingerprint of %s: %v", redact(addr), err)
	}
	counts, err := db.Counts(ctx)
	if err != nil {
		t.Fatalf("counts of %s: %v", redact(addr), err)
	}
	return p, counts
}

// firstDifference names the first table whose rows differ between two
// fingerprints (one line per table), with both lines cut short.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("want %.300s\n got %.300s", x, y)
		}
	}
	return "(no line differs)"
}
