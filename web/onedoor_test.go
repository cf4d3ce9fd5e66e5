package web_test

import (
	"strings"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// Regression tests for issue 8's "one door" points: each failed before
// its fix.

// field returns the field named by an error answer.
func (r resp) field() string {
	f, _ := obj(r.Body["error"])["field"].(string)
	return f
}

// feedsOK asserts that every public feed answers 200.
func (te *teamEnv) feedsOK(rooms ...string) {
	te.t.Helper()
	paths := []string{"/calendar/courses.ics", "/calendar/teams/choir.ics"}
	for _, r := range rooms {
		paths = append(paths, "/calendar/rooms/"+r+".ics")
	}
	for _, p := range paths {
		if r := te.do("GET", p, "", nil); r.Status != 200 || len(r.Raw) == 0 {
			te.t.Fatalf("GET %s: %d %s", p, r.Status, r.Raw)
		}
	}
}

// Point 1: a rule as people type it is stored, answered and published in
// one canonical form; a DTSTART inside it is refused.
func TestRuleCanonicalForm(t *testing.T) {
	te := newTeamEnv(t)
	for i, typed := range []string{"RRULE:FREQ=WEEKLY;BYDAY=TU", " freq=weekly; byday=tu ", "BYDAY=TU;FREQ=WEEKLY"} {
		start := time.Date(2026, 12, 1, 8+2*i, 0, 0, 0, shanghai)
		r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339), typed))
		if got := obj(r.Body["series"])["rrule"]; got != "FREQ=WEEKLY;BYDAY=TU" {
			t.Fatalf("%q stored as %q", typed, got)
		}
	}
	te.feedsOK("music")
	feed := string(te.must(200, "GET", "/calendar/rooms/music.ics", "", nil).Raw)
	if strings.Contains(feed, "RRULE:RRULE") || strings.Count(feed, "RRULE:FREQ=WEEKLY;BYDAY=TU") != 3 {
		t.Fatalf("published rules:\n%s", feed)
	}
	r := te.must(422, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 1, 18, 0), at(2026, 12, 1, 19, 0),
		"FREQ=WEEKLY;DTSTART=20261201T180000;BYDAY=TU"))
	if r.field() != "rrule" {
		t.Fatalf("DTSTART in rule: %s", r.Raw)
	}
	// PATCH goes through the same door.
	id := obj(te.must(200, "GET", "/api/v1/series?team=choir", "", nil).Body["series"].([]any)[0])["id"].(string)
	r = te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"rrule": " rrule:freq=weekly; byday=tu; count=3 "})
	if got := obj(r.Body["series"])["rrule"]; got != "FREQ=WEEKLY;BYDAY=TU;COUNT=3" {
		t.Fatalf("patched rule stored as %q", got)
	}
	te.feedsOK("music")
}

// Point 3: times past what RFC 3339 and iCalendar can write are refused
// with the field named, and never break a listing.
func TestFarTimesRefused(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("far")
	for _, tc := range []struct{ start, end, field string }{
		{"9999-12-31T20:00:00+08:00", "9999-12-31T21:00:00+08:00", "start"},
		{"9997-12-31T10:00:00+08:00", "9998-01-02T00:00:00+08:00", "end"},
		{"1970-12-31T10:00:00+08:00", "1970-12-31T11:00:00+08:00", "start"},
	} {
		r := te.must(422, "POST", "/api/v1/bookings", te.admin, bookingBody("music", tc.start, tc.end))
		if r.field() != tc.field {
			t.Fatalf("%s: %s", tc.start, r.Raw)
		}
	}
	te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0)))
	for _, q := range []string{"/api/v1/bookings?mine=1", "/api/v1/bookings?all=1"} {
		if r := te.must(200, "GET", q, te.admin, nil); r.Body == nil {
			t.Fatalf("%s: empty body", q)
		}
	}
	r := te.must(422, "GET", "/api/v1/occurrences?from=9999-06-01T00:00:00%2B08:00&to=9999-12-31T00:00:00%2B08:00", "", nil)
	if r.field() != "from" {
		t.Fatalf("far window: %s", r.Raw)
	}
	// A bounded rule whose dates run past the year 9997.
	r = te.must(422, "POST", "/api/v1/series", te.choir, series("choir", "music", "9997-12-20T10:00:00+08:00", "9997-12-20T11:00:00+08:00", "FREQ=WEEKLY;COUNT=10"))
	if r.field() != "rrule" {
		t.Fatalf("rule past 9998: %s", r.Raw)
	}
	// An exdate far out on an open-ended rule.
	r = te.must(422, "POST", "/api/v1/series", te.choir, with(series("choir", "music", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0), "FREQ=YEARLY"),
		"exdates", []string{"9998-12-01T10:00:00+08:00"}))
	if r.field() != "exdates" {
		t.Fatalf("far exdate: %s", r.Raw)
	}
}

// Point 4: an import applies the checks of POST /series and of the
// exceptions API.
func TestImportSameChecksAsAPI(t *testing.T) {
	cal := func(lines ...string) string {
		return icsHead + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
	}
	master := []string{"BEGIN:VEVENT", "UID:m1", "DTSTART;TZID=Asia/Shanghai:20261201T090000", "DTEND;TZID=Asia/Shanghai:20261201T100000",
		"RRULE:FREQ=WEEKLY;BYDAY=TU", "SUMMARY:Choir", "END:VEVENT"}
	override := func(rid, start, end string) []string {
		return []string{"BEGIN:VEVENT", "UID:m1", "RECURRENCE-ID;TZID=Asia/Shanghai:" + rid, "DTSTART;TZID=Asia/Shanghai:" + start,
			"DTEND;TZID=Asia/Shanghai:" + end, "SUMMARY:Choir", "END:VEVENT"}
	}
	tests := []struct {
		name, field string
		ics         string
	}{
		{"long title", "title", cal("BEGIN:VEVENT", "UID:t1", "DTSTART;TZID=Asia/Shanghai:20261201T090000", "DTEND;TZID=Asia/Shanghai:20261201T100000",
			"RRULE:FREQ=WEEKLY", "SUMMARY:"+strings.Repeat("长", 101), "END:VEVENT")},
		{"48-hour move", "end", cal(append(master, override("20261208T090000", "20261209T090000", "20261211T090000")...)...)},
		{"48-hour move of a past date", "end", cal("BEGIN:VEVENT", "UID:p1", "DTSTART;TZID=Asia/Shanghai:20261110T090000", "DTEND;TZID=Asia/Shanghai:20261110T100000",
			"RRULE:FREQ=WEEKLY;BYDAY=TU", "SUMMARY:Choir", "END:VEVENT",
			"BEGIN:VEVENT", "UID:p1", "RECURRENCE-ID;TZID=Asia/Shanghai:20261117T090000", "DTSTART;TZID=Asia/Shanghai:20261118T090000",
			"DTEND;TZID=Asia/Shanghai:20261120T090000", "SUMMARY:Choir", "END:VEVENT")},
		{"future date moved into history", "start", cal(append(master, override("20261208T090000", "20261120T090000", "20261120T100000")...)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			te := newTeamEnv(t)
			r := te.postICS("/api/v1/teams/choir/import?room=music", te.choir, tc.ics)
			if r.Status != 422 || r.field() != tc.field {
				t.Fatalf("%d %s, want 422 on %s", r.Status, r.Raw, tc.field)
			}
			if n := te.count(`SELECT count(*) FROM series`); n != 0 {
				t.Fatalf("refused import left %d series", n)
			}
		})
	}
}

// Point 4: PATCH checks a time in the hour that daylight saving repeats,
// as POST does. (The change is found in the loaded zone: tests/tzprobe.)
func TestPatchRefusesRepeatedHour(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	fall := tzprobe.BackwardIn(t, berlin, 2027)
	e := newEnvAt(t, fall.At.Add(-30*24*time.Hour).In(berlin))
	lead := e.leader("lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "合唱队", "name_en": "Choir", "leaders": []string{"lead"}})
	start := fall.At.Add(-28 * 24 * time.Hour).In(berlin).Truncate(time.Hour).Add(10 * time.Hour)
	r := e.must(201, "POST", "/api/v1/series", lead, series("choir", "music", start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339), "FREQ=DAILY;COUNT=3"))
	id := obj(r.Body["series"])["id"].(string)
	second := fall.At.Add(30 * time.Minute).Format(time.RFC3339) // the second reading of a repeated wall time
	r = e.must(422, "PATCH", "/api/v1/series/"+id, lead, map[string]any{"start": second})
	if r.field() != "start" {
		t.Fatalf("%s", r.Raw)
	}
}

// Point 5: a series whose early dates were excluded, cancelled or moved
// can still be edited.
func TestPatchAfterEarlyDatesChanged(t *testing.T) {
	for _, early := range []string{"exdate", "cancel", "move"} {
		t.Run(early, func(t *testing.T) {
			te := newTeamEnv(t)
			body := series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 10, 0), "FREQ=WEEKLY;BYDAY=MO")
			if early == "exdate" {
				body = with(body, "exdates", []string{at(2026, 11, 30, 9, 0)})
			}
			id := obj(te.must(201, "POST", "/api/v1/series", te.choir, body).Body["series"])["id"].(string)
			switch early {
			case "cancel":
				te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 11, 30, 9, 0), "action": "cancel"})
			case "move":
				te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 11, 30, 9, 0), "action": "move",
					"start": at(2026, 11, 30, 15, 0), "end": at(2026, 11, 30, 16, 0)})
			}
			te.clock.Add(3 * 24 * time.Hour) // 2026-12-01: the first date is past
			r := te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"start": at(2026, 12, 7, 14, 0)})
			got := te.listed("room=activity&from=2026-11-30T00:00:00%2B08:00&to=2026-12-15T00:00:00%2B08:00")
			want := []string{"series@2026-12-07T14:00:00+08:00", "series@2026-12-14T14:00:00+08:00"}
			if early == "move" {
				want = append([]string{"series@2026-11-30T15:00:00+08:00"}, want...)
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("after PATCH (%s): %v, want %v", r.Raw, got, want)
			}
			te.feedsOK("activity")
		})
	}
}

// Point 6: an edit of the time while an occurrence is in progress does
// not put a new occurrence on top of it.
func TestPatchDuringOccurrenceNoSelfOverlap(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "activity", at(2026, 11, 28, 10, 0), at(2026, 11, 28, 12, 0), "FREQ=DAILY"))
	id := obj(r.Body["series"])["id"].(string)
	te.clock.Add(24*time.Hour + 30*time.Minute) // 2026-11-29 10:30, the day's class in progress
	te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"start": at(2026, 11, 29, 11, 0)})
	got := te.listed("room=activity&from=2026-11-29T00:00:00%2B08:00&to=2026-11-30T23:00:00%2B08:00")
	want := []string{"series@2026-11-29T10:00:00+08:00", "series@2026-11-30T11:00:00+08:00"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// Point 6: a long daily class across the change to summer time would
// overlap its next date: refused, naming start (the date that spans the
// change). (In the activity room: the music room is quiet at night.)
func TestLongDailySeriesAcrossDSTRefused(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	spring := tzprobe.ForwardIn(t, berlin, 2027).At.In(berlin)
	e := newEnvAt(t, spring.AddDate(0, 0, -30))
	lead := e.leader("lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "合唱队", "name_en": "Choir", "leaders": []string{"lead"}})
	d := spring.AddDate(0, 0, -8)
	start := time.Date(d.Year(), d.Month(), d.Day(), 20, 0, 0, 0, berlin)
	r := e.must(422, "POST", "/api/v1/series", lead, series("choir", "activity", start.Format(time.RFC3339), start.Add(23*time.Hour+30*time.Minute).Format(time.RFC3339), "FREQ=DAILY;COUNT=14"))
	if r.field() != "start" {
		t.Fatalf("%s", r.Raw)
	}
	e.must(201, "POST", "/api/v1/series", lead, series("choir", "activity", start.Format(time.RFC3339), start.Add(23*time.Hour+30*time.Minute).Format(time.RFC3339), "FREQ=DAILY;COUNT=7"))
}

// Point 12: a dry run is refused to a resident like the real request;
// a series 409 shows staff the booking's title; a dry run says whether
// skip can succeed.
func TestSeriesDryRunAndClashTitles(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("neighbour")
	dry := with(series("choir", "music", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0), "FREQ=WEEKLY;BYDAY=TU"), "dry_run", true)
	te.must(403, "POST", "/api/v1/series", res, dry)

	te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 8, 10, 0), at(2026, 12, 8, 11, 0)))
	title := func(r resp) string {
		return obj(arr(obj(r.Body["error"])["conflicts"])[0].(map[string]any)["with"])["title"].(string)
	}
	body := series("choir", "music", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0), "FREQ=WEEKLY;BYDAY=TU")
	if got := title(te.must(409, "POST", "/api/v1/series", te.admin, body)); got != "读书会 Reading club" {
		t.Fatalf("staff sees %q", got)
	}
	if got := title(te.must(409, "POST", "/api/v1/series", te.choir, body)); got != "已预约 Booked" {
		t.Fatalf("leader sees %q", got)
	}
	r := te.must(200, "POST", "/api/v1/series", te.choir, with(body, "dry_run", true))
	if r.Body["skippable"] != true {
		t.Fatalf("one clash, dry run: %s", r.Raw)
	}
	// Against another open-ended class: infinitely many clashes.
	te.must(201, "POST", "/api/v1/series", te.dance, series("dance", "lecture", at(2026, 12, 2, 10, 0), at(2026, 12, 2, 11, 0), "FREQ=WEEKLY;BYDAY=WE"))
	inf := series("choir", "lecture", at(2026, 12, 2, 10, 30), at(2026, 12, 2, 11, 30), "FREQ=WEEKLY;BYDAY=WE")
	r = te.must(200, "POST", "/api/v1/series", te.choir, with(inf, "dry_run", true))
	if r.Body["skippable"] != false || r.Body["total"] != nil {
		t.Fatalf("infinite clashes, dry run: %s", r.Raw)
	}
	r = te.must(409, "POST", "/api/v1/series", te.choir, with(inf, "on_conflict", "skip"))
	if !strings.Contains(r.errMessage(), "infinitely many") {
		t.Fatalf("409 message: %s", r.Raw)
	}
}

// Point 4: a weekly class whose wall time a later clock change skips is
// refused, naming start and the date, though its first date is ordinary.
// (In the activity room: the music room is quiet at night.)
func TestSeriesThroughSkippedHourRefused(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	fwd := tzprobe.ForwardIn(t, berlin, 2027)
	day := fwd.At.In(berlin)
	e := newEnvAt(t, day.AddDate(0, 0, -60))
	lead := e.leader("lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "合唱队", "name_en": "Choir", "leaders": []string{"lead"}})
	wall := fwd.Wall().Add(30 * time.Minute) // a wall time that day skips
	first := day.AddDate(0, 0, -49)
	start := time.Date(first.Year(), first.Month(), first.Day(), wall.Hour(), wall.Minute(), 0, 0, berlin)
	body := series("choir", "activity", start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339), "FREQ=WEEKLY")
	r := e.must(422, "POST", "/api/v1/series", lead, body)
	if r.field() != "start" || !strings.Contains(r.errMessage(), day.Format("2006-01-02")) {
		t.Fatalf("%s", r.Raw)
	}
	e.must(201, "POST", "/api/v1/series", lead, with(body, "rrule", "FREQ=WEEKLY;COUNT=5"))
}

// Point 12: someone who may not manage a team hears 403 before anything
// else, for a dry run as for the real request.
func TestSeriesForbiddenBeforeInvalid(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("outsider")
	for _, dry := range []bool{true, false} {
		body := with(series("choir", "music", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 9, 0), "FREQ=WEEKLY"), "dry_run", dry)
		te.must(403, "POST", "/api/v1/series", res, body)
		te.must(403, "POST", "/api/v1/series", te.dance, body)
		te.must(422, "POST", "/api/v1/series", te.choir, body)
	}
}

// Points 1 and 12 through the import: someone who may not manage the team
// hears 403 even for a broken file, and a rule written in lower case with
// spaces is read (its floating UNTIL in the event's zone) and stored in
// canonical form.
func TestImportPermissionFirstAndCanonicalRule(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("outsider")
	te.postICSMust(403, "/api/v1/teams/choir/import?room=music", res, "not a calendar")
	te.postICSMust(403, "/api/v1/teams/choir/import?room=music&dry_run=1", te.dance, "not a calendar")
	te.postICSMust(422, "/api/v1/teams/choir/import?room=music", te.choir, "not a calendar")
	ics := icsHead + "BEGIN:VEVENT\r\nUID:lc\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\nDTEND;TZID=Asia/Shanghai:20261201T100000\r\n" +
		"RRULE:freq=weekly; byday=tu; until=20261215T090000\r\nSUMMARY:Choir\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	te.postICSMust(201, "/api/v1/teams/choir/import?room=music", te.choir, ics)
	r := te.must(200, "GET", "/api/v1/series?team=choir", "", nil)
	if got := obj(arr(r.Body["series"])[0])["rrule"]; got != "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T010000Z" {
		t.Fatalf("imported rule stored as %q", got)
	}
	if got := te.listed("team=choir&from=2026-12-01T00:00:00%2B08:00&to=2026-12-31T00:00:00%2B08:00"); len(got) != 3 {
		t.Fatalf("dates: %v", got)
	}
}

func (te *teamEnv) postICSMust(status int, path, token, body string) {
	te.t.Helper()
	if r := te.postICS(path, token, body); r.Status != status {
		te.t.Fatalf("POST %s: %d %s, want %d", path, r.Status, r.Raw, status)
	}
}

// Point 5: the only date of a series can be moved (and moved again, and
// cancelled); a part whose dates were all moved keeps its master in feeds.
func TestMoveOnlyDate(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "lecture", at(2026, 12, 5, 7, 15), at(2026, 12, 5, 9, 15), "FREQ=YEARLY;COUNT=1"))
	id := obj(r.Body["series"])["id"].(string)
	move := func(h int) {
		te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 5, 7, 15), "action": "move",
			"start": at(2026, 12, 5, h, 0), "end": at(2026, 12, 5, h+2, 0)})
	}
	move(10)
	window := "room=lecture&from=2026-12-01T00:00:00%2B08:00&to=2026-12-10T00:00:00%2B08:00"
	if got := te.listed(window); strings.Join(got, " ") != "series@2026-12-05T10:00:00+08:00" {
		t.Fatalf("after a move: %v", got)
	}
	te.feedsOK("lecture")
	feed := string(te.must(200, "GET", "/calendar/rooms/lecture.ics", "", nil).Raw)
	if !strings.Contains(feed, "RECURRENCE-ID") || !strings.Contains(feed, "RRULE:") {
		t.Fatalf("the moved date lost its master:\n%s", feed)
	}
	move(14) // again
	if got := te.listed(window); strings.Join(got, " ") != "series@2026-12-05T14:00:00+08:00" {
		t.Fatalf("after a second move: %v", got)
	}
	te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"title": "讲座 Lecture"})
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 5, 7, 15), "action": "cancel"})
	if got := te.listed(window); len(got) != 0 {
		t.Fatalf("after cancelling: %v", got)
	}
}

// Points 4 and 6: a past move read from a file may not land on another
// date of the same class (nor on anything else).
func TestImportPastMoveChecked(t *testing.T) {
	te := newTeamEnv(t)
	ics := icsHead + "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Asia/Shanghai:20261101T100000\r\nDTEND;TZID=Asia/Shanghai:20261101T110000\r\n" +
		"RRULE:FREQ=WEEKLY;BYDAY=SU,TU\r\nSUMMARY:x\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:u\r\nRECURRENCE-ID;TZID=Asia/Shanghai:20261108T100000\r\nDTSTART;TZID=Asia/Shanghai:20261110T100000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261110T110000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	te.postICSMust(409, "/api/v1/teams/choir/import?room=music", te.choir, ics)
	if n := te.count(`SELECT count(*) FROM series`); n != 0 {
		t.Fatalf("refused import left %d series", n)
	}
}

// A PATCH of a series whose every date is past says so, naming id.
func TestPatchFinishedSeries(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 11, 29, 9, 0), at(2026, 11, 29, 10, 0), "FREQ=DAILY;COUNT=3"))
	id := obj(r.Body["series"])["id"].(string)
	te.clock.Add(5 * 24 * time.Hour)
	if r := te.must(422, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"room": "library"}); r.field() != "id" {
		t.Fatalf("%s", r.Raw)
	}
	te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"title": "旧课 Old class"})
}

// A PATCH that would leave no date at all (the only remaining one was
// excluded) is refused naming what it changed; it used to leave a series
// that never takes place, whose next move answered 500.
func TestPatchLeavingNoDateRefused(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, with(series("choir", "activity", at(2027, 1, 1, 13, 30), at(2027, 1, 1, 15, 30), "FREQ=DAILY"),
		"exdates", []string{at(2027, 1, 1, 13, 30)}))
	id := obj(r.Body["series"])["id"].(string)
	r = te.must(422, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"rrule": "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR;UNTIL=20270115T053000Z"})
	if r.field() != "rrule" {
		t.Fatalf("%s", r.Raw)
	}
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"action": "move", "occurrence": at(2027, 1, 2, 13, 30),
		"start": at(2027, 1, 3, 9, 0), "end": at(2027, 1, 3, 11, 0)})
}
