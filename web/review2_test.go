package web_test

// Regression tests from the second review of issue 8 (wt-review2).

import (
	"testing"
	"time"
)

// review2Env is a team env whose check compares, for the rooms given,
// every feed with /occurrences in a window around December 2026.
type review2Env struct {
	*teamEnv
	fe *feedEnv
}

func newReview2Env(t *testing.T) *review2Env {
	te := newTeamEnv(t)
	return &review2Env{teamEnv: te, fe: &feedEnv{teamEnv: te, from: time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai),
		to: time.Date(2027, 2, 1, 0, 0, 0, 0, shanghai)}}
}

// agree: each room feed, the team feed and the courses feed read in
// ical.js exactly what the API lists.
func (e *review2Env) agree(what string, rooms ...string) {
	e.t.Helper()
	for _, r := range rooms {
		got, _ := e.fe.feedSlots("/calendar/rooms/" + r + ".ics")
		sameSlots(e.t, what+": room "+r, got, e.fe.apiSlots("&room="+r, "", nil))
	}
	got, _ := e.fe.feedSlots("/calendar/teams/choir.ics")
	sameSlots(e.t, what+": team", got, e.fe.apiSlots("&team=choir", "", nil))
}

func (e *review2Env) newSeries(room string, start, end time.Time, rule string) string {
	e.t.Helper()
	r := e.must(201, "POST", "/api/v1/series", e.choir, series("choir", room, start.Format(time.RFC3339), end.Format(time.RFC3339), rule))
	return obj(r.Body["series"])["id"].(string)
}

func (e *review2Env) move(id string, orig, start time.Time, d time.Duration, room string) resp {
	e.t.Helper()
	body := map[string]any{"occurrence": orig.Format(time.RFC3339), "action": "move", "start": start.Format(time.RFC3339),
		"end": start.Add(d).Format(time.RFC3339)}
	if room != "" {
		body["room"] = room
	}
	return e.do("POST", "/api/v1/series/"+id+"/exceptions", e.choir, body)
}

func (e *review2Env) cancel(id string, orig time.Time) resp {
	e.t.Helper()
	return e.do("POST", "/api/v1/series/"+id+"/exceptions", e.choir, map[string]any{"occurrence": orig.Format(time.RFC3339), "action": "cancel"})
}

func sh(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, shanghai) }

// Point 5: a PATCH of the time or room of a series whose remaining dates
// were all moved (or moved and cancelled) answers 422 naming "rrule",
// which the PATCH does not have: "the rule yields no occurrence". It
// should work (the moved dates stay where they are) or refuse naming a
// field of the request (or "id").
func TestReview2PatchAllDatesMoved(t *testing.T) {
	cases := []struct {
		name  string
		prep  func(e *review2Env, id string)
		patch map[string]any
	}{
		{"both moved, new start", func(e *review2Env, id string) {
			e.mustOK(e.move(id, sh(12, 5, 9), sh(12, 6, 9), time.Hour, ""))
			e.mustOK(e.move(id, sh(12, 12, 9), sh(12, 13, 9), time.Hour, ""))
		}, map[string]any{"start": sh(12, 5, 11).Format(time.RFC3339)}},
		{"both moved, new room", func(e *review2Env, id string) {
			e.mustOK(e.move(id, sh(12, 5, 9), sh(12, 6, 9), time.Hour, ""))
			e.mustOK(e.move(id, sh(12, 12, 9), sh(12, 13, 9), time.Hour, ""))
		}, map[string]any{"room": "library"}},
		{"one cancelled one moved, new end", func(e *review2Env, id string) {
			e.mustOK(e.move(id, sh(12, 12, 9), sh(12, 12, 9), time.Hour, "library"))
			e.mustOK(e.cancel(id, sh(12, 5, 9)))
		}, map[string]any{"end": sh(12, 5, 11).Format(time.RFC3339)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newReview2Env(t)
			id := e.newSeries("music", sh(12, 5, 9), sh(12, 5, 10), "FREQ=WEEKLY;COUNT=2")
			tc.prep(e, id)
			r := e.do("PATCH", "/api/v1/series/"+id, e.choir, tc.patch)
			switch {
			case r.Status == 200:
				e.agree("after the PATCH", "music", "library")
			case r.Status == 422 && r.field() != "rrule":
			default:
				t.Fatalf("PATCH %v: %d %s; want 200, or 422 naming a field of the request", tc.patch, r.Status, r.Raw)
			}
		})
	}
}

func (e *review2Env) mustOK(r resp) {
	e.t.Helper()
	if r.Status/100 != 2 {
		e.t.Fatalf("%d %s", r.Status, r.Raw)
	}
}

// "Future occurrences go, past ones stay on record" (DeleteSeries), and a
// PATCH changes occurrences from now on: a date moved to an earlier time
// that has since passed took place, yet DELETE (the series has no other
// past date) removes the series entirely, and a PATCH of the rule whose new
// dates no longer include the original day drops the move: the class that
// was held on 1 December vanishes from /occurrences and the feeds.
func TestReview2HeldMoveStaysOnRecord(t *testing.T) {
	window := "room=music&from=2026-11-30T00:00:00%2B08:00&to=2026-12-03T00:00:00%2B08:00"
	held := "series@2026-12-01T09:00:00+08:00"
	for _, tc := range []struct {
		name   string
		count  string
		change func(e *review2Env, id string)
	}{
		{"one date, DELETE", "1", func(e *review2Env, id string) { e.must(204, "DELETE", "/api/v1/series/"+id, e.choir, nil) }},
		{"two dates, DELETE", "2", func(e *review2Env, id string) { e.must(204, "DELETE", "/api/v1/series/"+id, e.choir, nil) }},
		{"two dates, PATCH rule", "2", func(e *review2Env, id string) {
			e.must(200, "PATCH", "/api/v1/series/"+id, e.choir, map[string]any{"rrule": "FREQ=DAILY;COUNT=2", "start": sh(12, 7, 9).Format(time.RFC3339)})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newReview2Env(t)
			id := e.newSeries("music", sh(12, 5, 9), sh(12, 5, 10), "FREQ=WEEKLY;COUNT="+tc.count)
			e.mustOK(e.move(id, sh(12, 5, 9), sh(12, 1, 9), time.Hour, "")) // held earlier than planned
			e.clock.Add(5 * 24 * time.Hour)                                 // 3 December: it took place
			if got := e.listed(window); len(got) != 1 || got[0] != held {
				t.Fatalf("before: %v", got)
			}
			tc.change(e, id)
			if got := e.listed(window); len(got) != 1 || got[0] != held {
				t.Fatalf("the class held on 1 December is gone from the record: %v", got)
			}
		})
	}
}
