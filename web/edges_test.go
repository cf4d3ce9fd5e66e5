package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Regression tests for the second review: each failed before its fix.

func TestImportDryRunSpellings(t *testing.T) {
	te := newTeamEnv(t)
	body := icsHead + "BEGIN:VEVENT\r\nUID:d@x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if r := te.postICS("/api/v1/teams/choir/import?room=music&dry_run=yes", te.choir, body); r.Status != 422 {
		t.Fatalf("dry_run=yes: %d %s", r.Status, r.Raw)
	}
	if r := te.postICS("/api/v1/teams/choir/import?room=music&dry_run=TRUE", te.choir, body); r.Status != 200 {
		t.Fatalf("dry_run=TRUE: %d %s", r.Status, r.Raw)
	}
	if n := te.count(`SELECT count(*) FROM series`); n != 0 {
		t.Fatalf("dry runs wrote %d series", n)
	}
}

func TestImportRefusesDuplicateUIDsAndHugeFiles(t *testing.T) {
	te := newTeamEnv(t)
	ev := func(uid string, day int) string {
		return fmt.Sprintf("BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:202612%02dT090000\r\n"+
			"DTEND;TZID=Asia/Shanghai:202612%02dT100000\r\nEND:VEVENT\r\n", uid, day, day)
	}
	r := te.postICS("/api/v1/teams/choir/import?room=music", te.choir, icsHead+ev("same@x", 2)+ev("same@x", 3)+"END:VCALENDAR\r\n")
	if r.Status != 422 || !strings.Contains(r.errMessage(), "same@x") {
		t.Fatalf("duplicate UID: %d %s", r.Status, r.Raw)
	}
	var b strings.Builder
	b.WriteString(icsHead)
	for i := 0; i < 501; i++ {
		b.WriteString(ev(fmt.Sprintf("e%d@x", i), 1+i%28))
	}
	b.WriteString("END:VCALENDAR\r\n")
	if r := te.postICS("/api/v1/teams/choir/import?room=music", te.choir, b.String()); r.Status != 413 {
		t.Fatalf("501 events: %d %s", r.Status, r.Raw)
	}
	if n := te.count(`SELECT count(*) FROM bookings`); n != 0 {
		t.Fatalf("refused imports wrote %d bookings", n)
	}
}

// TestImportFloatingUntilInEventZone: a floating UNTIL means DTSTART's
// zone (Berlin), not the site's; the last date must be kept.
func TestImportFloatingUntilInEventZone(t *testing.T) {
	te := newTeamEnv(t)
	body := icsHead + "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261208T190000\r\n" +
		"DTEND;TZID=Europe/Berlin:20261208T200000\r\nRRULE:FREQ=WEEKLY;UNTIL=20270105T190000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	r := te.postICS("/api/v1/teams/choir/import?room=activity&dry_run=1&from=2026-12-01T00:00:00%2B08:00&to=2027-02-01T00:00:00%2B08:00", te.choir, body) // 19:00 in Berlin is 02:00 here: not the quiet music room
	occ := arr(obj(r.Body["import"])["occurrences"])
	if r.Status != 200 || len(occ) != 5 {
		t.Fatalf("%d occurrences, want 5 (8 Dec to 5 Jan): %s", len(occ), r.Raw)
	}
}

// TestImportKeepsPastDateMovedIntoFuture: a feed exported after a moved
// date's original passed still carries the move, and importing it keeps
// the class at its new (future) time.
func TestImportKeepsPastDateMovedIntoFuture(t *testing.T) {
	te := newTeamEnv(t)
	id := te.weekly("activity", 2026, 12, 1, 9, "FREQ=WEEKLY;BYDAY=TU;COUNT=6")
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 8, 9, 0), "action": "move",
		"start": at(2026, 12, 26, 9, 0), "end": at(2026, 12, 26, 10, 0)})
	te.clock.Add(20 * 24 * time.Hour) // 2026-12-18: the original 8 Dec is past, the 26 Dec move is not
	te.must(201, "POST", "/api/v1/teams", te.admin, map[string]any{"id": "copy", "name": "副本", "name_en": "Copy"})
	ics := string(te.must(200, "GET", "/calendar/teams/choir.ics", "", nil).Raw)
	from, to := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai), time.Date(2027, 1, 31, 0, 0, 0, 0, shanghai)
	q := fmt.Sprintf("/api/v1/teams/copy/import?room=lecture&dry_run=1&from=%s&to=%s", url.QueryEscape(from.Format(time.RFC3339)), url.QueryEscape(to.Format(time.RFC3339)))
	r := te.postICS(q, te.admin, ics)
	var got []string
	for _, v := range arr(obj(r.Body["import"])["occurrences"]) {
		got = append(got, obj(v)["start"].(string))
	}
	fe := &feedEnv{teamEnv: te, from: from, to: to}
	want := fe.apiSlots("&team=choir", "", nil)
	if len(got) != len(want) || !strings.Contains(strings.Join(got, ","), "2026-12-26T09:00:00+08:00") || strings.Contains(strings.Join(got, ","), "2026-12-08") {
		t.Fatalf("imported %v, want the %d listed slots with 26 Dec and without 8 Dec", got, len(want))
	}
}

func TestHTTPEdges(t *testing.T) {
	e := newEnv(t)
	if r := e.do("HEAD", "/healthz", "", nil); r.Status != 200 {
		t.Fatalf("HEAD /healthz: %d", r.Status)
	}
	if r := e.do("HEAD", "/api/v1/rooms", "", nil); r.Status != 200 || len(r.Raw) != 0 {
		t.Fatalf("HEAD /api/v1/rooms: %d %q", r.Status, r.Raw)
	}
	// A "+" typed into a URL arrives as a space; it still means +08:00.
	res, err := http.Get(e.srv.URL + "/api/v1/occurrences?room=music&from=2026-12-01T00:00:00+08:00&to=2026-12-08T00:00:00+08:00")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("unencoded +: %d", res.StatusCode)
	}
}

// TestFeedLastModifiedNeverGoesBack: cancelling the newest booking changes
// the feed, and Last-Modified must not move back in time.
func TestFeedLastModifiedNeverGoesBack(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("lastmod")
	e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("music", at(2026, 12, 1, 9, 0), at(2026, 12, 1, 10, 0)))
	e.clock.Add(time.Hour)
	b := obj(e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("music", at(2026, 12, 2, 9, 0), at(2026, 12, 2, 10, 0))).Body["booking"])
	lastModified := func() time.Time {
		h := e.must(200, "GET", "/calendar/rooms/music.ics", "", nil).Header.Get("Last-Modified")
		v, err := http.ParseTime(h)
		if err != nil {
			t.Fatalf("Last-Modified %q: %v", h, err)
		}
		return v
	}
	first := lastModified()
	e.clock.Add(time.Hour)
	e.must(204, "DELETE", "/api/v1/bookings/"+b["id"].(string), tok, nil)
	second := lastModified()
	if !second.After(first) {
		t.Fatalf("Last-Modified %v then %v", first, second)
	}
}
