package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/pgtest"
)

// Review 11, round 2: input that one store accepts and the other chokes
// on. PostgreSQL's text type refuses NUL (0x00) and invalid UTF-8 with
// SQLSTATE 22021; SQLite stores both. Each request below must be answered
// the same way on both stores, never 500: a NUL in a JSON string is 422
// naming the field, an id in a path or query that cannot exist (NUL or
// invalid UTF-8) is the store's ordinary 404 / 422.

type review11Case struct {
	method, path, body string
	field              string // for 422: the field the answer must name
}

func review11Cases(t *testing.T) []review11Case {
	day := siteDay(t, 4)
	at := func(h int) string { return day.Add(time.Duration(h) * time.Hour).Format(time.RFC3339) }
	return []review11Case{
		{"POST", "/api/v1/bookings", `{"room":"library","start":"` + at(12) + `","end":"` + at(13) + `","title":"a\u0000b","attendees":1}`, "title"},
		{"POST", "/api/v1/bookings", `{"room":"lib\u0000rary","start":"` + at(12) + `","end":"` + at(13) + `","title":"ab","attendees":1}`, "room"},
		{"POST", "/api/v1/users", `{"username":"nulname","password":"pass-word-1","name":"n\u0000n","role":"resident"}`, "name"},
		{"POST", "/api/v1/auth/login", `{"username":"ad\u0000min","password":"x"}`, ""},
		{"PATCH", "/api/v1/rooms/library", `{"name":"图\u0000书"}`, "name"},
		{"PATCH", "/api/v1/teams/choir", `{"name":"合\u0000唱"}`, "name"},
		{"POST", "/api/v1/teams", `{"id":"nulteam","name":"t\u0000","name_en":"x","leaders":[]}`, "name"},
		{"POST", "/api/v1/closures", `{"room":"library","start":"` + at(1) + `","end":"` + at(2) + `","reason":"r\u0000"}`, "reason"},
		{"POST", "/api/v1/holidays", `{"date":"` + day.Format("2006-01-02") + `","name":"h\u0000","work":false}`, "name"},
		{"POST", "/api/v1/series", `{"team":"choir","room":"library","title":"s\u0000","start":"` + at(5) + `","end":"` + at(6) + `","rrule":"FREQ=WEEKLY;COUNT=2"}`, "title"},
		{"GET", "/api/v1/bookings/%00", "", ""},
		{"GET", "/api/v1/rooms/a%00b", "", ""},
		{"GET", "/api/v1/rooms/%ff", "", ""},
		{"GET", "/api/v1/teams/%00", "", ""},
		{"GET", "/api/v1/series?team=%ff", "", ""},
		{"GET", "/api/v1/occurrences?room=a%00b&from=" + strings.ReplaceAll(at(0), "+", "%2B") + "&to=" + strings.ReplaceAll(at(5), "+", "%2B"), "", ""},
		{"GET", "/api/v1/occurrences?room=library&team=%ff&from=" + strings.ReplaceAll(at(0), "+", "%2B") + "&to=" + strings.ReplaceAll(at(5), "+", "%2B"), "", ""},
		{"GET", "/api/v1/closures?room=%ff&from=" + day.Format("2006-01-02") + "&to=" + day.AddDate(0, 0, 1).Format("2006-01-02"), "", ""},
		{"GET", "/api/v1/audit?entity_id=a%00b&actor=x%00", "", ""},
		{"GET", "/calendar/rooms/a%00b.ics", "", ""},
		{"GET", "/calendar/rooms/%ff.ics", "", ""},
		{"GET", "/calendar/teams/%ff.ics", "", ""},
		{"GET", "/rooms/%ff", "", ""},
		{"POST", "/api/v1/bookings/x%00y/decline", `{"reason":"x"}`, ""},
	}
}

func TestReview11_2NulAndBadUTF8NeverInternal(t *testing.T) {
	pg := pgtest.URL(t)
	bin := buildBinary(t)
	env := []string{"MINGZHU_ADMIN_PASSWORD=" + multiAdminPass}
	lite, err := launch(t, "sqlite", bin, env, "-db", filepath.Join(t.TempDir(), "m.db"), "-seed", "demo")
	if err != nil {
		t.Fatal(err)
	}
	post, err := launch(t, "postgres", bin, env, "-db", pg, "-seed", "demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []*instance{lite, post} {
		tok := loginAt(t, in, "admin", multiAdminPass)
		for _, c := range review11Cases(t) {
			r, err := call(context.Background(), c.method, in.base+c.path, tok, c.body)
			if err != nil {
				t.Fatalf("%s: %s %s: %v", in.name, c.method, c.path, err)
			}
			switch {
			case r.status >= 500:
				t.Errorf("%s: %s %s %.80s: %s, want a 4xx", in.name, c.method, c.path, c.body, r)
			// A room given by an id no room can have is "no such room":
			// 404 naming the field, on both stores alike.
			case c.field != "" && r.status != 422 && !(c.field == "room" && r.status == 404):
				t.Errorf("%s: %s %s %.80s: %s, want 422 naming %q (the stores must agree; PostgreSQL cannot store NUL)", in.name, c.method, c.path, c.body, r, c.field)
			case c.field != "":
				f, _ := r.json()["error"].(map[string]any)["field"].(string)
				if f != c.field {
					t.Errorf("%s: %s %s: field %q, want %q: %s", in.name, c.method, c.path, f, c.field, r)
				}
			}
		}
	}
}

// TestReview11_2CopyFromMissingFile: a typo in -from must not "copy" a
// freshly created, empty SQLite file into the district's database and
// report success; the missing source must not be created either.
func TestReview11_2CopyFromMissingFile(t *testing.T) {
	pg := pgtest.URL(t)
	bin := buildBinary(t)
	missing := filepath.Join(t.TempDir(), "typo.db")
	out, err := exec.Command(bin, "copy", "-from", missing, "-to", pg).CombinedOutput()
	if err == nil {
		t.Errorf("copy from a missing file succeeded: %s", out)
	}
	if _, serr := os.Stat(missing); serr == nil {
		t.Errorf("copy created the missing source %s", missing)
	}
}

// TestReview11_2CopyAfterNulTitle: what the SQLite store accepted must
// move to PostgreSQL. A booking titled with a NUL, accepted (201) by the
// SQLite service, makes `mingzhu copy` to PostgreSQL fail with SQLSTATE
// 22021, so the centre cannot move to the district's database. Either the
// API refuses NUL on both stores (then no such row exists) or copy handles it.
func TestReview11_2CopyAfterNulTitle(t *testing.T) {
	pg := pgtest.URL(t)
	bin := buildBinary(t)
	file := filepath.Join(t.TempDir(), "m.db")
	env := []string{"MINGZHU_ADMIN_PASSWORD=" + multiAdminPass}
	in, err := launch(t, "sqlite", bin, env, "-db", file, "-seed", "none")
	if err != nil {
		t.Fatal(err)
	}
	tok := loginAt(t, in, "admin", multiAdminPass)
	start := siteDay(t, 3).Add(10 * time.Hour)
	r, err := call(context.Background(), "POST", in.base+"/api/v1/bookings", tok, `{"room":"library","start":"`+start.Format(time.RFC3339)+`","end":"`+start.Add(time.Hour).Format(time.RFC3339)+`","title":"a\u0000b","attendees":1}`)
	if err != nil {
		t.Fatal(err)
	}
	in.kill()
	if r.status != 201 {
		t.Skipf("the SQLite service refused the NUL title (%s): nothing to copy", r)
	}
	if out, err := exec.Command(bin, "copy", "-from", file, "-to", pg).CombinedOutput(); err != nil {
		t.Errorf("copy of a SQLite store holding a booking the API accepted failed: %v\n%s", err, out)
	}
}
