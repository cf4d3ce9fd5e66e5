package web_test

// Regression tests for the utilisation report from the reviews of issue
// 10 (wt-review1 defect 2, wt-review2 defects 2 and 3), through the real
// router.

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// reportRows asks for the report of path (a query string after
// /api/v1/reports/utilization?) and returns its rows.
func (e *env) reportRows(query string) []map[string]any {
	e.t.Helper()
	var out []map[string]any
	for _, v := range arr(obj(e.must(200, "GET", "/api/v1/reports/utilization?"+query, e.admin, nil).Body["report"])["rows"]) {
		out = append(out, obj(v))
	}
	return out
}

// TestReportNoShowReleasedOnce: alice books the activity room 11:00-13:00
// and never comes; at 11:20 bob books 11:30-13:00 (released at 11:15).
// The room is booked 1.75 h (alice's 15 minutes until her deadline, and
// bob's 1.5 h), her no-show hours stay the 2 h she reserved, and no row
// or cell has more booked than open hours.
func TestReportNoShowReleasedOnce(t *testing.T) {
	e := newEnv(t) // 2026-11-28 10:00
	alice, bob := e.resident("alice"), e.resident("bob")
	e.must(201, "POST", "/api/v1/bookings", alice, map[string]any{"room": "activity",
		"start": at(2026, 11, 28, 11, 0), "end": at(2026, 11, 28, 13, 0), "title": "乒乓", "attendees": 2})
	e.clock.Add(80 * time.Minute)
	e.must(201, "POST", "/api/v1/bookings", bob, map[string]any{"room": "activity",
		"start": at(2026, 11, 28, 11, 30), "end": at(2026, 11, 28, 13, 0), "title": "排练", "attendees": 2})
	span := "from=" + url.QueryEscape(at(2026, 11, 28, 11, 0)) + "&to=" + url.QueryEscape(at(2026, 11, 28, 13, 0))
	for _, q := range []string{"from=2026-11-28&to=2026-11-29", span, span + "&group=team", "from=2026-11-28&to=2026-11-29&group=hour"} {
		for _, row := range e.reportRows(q) {
			if row["booked_hours"].(float64) > row["open_hours"].(float64) {
				t.Errorf("%s: booked over open in %v", q, row)
			}
			roomRow := row["room"] == "activity" && row["weekday"] == nil
			oneOffRow := row["room"] == nil && row["team"] == nil // group=team's last row
			if roomRow || oneOffRow {
				if row["booked_hours"] != 1.75 || row["no_show_hours"] != 2.0 {
					t.Errorf("%s: %v, want 1.75 booked, 2 no-show hours", q, row)
				}
			}
		}
	}
	for _, row := range e.reportRows("from=2026-11-28&to=2026-11-29&group=hour") {
		if row["room"] == "activity" && row["weekday"] == 6.0 && row["hour"] == 11.0 && (row["booked_hours"] != 0.75 || row["no_show_hours"] != 1.0) {
			t.Errorf("(Saturday, 11): %v, want 0.75 booked, 1 no-show hour", row)
		}
	}
}

// TestReportQuietDSTHours: in Berlin the report's quiet hours are the
// rule's. Library quiet 02:00-03:00 on Sunday 25 October 2026 (25 hours):
// both readings of 02:00-03:00 are quiet, 23 open hours, 0 in (Sunday,
// 02). Quiet 02:30-03:30 on Sunday 29 March 2026 (23 hours), starting in
// the skipped hour: 03:00-03:30 CEST is quiet, 22.5 open hours, 0.5 in
// (Sunday, 03); the rule refuses 03:00-03:30 and allows 03:30-04:00.
func TestReportQuietDSTHours(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	for _, tc := range []struct {
		start, end, day, next string
		open, cell            float64
		hour                  float64
		now                   time.Time
	}{
		{"02:00", "03:00", "2026-10-25", "2026-10-26", 23, 0, 2, time.Date(2026, 10, 20, 10, 0, 0, 0, berlin)},
		{"02:30", "03:30", "2026-03-29", "2026-03-30", 22.5, 0.5, 3, time.Date(2026, 3, 25, 10, 0, 0, 0, berlin)},
	} {
		t.Run(tc.day, func(t *testing.T) {
			e := newEnvAt(t, tc.now)
			e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"rules": map[string]any{"quiet_hours": []map[string]string{{"start": tc.start, "end": tc.end}}}})
			for _, row := range e.reportRows("from=" + tc.day + "&to=" + tc.next) {
				if row["room"] == "library" && row["open_hours"] != tc.open {
					t.Errorf("library open hours on %s: %v, want %v", tc.day, row["open_hours"], tc.open)
				}
			}
			for _, row := range e.reportRows("from=" + tc.day + "&to=" + tc.next + "&group=hour") {
				if row["room"] == "library" && row["weekday"] == 7.0 && row["hour"] == tc.hour && row["open_hours"] != tc.cell {
					t.Errorf("library (Sunday, %02v) open hours: %v, want %v", tc.hour, row["open_hours"], tc.cell)
				}
			}
		})
	}
	// The rule on the spring day: 03:00-03:30 CEST is quiet, 03:30 is not.
	e := newEnvAt(t, time.Date(2026, 3, 25, 10, 0, 0, 0, berlin))
	e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"rules": map[string]any{"quiet_hours": []map[string]string{{"start": "02:30", "end": "03:30"}}}})
	t0 := time.Date(2026, 3, 29, 3, 0, 0, 0, berlin)
	if r := e.do("POST", "/api/v1/bookings", e.admin, bookingBody("library", t0.Format(time.RFC3339), t0.Add(30*time.Minute).Format(time.RFC3339))); r.Status != 422 || !strings.Contains(string(r.Raw), "quiet_hours") {
		t.Errorf("03:00-03:30 CEST: %d %s, want 422 quiet_hours", r.Status, r.Raw)
	}
	e.must(201, "POST", "/api/v1/bookings", e.admin, bookingBody("library", t0.Add(30*time.Minute).Format(time.RFC3339), t0.Add(time.Hour).Format(time.RFC3339)))
}

// TestReportAcceptQValues: the report's form follows the Accept header's
// weights (RFC 9110 §12.5.1): the most specific range naming a type gives
// its q, the higher q wins, q=0 refuses, and a tie, no header or nothing
// acceptable stays JSON.
func TestReportAcceptQValues(t *testing.T) {
	e := newEnv(t)
	const path = "/api/v1/reports/utilization?from=2026-11-30&to=2026-12-07"
	for _, tc := range []struct{ accept, want string }{
		{"", "application/json"},
		{"text/csv", "text/csv"},
		{"TEXT/CSV", "text/csv"},
		{"text/csv;q=0.5, application/json", "application/json"},
		{"text/csv; q=0.5 , application/json;q=0.4", "text/csv"},
		{"application/json;q=0.1, text/csv", "text/csv"},
		{"text/csv, application/json", "application/json"}, // a tie
		{"application/json, text/csv", "application/json"},
		{"text/csv;q=0", "application/json"},
		{"text/csv;q=0, */*", "application/json"},
		{"text/*", "text/csv"},
		{"text/*;q=0.3, application/*;q=0.2", "text/csv"},
		{"*/*", "application/json"},
		{"*/*;q=0.1, text/csv", "text/csv"},
		{"text/csv;q=0.5, */*", "application/json"},
		{"text/csv;charset=utf-8;q=0.9, application/json;q=0.8", "text/csv"},
		{"image/png", "application/json"},
		{"text/csv;q=abc, application/json;q=0.5", "application/json"}, // a bad weight: that range is ignored
	} {
		req, err := http.NewRequest("GET", e.srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+e.admin)
		if tc.accept != "" {
			req.Header.Set("Accept", tc.accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.HasPrefix(ct, tc.want) {
			t.Errorf("Accept %q: %d %q, want %s", tc.accept, res.StatusCode, ct, tc.want)
		}
	}
	// Two Accept header lines are one list.
	req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+e.admin)
	req.Header.Add("Accept", "application/json;q=0.2")
	req.Header.Add("Accept", "text/csv;q=0.9")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("two Accept lines preferring CSV: %q", ct)
	}
}
