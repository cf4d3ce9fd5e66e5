package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// quietRefused asserts r is the quiet-hours refusal naming field.
func quietRefused(t *testing.T, what string, r resp, field string) {
	t.Helper()
	er, _ := r.Body["error"].(map[string]any)
	msg, _ := er["message"].(string)
	if r.Status != 422 || er["code"] != "policy" || er["rule"] != "quiet_hours" || er["field"] != field ||
		!strings.Contains(msg, "为安静时段") || !strings.Contains(msg, "quiet hours in the Music room") {
		t.Errorf("%s: %d %s, want policy quiet_hours on %s", what, r.Status, r.Raw, field)
	}
}

// TestQuietHoursBookingsHTTP: through the router, nobody may book the
// music room from 22:00 to 07:00 (resident, leader, staff); a booking
// ending at 22:00 or starting at 07:00 passes; the refusal writes nothing.
func TestQuietHoursBookingsHTTP(t *testing.T) {
	e := newEnv(t)
	for i, who := range []string{e.resident("wang"), e.leader("lin"), e.admin} {
		d := 1 + 2*i
		for _, tc := range []struct{ start, end, field string }{
			{at(2026, 12, d, 21, 30), at(2026, 12, d, 22, 30), "end"},
			{at(2026, 12, d, 22, 0), at(2026, 12, d, 23, 0), "start"},
			{at(2026, 12, d+1, 6, 0), at(2026, 12, d+1, 7, 30), "start"},
		} {
			quietRefused(t, fmt.Sprintf("caller %d %s", i, tc.start), e.do("POST", "/api/v1/bookings", who, bookingBody("music", tc.start, tc.end)), tc.field)
		}
		if n := e.count("SELECT count(*) FROM bookings"); n != 2*i {
			t.Fatalf("refusals wrote: %d bookings", n)
		}
		e.must(201, "POST", "/api/v1/bookings", who, bookingBody("music", at(2026, 12, d, 21, 0), at(2026, 12, d, 22, 0)))
		e.must(201, "POST", "/api/v1/bookings", who, bookingBody("music", at(2026, 12, d+1, 7, 0), at(2026, 12, d+1, 8, 0)))
	}
}

// TestQuietHoursSeriesHTTP: a weekly open-ended class Mondays 21:00-22:30
// in the music room is refused (and its dry run), naming its first date,
// for leader and staff; 20:00-22:00 passes; a PATCH and a move into quiet
// hours are refused, and so is an .ics import of a class or a booking
// there, writing nothing.
func TestQuietHoursSeriesHTTP(t *testing.T) {
	te := newTeamEnv(t)
	late := series("choir", "music", at(2026, 12, 7, 21, 0), at(2026, 12, 7, 22, 30), "FREQ=WEEKLY;BYDAY=MO")
	for _, who := range []string{te.choir, te.admin} {
		for _, body := range []map[string]any{late, with(late, "dry_run", true), with(late, "on_conflict", "skip")} {
			r := te.do("POST", "/api/v1/series", who, body)
			quietRefused(t, "Mondays 21:00-22:30", r, "end")
			if r.Status == 422 && !strings.Contains(r.errMessage(), "every date from 2026-12-07 on") {
				t.Errorf("first date: %s", r.errMessage())
			}
		}
	}
	id := te.weekly("music", 2026, 12, 7, 20, "FREQ=WEEKLY;BYDAY=MO") // 20:00-21:00
	quietRefused(t, "PATCH to end at 22:30", te.do("PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"end": at(2026, 12, 7, 22, 30)}), "end")
	te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"end": at(2026, 12, 7, 22, 0)})
	quietRefused(t, "move into the night", te.do("POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{
		"occurrence": at(2026, 12, 14, 20, 0), "action": "move", "start": at(2026, 12, 15, 23, 0), "end": at(2026, 12, 16, 0, 0)}), "start")
	ev := func(uid, start, end, rrule string) string {
		return icsHead + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:" + start +
			"\r\nDTEND;TZID=Asia/Shanghai:" + end + "\r\n" + rrule + "END:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	before := te.count("SELECT count(*) FROM series")
	quietRefused(t, "import of a night class", te.postICS("/api/v1/teams/choir/import?room=music", te.choir,
		ev("night@x", "20261209T230000", "20261210T000000", "RRULE:FREQ=WEEKLY\r\n")), "start")
	quietRefused(t, "import of a night booking", te.postICS("/api/v1/teams/choir/import?room=music", te.choir,
		ev("one@x", "20261209T213000", "20261209T223000", "")), "end")
	if n := te.count("SELECT count(*) FROM series"); n != before || te.count("SELECT count(*) FROM bookings") != 0 {
		t.Fatalf("refused imports wrote")
	}
}

// TestQuietHoursBerlinHTTP: in a DST zone the window is the wall clock's:
// on the morning the clocks go forward (28 March 2027) a class from 07:00
// is fine, on the morning they go back 06:00-07:00 is quiet.
func TestQuietHoursBerlinHTTP(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	e := newEnvAt(t, time.Date(2027, 3, 1, 10, 0, 0, 0, berlin))
	lead := e.leader("lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "合唱队", "name_en": "Choir", "leaders": []string{"lead"}})
	rfc := func(m time.Month, d, h int) string {
		return time.Date(2027, m, d, h, 0, 0, 0, berlin).Format(time.RFC3339)
	}
	e.must(201, "POST", "/api/v1/series", lead, series("choir", "music", rfc(3, 7, 7), rfc(3, 7, 8), "FREQ=WEEKLY;BYDAY=SU"))
	quietRefused(t, "Sunday 06:00 from the autumn change", e.do("POST", "/api/v1/series", lead,
		series("choir", "music", rfc(10, 31, 6), rfc(10, 31, 7), "FREQ=WEEKLY;BYDAY=SU")), "start")
	quietRefused(t, "booking 06:00-07:00 on the autumn change", e.do("POST", "/api/v1/bookings", lead,
		bookingBody("music", rfc(10, 31, 6), rfc(10, 31, 7))), "start")
}

// TestQuietHoursPatchListsBreaches: staff widening the quiet hours keep
// the booking now inside them (still confirmed) and hear about it in the
// PATCH answer, with the class by its next date; a PATCH without
// quiet_hours does not list.
func TestQuietHoursPatchListsBreaches(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("wang")
	b := obj(te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 1, 20, 0), at(2026, 12, 1, 21, 0))).Body["booking"])
	id := te.weekly("music", 2026, 12, 2, 19, "FREQ=WEEKLY")
	r := te.must(200, "PATCH", "/api/v1/rooms/music", te.admin, map[string]any{"rules": map[string]any{"quiet_hours": []map[string]string{{"start": "19:30", "end": "07:00"}}}})
	list := arr(r.Body["quiet_hours_breaches"])
	if r.Body["quiet_hours_breaches_total"] != 2.0 || len(list) != 2 || obj(list[0])["id"] != b["id"] || obj(list[1])["id"] != id ||
		obj(list[1])["start"] != "2026-12-02T19:00:00+08:00" || obj(list[1])["kind"] != "series" {
		t.Fatalf("breaches: %s", r.Raw)
	}
	if got := obj(te.must(200, "GET", "/api/v1/bookings/"+b["id"].(string), res, nil).Body["booking"])["status"]; got != "confirmed" {
		t.Errorf("booking now %v", got)
	}
	r = te.must(200, "PATCH", "/api/v1/rooms/music", te.admin, map[string]any{"rules": map[string]any{"max_minutes": 180}})
	if _, ok := r.Body["quiet_hours_breaches"]; ok {
		t.Errorf("listed without quiet_hours: %s", r.Raw)
	}
	r = te.must(200, "PATCH", "/api/v1/rooms/music", te.admin, map[string]any{"rules": map[string]any{"quiet_hours": []any{}}})
	if l := arr(r.Body["quiet_hours_breaches"]); len(l) != 0 {
		t.Errorf("no quiet hours, yet: %s", r.Raw)
	}
}
