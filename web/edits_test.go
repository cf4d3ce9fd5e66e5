package web_test

import (
	"strings"
	"testing"
	"time"
)

// Regression tests for edits of series found in review: each failed before
// its fix.

func (te *teamEnv) weekly(room string, y int, m time.Month, d, h int, rrule string) string {
	te.t.Helper()
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", room, at(y, m, d, h, 0), at(y, m, d, h+1, 0), rrule))
	return obj(r.Body["series"])["id"].(string)
}

func (te *teamEnv) listed(q string) []string {
	te.t.Helper()
	var out []string
	for _, v := range arr(te.must(200, "GET", "/api/v1/occurrences?"+q, "", nil).Body["occurrences"]) {
		o := obj(v)
		out = append(out, o["kind"].(string)+"@"+o["start"].(string))
	}
	return out
}

func TestDeleteKeepsMovedAwaySlotFree(t *testing.T) {
	te := newTeamEnv(t)
	id := te.weekly("activity", 2026, 11, 30, 9, "FREQ=WEEKLY;BYDAY=MO")
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 7, 9, 0), "action": "move",
		"start": at(2026, 12, 10, 9, 0), "end": at(2026, 12, 10, 10, 0)})
	res := te.resident("res1")
	r := te.must(201, "POST", "/api/v1/bookings", res, bookingBody("activity", at(2026, 12, 7, 9, 0), at(2026, 12, 7, 10, 0)))
	te.clock.Add(9*24*time.Hour - time.Hour) // 2026-12-07 09:00: checked in, so not a no-show that frees the slot itself
	te.must(200, "POST", "/api/v1/bookings/"+obj(r.Body["booking"])["id"].(string)+"/check-in", res, nil)
	te.clock.Add(25 * time.Hour) // 2026-12-08 10:00
	te.must(204, "DELETE", "/api/v1/series/"+id, te.choir, nil)
	got := te.listed("room=activity&from=2026-12-07T00:00:00%2B08:00&to=2026-12-08T00:00:00%2B08:00")
	if len(got) != 1 || !strings.HasPrefix(got[0], "booking@") {
		t.Fatalf("7 Dec after delete: %v", got)
	}
}

func TestPatchEndedSeriesRefused(t *testing.T) {
	te := newTeamEnv(t)
	id := te.weekly("activity", 2026, 11, 30, 9, "FREQ=WEEKLY;BYDAY=MO")
	te.clock.Add(3 * 24 * time.Hour)
	te.must(204, "DELETE", "/api/v1/series/"+id, te.choir, nil)
	te.clock.Add(14 * 24 * time.Hour)
	te.must(422, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"room": "music"})
	te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"title": "旧课 Old class"})
}

func TestPatchTimeKeepsCancellations(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, with(series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 10, 0), "FREQ=WEEKLY;BYDAY=MO"),
		"exdates", []string{at(2026, 12, 7, 9, 0)}))
	id := obj(r.Body["series"])["id"].(string)
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 14, 9, 0), "action": "cancel"})
	te.clock.Add(3 * 24 * time.Hour)
	r = te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"start": at(2026, 12, 7, 14, 0)})
	s := obj(r.Body["series"])
	if ex := arr(s["exdates"]); len(ex) != 1 || ex[0] != "2026-12-07T14:00:00+08:00" {
		t.Fatalf("exdates = %v", ex)
	}
	if ex := arr(s["exceptions"]); len(ex) != 1 || obj(ex[0])["occurrence"] != "2026-12-14T14:00:00+08:00" {
		t.Fatalf("exceptions = %v", ex)
	}
	got := te.listed("team=choir&from=2026-12-01T00:00:00%2B08:00&to=2026-12-29T00:00:00%2B08:00")
	if strings.Join(got, ",") != "series@2026-12-21T14:00:00+08:00,series@2026-12-28T14:00:00+08:00" {
		t.Fatalf("after the time change: %v", got)
	}
}

func TestPatchOntoOwnMoveRefused(t *testing.T) {
	te := newTeamEnv(t)
	id := te.weekly("activity", 2026, 12, 1, 9, "FREQ=WEEKLY;BYDAY=TU")
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 8, 9, 0), "action": "move",
		"start": at(2026, 12, 10, 9, 0), "end": at(2026, 12, 10, 10, 0)})
	te.must(409, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"rrule": "FREQ=WEEKLY;BYDAY=TU,TH"})
}

func TestCancelLastOccurrenceEndsSeries(t *testing.T) {
	te := newTeamEnv(t)
	id := te.weekly("music", 2026, 12, 1, 9, "FREQ=WEEKLY;COUNT=2")
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 1, 9, 0), "action": "cancel"})
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 8, 9, 0), "action": "cancel"})
	te.must(404, "GET", "/api/v1/series/"+id, "", nil)
}

func TestInputEdges(t *testing.T) {
	e := newEnv(t)
	r := e.must(422, "POST", "/api/v1/auth/register", "", map[string]string{"username": "longpw", "password": strings.Repeat("密", 25), "name": "x"})
	if obj(r.Body["error"])["field"] != "password" {
		t.Fatalf("%s", r.Raw)
	}
	tok := e.resident("frac")
	r = e.must(422, "POST", "/api/v1/bookings", tok, bookingBody("library", "2026-12-01T09:00:00.2+08:00", "2026-12-01T09:00:00.8+08:00"))
	if obj(r.Body["error"])["field"] != "end" {
		t.Fatalf("%s", r.Raw)
	}
}

// TestFeedUIDFollowsEdits: after a change of time the series' own UID
// describes the new schedule; the closed past keeps a UID of its own.
func TestFeedUIDFollowsEdits(t *testing.T) {
	te := newTeamEnv(t)
	id := te.weekly("library", 2026, 11, 30, 9, "FREQ=WEEKLY;BYDAY=MO")
	te.clock.Add(3 * 24 * time.Hour)
	te.must(200, "PATCH", "/api/v1/series/"+id, te.choir, map[string]any{"start": at(2026, 12, 7, 15, 0)})
	feed := string(te.must(200, "GET", "/calendar/teams/choir.ics", "", nil).Raw)
	seen := map[string]int{}
	for _, ev := range strings.Split(feed, "BEGIN:VEVENT")[1:] {
		switch {
		case strings.Contains(ev, "UID:"+id+"@"):
			seen["series"]++
			if !strings.Contains(ev, "DTSTART;TZID=Asia/Shanghai:20261207T150000") || !strings.Contains(ev, "SEQUENCE:1") {
				t.Fatalf("series UID does not carry the new schedule:%s", ev)
			}
		case strings.Contains(ev, "UID:"+id+"-0@"):
			seen["past"]++
			if !strings.Contains(ev, "DTSTART;TZID=Asia/Shanghai:20261130T090000") {
				t.Fatalf("past part:%s", ev)
			}
		default:
			t.Fatalf("unexpected event:%s", ev)
		}
	}
	if seen["series"] != 1 || seen["past"] != 1 { // a feed without the events passed the loop above
		t.Fatalf("want one event for the series and one for its past, got %v in\n%s", seen, feed)
	}
}
