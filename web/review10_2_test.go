package web_test

// Attack review 2 of issue 10 (house rules), wt-review2: one test per
// defect, named after its number in the report. Each fails today.

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Defect 1: a resident may cancel bookings that are already over, even
// checked in. The used hours then leave the weekly quota (a fourth 2-hour
// booking in the same ISO week is accepted: 8 h > 6 h) and vanish from
// the utilisation report (booked and checked-in hours 0). Cancelling a
// use that has begun should be refused (409) and change nothing.
func TestReview10_2Defect1CancelPastBookingFreesQuotaAndErasesUse(t *testing.T) {
	e := newEnv(t) // Sat 2026-11-28 10:00; ISO week of Mon 30 Nov
	alice := e.resident("alice")
	var ids []string
	for i := 0; i < 3; i++ {
		r := e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("library", at(2026, 11, 30, 8+2*i, 0), at(2026, 11, 30, 10+2*i, 0)))
		ids = append(ids, obj(r.Body["booking"])["id"].(string))
	}
	for i, id := range ids { // alice comes to each
		e.clock.mu.Lock()
		e.clock.t = time.Date(2026, 11, 30, 8+2*i, 0, 0, 0, shanghai)
		e.clock.mu.Unlock()
		e.must(200, "POST", "/api/v1/bookings/"+id+"/check-in", alice, nil)
	}
	e.clock.Add(7 * time.Hour) // Mon 30 Nov 19:00: all three are over
	before := e.dbState()
	for _, id := range ids {
		if r := e.do("DELETE", "/api/v1/bookings/"+id, alice, nil); r.Status != 409 {
			t.Errorf("cancelling a used, finished booking: %d %s, want 409", r.Status, r.Raw)
		}
	}
	if e.dbState() != before {
		t.Errorf("a refused cancel changed the database")
	}
	if r := e.do("POST", "/api/v1/bookings", alice, bookingBody("library", at(2026, 12, 1, 8, 0), at(2026, 12, 1, 10, 0))); r.Status != 422 {
		t.Errorf("8 hours in one week: %d %s, want 422 weekly_quota", r.Status, r.Raw)
	}
	rep := e.must(200, "GET", "/api/v1/reports/utilization?from=2026-11-30&to=2026-12-01", e.admin, nil)
	for _, row := range arr(obj(rep.Body["report"])["rows"]) {
		if o := obj(row); o["room"] == "library" && o["checked_in_hours"] != 6.0 {
			t.Errorf("library's checked-in hours after the cancels: %v, want 6", o)
		}
	}
}

// Defect 2: in a DST zone the utilisation report counts a quiet window
// over the repeated hour once, while the booking rule (booking/quiet.go:
// "both readings of the repeated hour are quiet") refuses both. Library
// quiet 02:00-03:00 in Berlin: on Sun 25 Oct 2026 (25 hours) 2 real
// hours are quiet, so 23 are open and the (Sunday, 02) cell has 0 open
// hours; the report says 24 and 1.
func TestReview10_2Defect2ReportQuietRepeatedHour(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	e := newEnvAt(t, time.Date(2026, 10, 20, 10, 0, 0, 0, berlin))
	e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"rules": map[string]any{"quiet_hours": []map[string]string{{"start": "02:00", "end": "03:00"}}}})
	day := e.must(200, "GET", "/api/v1/reports/utilization?from=2026-10-25&to=2026-10-26", e.admin, nil)
	for _, row := range arr(obj(day.Body["report"])["rows"]) {
		if o := obj(row); o["room"] == "library" && o["open_hours"] != 23.0 {
			t.Errorf("library open hours on 25 Oct: %v, want 23 (25 less both readings of 02:00-03:00)", o["open_hours"])
		}
	}
	cells := e.must(200, "GET", "/api/v1/reports/utilization?from=2026-10-25&to=2026-10-26&group=hour", e.admin, nil)
	for _, row := range arr(obj(cells.Body["report"])["rows"]) {
		if o := obj(row); o["room"] == "library" && o["weekday"] == 7.0 && o["hour"] == 2.0 && o["open_hours"] != 0.0 {
			t.Errorf("library (Sunday, 02) open hours: %v, want 0: that hour is quiet both times", o["open_hours"])
		}
	}
}

// Defect 3 (low): content negotiation ignores q-values: a client that
// prefers JSON ("text/csv;q=0.5, application/json") is sent CSV.
func TestReview10_2Defect3AcceptQValues(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/reports/utilization?from=2026-11-30&to=2026-12-07", nil)
	req.Header.Set("Authorization", "Bearer "+e.admin)
	req.Header.Set("Accept", "text/csv;q=0.5, application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Accept preferring JSON got %q", ct)
	}
}

// The report's answer depends on Accept, and says so (Vary), so a shared
// cache never hands the CSV to a caller that asked for JSON.
func TestReportVariesByAccept(t *testing.T) {
	e := newDemoEnv(t)
	r := e.do("GET", "/api/v1/reports/utilization?from=2026-11-23&to=2026-11-30", e.admin, nil)
	varies := false
	for _, v := range strings.Split(strings.Join(r.Header.Values("Vary"), ","), ",") {
		varies = varies || strings.EqualFold(strings.TrimSpace(v), "Accept")
	}
	if r.Status != 200 || !varies {
		t.Fatalf("%d, Vary %q", r.Status, r.Header.Values("Vary"))
	}
}
