package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// postICS sends a text/calendar body.
func (e *env) postICS(path, token, body string) resp {
	e.t.Helper()
	return e.send("POST", path, token, "text/calendar; charset=utf-8", body)
}

// TestImportRoundTrip: a team's exported feed, imported with dry_run into
// an empty team in another room, yields the same occurrences.
func TestImportRoundTrip(t *testing.T) {
	fe := newFeedEnv(t)
	fe.must(201, "POST", "/api/v1/teams", fe.admin, map[string]any{"id": "copy", "name": "副本队", "name_en": "Copy team"})
	ics := string(fe.must(200, "GET", "/calendar/teams/choir.ics", "", nil).Raw)
	q := fmt.Sprintf("/api/v1/teams/copy/import?room=lecture&dry_run=1&from=%s&to=%s",
		url.QueryEscape(fe.from.Format(time.RFC3339)), url.QueryEscape(fe.to.Format(time.RFC3339)))
	r := fe.postICS(q, fe.admin, ics)
	if r.Status != 200 {
		t.Fatalf("dry run: %d %s", r.Status, r.Raw)
	}
	imp := obj(r.Body["import"])
	var got []slot
	for _, v := range arr(imp["occurrences"]) {
		o := obj(v)
		if o["room"] != "lecture" {
			t.Fatalf("imported into %v", o["room"])
		}
		got = append(got, slot{rfc3339(t, o["start"]).Unix(), rfc3339(t, o["end"]).Unix(), o["title"].(string)})
	}
	sameSlots(t, "round trip", sortSlots(got), fe.apiSlots("&team=choir", "", nil))
	if n := fe.count(`SELECT count(*) FROM series WHERE team_id = 'copy'`); n != 0 {
		t.Fatalf("dry run wrote %d series", n)
	}
	// For real this time.
	r = fe.postICS("/api/v1/teams/copy/import?room=lecture", fe.admin, ics)
	if r.Status != 201 || len(arr(obj(r.Body["import"])["created"])) != 4 { // 2 series (the cancel is an EXDATE), 2 moves
		t.Fatalf("import: %d %s", r.Status, r.Raw)
	}
	// Importing the same again clashes with itself: refused whole.
	r = fe.postICS("/api/v1/teams/copy/import?room=lecture", fe.admin, ics)
	if r.Status != 409 || fe.count(`SELECT count(*) FROM series WHERE team_id = 'copy'`) != 2 {
		t.Fatalf("second import: %d %s", r.Status, r.Raw)
	}
}

const icsHead = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"

func TestImportBadInput(t *testing.T) {
	te := newTeamEnv(t)
	ev := func(lines ...string) string {
		return icsHead + "BEGIN:VEVENT\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	good := []string{"UID:ok-1", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Asia/Shanghai:20261201T090000", "DTEND;TZID=Asia/Shanghai:20261201T100000", "SUMMARY:Ok"}
	tests := []struct {
		name, body, path string
		token            string
		status           int
		mention          []string
	}{
		{"not iCalendar", "hello", "/api/v1/teams/choir/import?room=music", te.choir, 422, nil},
		{"no DTSTART", ev("UID:nostart-1", "DTSTAMP:20261101T000000Z", "SUMMARY:x"), "/api/v1/teams/choir/import?room=music", te.choir, 422, []string{"nostart-1", "4"}},
		{"unknown TZID", ev("UID:tz-1", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Mars/Olympus:20261201T090000", "DTEND;TZID=Mars/Olympus:20261201T100000"), "/api/v1/teams/choir/import?room=music", te.choir, 422, []string{"tz-1"}},
		{"hourly rule", ev(append(good, "RRULE:FREQ=HOURLY")...), "/api/v1/teams/choir/import?room=music", te.choir, 422, []string{"ok-1", "rrule"}},
		{"another team's leader", ev(good...), "/api/v1/teams/choir/import?room=music", te.dance, 403, nil},
		{"unknown team", ev(good...), "/api/v1/teams/nope/import?room=music", te.admin, 404, nil},
		{"no room", ev(good...), "/api/v1/teams/choir/import", te.choir, 422, []string{"room"}},
		{"bad on_conflict", ev(good...), "/api/v1/teams/choir/import?room=music&on_conflict=x", te.choir, 422, []string{"on_conflict"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := te.postICS(tc.path, tc.token, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Raw)
			}
			for _, m := range tc.mention {
				if !strings.Contains(r.errMessage(), m) {
					t.Fatalf("message does not mention %q: %s", m, r.Raw)
				}
			}
		})
	}
	// A file whose second event is bad leaves nothing of the first.
	body := icsHead + "BEGIN:VEVENT\r\n" + strings.Join(append(good, "RRULE:FREQ=WEEKLY"), "\r\n") + "\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:bad-2\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20261202T090000\r\nDTEND;TZID=Asia/Shanghai:20261202T100000\r\nRRULE:FREQ=WEEKLY;COUNT=9999\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if r := te.postICS("/api/v1/teams/choir/import?room=music", te.choir, body); r.Status != 422 || !strings.Contains(r.errMessage(), "bad-2") {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	if n := te.count(`SELECT count(*) FROM series`) + te.count(`SELECT count(*) FROM bookings`); n != 0 {
		t.Fatalf("failed imports wrote %d rows", n)
	}
	// Single events become bookings in the leader's name; skip lists clashes.
	te.must(201, "POST", "/api/v1/bookings", te.admin, bookingBody("music", at(2026, 12, 1, 9, 0), at(2026, 12, 1, 10, 0)))
	single := ev(good...)
	if r := te.postICS("/api/v1/teams/choir/import?room=music", te.choir, single); r.Status != 409 {
		t.Fatalf("clash not refused: %d %s", r.Status, r.Raw)
	}
	r := te.postICS("/api/v1/teams/choir/import?room=music&on_conflict=skip", te.choir, single)
	if r.Status != 201 || len(arr(obj(r.Body["import"])["skipped"])) != 1 {
		t.Fatalf("skip: %d %s", r.Status, r.Raw)
	}
	r = te.postICS("/api/v1/teams/choir/import?room=library", te.choir, single)
	created := arr(obj(r.Body["import"])["created"])
	if r.Status != 201 || len(created) != 1 || obj(created[0])["kind"] != "booking" {
		t.Fatalf("booking import: %d %s", r.Status, r.Raw)
	}
	b := obj(te.must(200, "GET", "/api/v1/bookings/"+obj(created[0])["id"].(string), te.choir, nil).Body["booking"])
	if b["title"] != "Ok" || b["room"] != "library" {
		t.Fatalf("imported booking = %v", b)
	}
}

// TestImportSkipWithOverrideOnSkippedDate: with skip, an override of a
// date that clashed is reported as skipped, not refused.
func TestImportSkipWithOverrideOnSkippedDate(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/bookings", te.admin, bookingBody("music", at(2026, 12, 8, 9, 0), at(2026, 12, 8, 10, 0)))
	body := icsHead + "BEGIN:VEVENT\r\nUID:w@x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:周课\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:w@x\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID;TZID=Asia/Shanghai:20261208T090000\r\n" +
		"DTSTART;TZID=Asia/Shanghai:20261209T090000\r\nDTEND;TZID=Asia/Shanghai:20261209T100000\r\nSUMMARY:周课\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	r := te.postICS("/api/v1/teams/choir/import?room=music&on_conflict=skip", te.choir, body)
	if r.Status != 201 {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	imp := obj(r.Body["import"])
	if len(arr(imp["created"])) != 1 || len(arr(imp["skipped"])) != 1 || obj(arr(imp["skipped"])[0])["kind"] != "exception" {
		t.Fatalf("%s", r.Raw)
	}
}
