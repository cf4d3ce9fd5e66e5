package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// teamEnv has two teams with a leader each.
type teamEnv struct {
	*env
	choir, dance string // leaders' tokens
}

func newTeamEnv(t *testing.T) *teamEnv {
	e := newEnv(t)
	te := &teamEnv{env: e, choir: e.leader("choir-lead"), dance: e.leader("dance-lead")}
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "明珠合唱队", "name_en": "Mingzhu Choir", "leaders": []string{"choir-lead"}})
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "dance", "name": "舞蹈队", "name_en": "Dance Team", "leaders": []string{"dance-lead"}})
	return te
}

func series(team, room, start, end, rrule string) map[string]any {
	return map[string]any{"team": team, "room": room, "title": team + " class", "start": start, "end": end, "rrule": rrule}
}

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{}
	for kk, vv := range m {
		out[kk] = vv
	}
	out[k] = v
	return out
}

func TestTeams(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(200, "GET", "/api/v1/teams", "", nil)
	if len(arr(r.Body["teams"])) != 2 {
		t.Fatalf("teams = %s", r.Raw)
	}
	r = te.must(200, "GET", "/api/v1/teams/choir", "", nil)
	if lead := arr(obj(r.Body["team"])["leaders"]); len(lead) != 1 || lead[0] != "choir-lead" {
		t.Fatalf("team = %s", r.Raw)
	}
	te.must(404, "GET", "/api/v1/teams/nope", "", nil)
	te.must(403, "POST", "/api/v1/teams", te.choir, map[string]any{"id": "x1", "name": "X"})
	te.must(409, "POST", "/api/v1/teams", te.admin, map[string]any{"id": "choir", "name": "X"})
	te.resident("res1")
	r = te.must(422, "POST", "/api/v1/teams", te.admin, map[string]any{"id": "x2", "name": "X", "leaders": []string{"res1"}})
	if obj(r.Body["error"])["field"] != "leaders" {
		t.Fatalf("%s", r.Raw)
	}
}

func TestSeriesCreateAndClash(t *testing.T) {
	te := newTeamEnv(t)
	choir := series("choir", "activity", at(2026, 12, 1, 7, 0), at(2026, 12, 1, 8, 30), "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T155959Z")
	r := te.must(201, "POST", "/api/v1/series", te.choir, choir)
	s := obj(r.Body["series"])
	if s["id"] == "" || s["team"] != "choir" || s["room"] != "activity" || s["start"] != "2026-12-01T07:00:00+08:00" ||
		s["rrule"] != "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T155959Z" || len(arr(s["exdates"])) != 0 || len(arr(r.Body["skipped"])) != 0 {
		t.Fatalf("series = %s", r.Raw)
	}
	choirID := s["id"].(string)

	// A leader cannot schedule for another team.
	te.must(403, "POST", "/api/v1/series", te.dance, with(choir, "title", "夺取 Takeover"))

	// Dance on Thursdays 08:00-09:00 clashes with every choir Thursday.
	dance := series("dance", "activity", at(2026, 12, 3, 8, 0), at(2026, 12, 3, 9, 0), "FREQ=WEEKLY;BYDAY=TH;COUNT=10")
	r = te.must(409, "POST", "/api/v1/series", te.dance, dance)
	errObj := obj(r.Body["error"])
	conflicts := arr(errObj["conflicts"])
	if errObj["code"] != "conflict" || len(conflicts) != 10 || errObj["total"].(float64) != 10 {
		t.Fatalf("409 = %s", r.Raw)
	}
	c0 := obj(conflicts[0])
	if c0["occurrence_start"] != "2026-12-03T08:00:00+08:00" || c0["occurrence_end"] != "2026-12-03T09:00:00+08:00" {
		t.Fatalf("first clash = %v", c0)
	}
	w := obj(c0["with"])
	if w["kind"] != "series" || w["id"] != choirID || w["start"] != "2026-12-03T07:00:00+08:00" || w["end"] != "2026-12-03T08:30:00+08:00" {
		t.Fatalf("with = %v", w)
	}
	if te.count(`SELECT count(*) FROM series`) != 1 {
		t.Fatal("a refused series was written")
	}

	// Dry run reports and writes nothing.
	r = te.must(200, "POST", "/api/v1/series", te.dance, with(dance, "dry_run", true))
	if r.Body["occurrences"].(float64) != 10 || len(arr(r.Body["conflicts"])) != 10 || te.count(`SELECT count(*) FROM series`) != 1 {
		t.Fatalf("dry run = %s", r.Raw)
	}

	// Skip: the clashing Thursdays become exdates.
	r = te.must(201, "POST", "/api/v1/series", te.dance, with(with(dance, "on_conflict", "skip"), "rrule", "FREQ=WEEKLY;BYDAY=TH,SA;COUNT=10"))
	if sk := arr(r.Body["skipped"]); len(sk) != 5 || sk[0] != "2026-12-03T08:00:00+08:00" {
		t.Fatalf("skipped = %s", r.Raw)
	}
	if ex := arr(obj(r.Body["series"])["exdates"]); len(ex) != 5 {
		t.Fatalf("exdates = %s", r.Raw)
	}

	// A resident's booking over a class is refused, naming the series.
	res := te.resident("res1")
	r = te.must(409, "POST", "/api/v1/bookings", res, bookingBody("activity", at(2026, 12, 8, 7, 30), at(2026, 12, 8, 9, 0)))
	if c := obj(arr(obj(r.Body["error"])["conflicts"])[0]); c["kind"] != "series" || c["id"] != choirID {
		t.Fatalf("booking conflict = %s", r.Raw)
	}

	// Occurrences merge series and bookings; team= filters.
	te.must(201, "POST", "/api/v1/bookings", res, bookingBody("activity", at(2026, 12, 8, 9, 0), at(2026, 12, 8, 10, 0)))
	r = te.must(200, "GET", "/api/v1/occurrences?room=activity&from=2026-12-07T00:00:00%2B08:00&to=2026-12-09T00:00:00%2B08:00", "", nil)
	occ := arr(r.Body["occurrences"])
	if len(occ) != 2 || obj(occ[0])["kind"] != "series" || obj(occ[0])["series_id"] != choirID || obj(occ[1])["kind"] != "booking" {
		t.Fatalf("occurrences = %s", r.Raw)
	}
	r = te.must(200, "GET", "/api/v1/occurrences?team=choir&from=2026-12-01T00:00:00%2B08:00&to=2026-12-15T00:00:00%2B08:00", "", nil)
	if n := len(arr(r.Body["occurrences"])); n != 4 {
		t.Fatalf("choir occurrences = %d: %s", n, r.Raw)
	}
}

func TestSeriesExceptions(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 1, 19, 0), at(2026, 12, 1, 20, 0), "FREQ=WEEKLY;BYDAY=TU"))
	id := obj(r.Body["series"])["id"].(string)
	res := te.resident("res1")
	te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 9, 19, 0), at(2026, 12, 9, 20, 0)))

	// Moving 8 Dec onto the booked Wednesday slot is refused.
	move := map[string]any{"occurrence": at(2026, 12, 8, 19, 0), "action": "move", "start": at(2026, 12, 9, 19, 0), "end": at(2026, 12, 9, 20, 0)}
	r = te.must(409, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, move)
	if c := obj(arr(obj(r.Body["error"])["conflicts"])[0]); c["kind"] != "booking" {
		t.Fatalf("move conflict = %s", r.Raw)
	}
	// Moving it half an hour later overlaps only its own slot: allowed.
	move["start"], move["end"] = at(2026, 12, 8, 19, 30), at(2026, 12, 8, 20, 30)
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, move)
	te.must(403, "POST", "/api/v1/series/"+id+"/exceptions", te.dance, map[string]any{"occurrence": at(2026, 12, 15, 19, 0), "action": "cancel"})
	r = te.must(422, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 16, 19, 0), "action": "cancel"})
	if obj(r.Body["error"])["field"] != "occurrence" {
		t.Fatalf("%s", r.Raw)
	}
	// Cancelling 15 Dec frees the slot for a booking (on 2 Dec, when 15 Dec
	// is within a resident's 14 days).
	te.clock.Add(4 * 24 * time.Hour)
	te.must(409, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 15, 19, 0), at(2026, 12, 15, 20, 0)))
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 15, 19, 0), "action": "cancel"})
	te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 15, 19, 0), at(2026, 12, 15, 20, 0)))

	r = te.must(200, "GET", "/api/v1/series/"+id, "", nil)
	ex := arr(obj(r.Body["series"])["exceptions"])
	if len(ex) != 2 || obj(ex[0])["action"] != "move" || obj(ex[0])["start"] != "2026-12-08T19:30:00+08:00" || obj(ex[1])["action"] != "cancel" {
		t.Fatalf("exceptions = %s", r.Raw)
	}
	r = te.must(200, "GET", "/api/v1/occurrences?team=choir&from=2026-12-07T00:00:00%2B08:00&to=2026-12-21T00:00:00%2B08:00", "", nil)
	occ := arr(r.Body["occurrences"])
	if len(occ) != 1 || obj(occ[0])["start"] != "2026-12-08T19:30:00+08:00" || obj(occ[0])["moved"] != true {
		t.Fatalf("occurrences = %s", r.Raw)
	}
}

func TestSeriesValidation(t *testing.T) {
	te := newTeamEnv(t)
	base := series("choir", "activity", at(2026, 12, 1, 7, 0), at(2026, 12, 1, 8, 0), "FREQ=WEEKLY;BYDAY=TU")
	tests := []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"unparsable rrule", with(base, "rrule", "FREQ=SOMETIMES"), 422, "rrule"},
		{"hourly", with(base, "rrule", "FREQ=HOURLY"), 422, "rrule"},
		{"count over 5000", with(base, "rrule", "FREQ=DAILY;COUNT=5001"), 422, "rrule"},
		{"until before start", with(base, "rrule", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261101T000000Z"), 422, "rrule"},
		{"end before start", with(base, "end", at(2026, 12, 1, 6, 0)), 422, "end"},
		{"longer than a day", with(base, "end", at(2026, 12, 2, 8, 0)), 422, "end"},
		{"start off the pattern", with(base, "rrule", "FREQ=WEEKLY;BYDAY=WE"), 422, "start"},
		{"exdate not an occurrence", with(base, "exdates", []string{at(2026, 12, 2, 7, 0)}), 422, "exdates"},
		{"bad on_conflict", with(base, "on_conflict", "merge"), 422, "on_conflict"},
		{"unknown team", with(base, "team", "nope"), 404, "team"},
		{"unknown room", with(base, "room", "gym"), 404, "room"},
		{"missing rrule", with(base, "rrule", ""), 422, "rrule"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := te.must(tc.status, "POST", "/api/v1/series", te.admin, tc.body)
			if f := obj(r.Body["error"])["field"]; f != tc.field {
				t.Fatalf("field = %v, want %s: %s", f, tc.field, r.Raw)
			}
		})
	}
	if n := te.count(`SELECT count(*) FROM series`); n != 0 {
		t.Fatalf("bad input wrote %d series", n)
	}
}

// weekStart is Monday 2026-11-30 09:00 plus n weeks, in Shanghai.
func weekStart(n int) time.Time {
	return time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai).AddDate(0, 0, 7*n)
}

// TestUnboundedSeriesFirstClashAfterTenYears: weekly every 53 weeks from
// week 0 against every 59 weeks from week 7. By brute force the first
// common week is found here, independently of the service, and must lie
// over ten years out; the service must name exactly that date and call
// the clash unbounded.
func TestUnboundedSeriesFirstClashAfterTenYears(t *testing.T) {
	te := newTeamEnv(t)
	first := -1
	for w := 7; w < 53*59+7; w++ {
		if w%53 == 0 && (w-7)%59 == 0 {
			first = w
			break
		}
	}
	clash := weekStart(first)
	if clash.Sub(weekStart(7)) < 10*365*24*time.Hour {
		t.Fatalf("test rules meet too soon: week %d", first)
	}
	te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "lecture", weekStart(0).Format(time.RFC3339), weekStart(0).Add(time.Hour).Format(time.RFC3339), "FREQ=WEEKLY;INTERVAL=53"))
	other := series("dance", "lecture", weekStart(7).Add(30*time.Minute).Format(time.RFC3339), weekStart(7).Add(90*time.Minute).Format(time.RFC3339), "FREQ=WEEKLY;INTERVAL=59")
	r := te.must(409, "POST", "/api/v1/series", te.dance, other)
	e := obj(r.Body["error"])
	if e["total"] != nil {
		t.Fatalf("total = %v, want null (infinitely many)", e["total"])
	}
	got := obj(arr(e["conflicts"])[0])["occurrence_start"]
	if want := clash.Add(30 * time.Minute).Format(time.RFC3339); got != want {
		t.Fatalf("first clash %v, want %s (week %d)", got, want, first)
	}
	// Skipping cannot remove infinitely many dates.
	te.must(409, "POST", "/api/v1/series", te.dance, with(other, "on_conflict", "skip"))
	r = te.must(200, "POST", "/api/v1/series", te.dance, with(other, "dry_run", true))
	if r.Body["occurrences"] != nil || r.Body["total"] != nil || len(arr(r.Body["conflicts"])) == 0 {
		t.Fatalf("dry run = %s", r.Raw)
	}
}

// TestUnboundedSeriesNeverClash: alternate weeks, and back-to-back hours.
func TestUnboundedSeriesNeverClash(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "library", weekStart(0).Format(time.RFC3339), weekStart(0).Add(time.Hour).Format(time.RFC3339), "FREQ=WEEKLY;INTERVAL=2"))
	te.must(201, "POST", "/api/v1/series", te.dance, series("dance", "library", weekStart(1).Format(time.RFC3339), weekStart(1).Add(time.Hour).Format(time.RFC3339), "FREQ=WEEKLY;INTERVAL=2"))
	te.must(201, "POST", "/api/v1/series", te.dance, series("dance", "library", weekStart(0).Add(time.Hour).Format(time.RFC3339), weekStart(0).Add(2*time.Hour).Format(time.RFC3339), "FREQ=DAILY"))
}

func TestSeriesPatchAndDelete(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "calligraphy", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 10, 0), "FREQ=WEEKLY;BYDAY=MO"))
	id := obj(r.Body["series"])["id"].(string)
	window := "/api/v1/occurrences?team=choir&from=2026-11-30T00:00:00%2B08:00&to=2026-12-29T00:00:00%2B08:00"
	te.clock.Add(8 * 24 * time.Hour) // now 2026-12-06: the Monday of 30 Nov is past

	te.must(403, "PATCH", "/api/v1/series/"+id, te.dance, map[string]any{"title": "x"})
	r = te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"title": "新标题 New title", "start": at(2026, 12, 7, 15, 0), "room": "library"})
	s := obj(r.Body["series"])
	if s["room"] != "library" || s["title"] != "新标题 New title" || s["sequence"].(float64) != 1 || len(arr(s["history"])) != 1 {
		t.Fatalf("patched = %s", r.Raw)
	}
	occ := arr(te.must(200, "GET", window, "", nil).Body["occurrences"])
	var got []string
	for _, o := range occ {
		got = append(got, fmt.Sprintf("%s@%s", obj(o)["start"], obj(o)["room"]))
	}
	want := "2026-11-30T09:00:00+08:00@calligraphy,2026-12-07T15:00:00+08:00@library,2026-12-14T15:00:00+08:00@library," +
		"2026-12-21T15:00:00+08:00@library,2026-12-28T15:00:00+08:00@library"
	if strings.Join(got, ",") != want {
		t.Fatalf("after patch: %v", got)
	}
	// A patch that would clash is refused as a whole.
	te.must(201, "POST", "/api/v1/series", te.dance, series("dance", "library", at(2026, 12, 22, 15, 0), at(2026, 12, 22, 16, 0), "FREQ=WEEKLY;BYDAY=TU"))
	te.must(409, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"start": at(2026, 12, 8, 15, 30), "rrule": "FREQ=WEEKLY;BYDAY=TU"})

	te.must(204, "DELETE", "/api/v1/series/"+id, te.choir, nil)
	occ = arr(te.must(200, "GET", window, "", nil).Body["occurrences"])
	if len(occ) != 1 || obj(occ[0])["start"] != "2026-11-30T09:00:00+08:00" {
		t.Fatalf("after delete: %v", occ)
	}
	// A series with no past is removed entirely.
	r = te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2027, 1, 4, 9, 0), at(2027, 1, 4, 10, 0), "FREQ=WEEKLY"))
	id2 := obj(r.Body["series"])["id"].(string)
	te.must(204, "DELETE", "/api/v1/series/"+id2, te.choir, nil)
	te.must(404, "GET", "/api/v1/series/"+id2, "", nil)
}
