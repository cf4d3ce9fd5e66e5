package web_test

import (
	"strings"
	"testing"
)

// holidayDates are the answer's days in one month, as "date name work".
func holidayDates(t *testing.T, r resp, prefix string) []string {
	t.Helper()
	var out []string
	for _, v := range arr(r.Body["holidays"]) {
		h := obj(v)
		if d := h["date"].(string); strings.HasPrefix(d, prefix) {
			w := "off"
			if h["work"].(bool) {
				w = "work"
			}
			out = append(out, d+" "+h["name"].(string)+" "+w)
		}
	}
	return out
}

// TestHolidaysHTTP: anyone lists a year's holidays (the 2026 Spring
// Festival as published); staff add a day (201, listed at once) and
// remove one, the library's included (204, gone from the listing); a
// date without a holiday cannot be removed (404).
func TestHolidaysHTTP(t *testing.T) {
	e := newEnv(t)
	r := e.must(200, "GET", "/api/v1/holidays?year=2026", "", nil)
	want := "2026-02-14 春节 work|2026-02-15 春节 off|2026-02-16 春节 off|2026-02-17 春节 off|2026-02-18 春节 off|" +
		"2026-02-19 春节 off|2026-02-20 春节 off|2026-02-21 春节 off|2026-02-22 春节 off|2026-02-23 春节 off|2026-02-28 春节 work"
	if got := strings.Join(holidayDates(t, r, "2026-02"), "|"); got != want {
		t.Fatalf("2026-02 = %s\nwant     %s", got, want)
	}
	e.must(200, "HEAD", "/api/v1/holidays?year=2026", "", nil)

	r = e.must(201, "POST", "/api/v1/holidays", e.admin, map[string]any{"date": "2026-03-08", "name": " 妇女节活动 ", "work": false})
	if h := obj(r.Body["holiday"]); h["date"] != "2026-03-08" || h["name"] != "妇女节活动" || h["work"] != false {
		t.Fatalf("added = %s", r.Raw)
	}
	e.must(201, "POST", "/api/v1/holidays", e.admin, map[string]any{"date": "2026-02-28", "name": "春节", "work": false})
	e.must(204, "DELETE", "/api/v1/holidays/2026-02-14", e.admin, nil)
	r = e.must(200, "GET", "/api/v1/holidays?year=2026", "", nil)
	if got := holidayDates(t, r, "2026-03"); strings.Join(got, "|") != "2026-03-08 妇女节活动 off" {
		t.Fatalf("2026-03 = %v", got)
	}
	if got := holidayDates(t, r, "2026-02"); got[0] != "2026-02-15 春节 off" || got[len(got)-1] != "2026-02-28 春节 off" {
		t.Fatalf("2026-02 = %v", got)
	}
	e.must(204, "DELETE", "/api/v1/holidays/2026-03-08", e.admin, nil)
	e.must(404, "DELETE", "/api/v1/holidays/2026-03-08", e.admin, nil)
	e.must(404, "DELETE", "/api/v1/holidays/2026-02-14", e.admin, nil)
	if got := holidayDates(t, e.must(200, "GET", "/api/v1/holidays?year=2026", "", nil), "2026-03"); len(got) != 0 {
		t.Fatalf("2026-03 after removal = %v", got)
	}
	// A year without a notice in the library: only staff's days.
	if got := arr(e.must(200, "GET", "/api/v1/holidays?year=2040", "", nil).Body["holidays"]); len(got) != 0 {
		t.Fatalf("2040 = %v", got)
	}
}

// TestHolidaysRefusedHTTP: writes need a login (401) and staff (403);
// bad values are 422 naming the field; none changes the listing.
func TestHolidaysRefusedHTTP(t *testing.T) {
	e := newEnv(t)
	res, lead := e.resident("wang"), e.leader("lin")
	before := string(e.must(200, "GET", "/api/v1/holidays?year=2026", "", nil).Raw)
	ok := map[string]any{"date": "2026-03-02", "name": "x", "work": false}
	e.must(401, "POST", "/api/v1/holidays", "", ok)
	e.must(401, "DELETE", "/api/v1/holidays/2026-02-16", "", nil)
	for _, tok := range []string{res, lead} {
		e.must(403, "POST", "/api/v1/holidays", tok, ok)
		e.must(403, "DELETE", "/api/v1/holidays/2026-02-16", tok, nil)
	}
	for _, tc := range []struct {
		name, method, path, field string
		body                      any
	}{
		{"no year", "GET", "/api/v1/holidays", "year", nil},
		{"year not a number", "GET", "/api/v1/holidays?year=twenty", "year", nil},
		{"year 1970", "GET", "/api/v1/holidays?year=1970", "year", nil},
		{"year 9998", "GET", "/api/v1/holidays?year=9998", "year", nil},
		{"bad date", "POST", "/api/v1/holidays", "date", map[string]any{"date": "2026-2-30", "name": "x", "work": false}},
		{"date out of range", "POST", "/api/v1/holidays", "date", map[string]any{"date": "9998-01-01", "name": "x", "work": false}},
		{"empty name", "POST", "/api/v1/holidays", "name", map[string]any{"date": "2026-03-02", "name": " ", "work": false}},
		{"long name", "POST", "/api/v1/holidays", "name", map[string]any{"date": "2026-03-02", "name": strings.Repeat("节", 65), "work": false}},
		{"no work", "POST", "/api/v1/holidays", "work", map[string]any{"date": "2026-03-02", "name": "x"}},
		{"work not a boolean", "POST", "/api/v1/holidays", "work", map[string]any{"date": "2026-03-02", "name": "x", "work": "yes"}},
		{"bad date to remove", "DELETE", "/api/v1/holidays/2026-13-01", "date", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.must(422, tc.method, tc.path, e.admin, tc.body)
			if f, _ := obj(r.Body["error"])["field"].(string); f != tc.field || !strings.Contains(r.errMessage(), tc.field) {
				t.Fatalf("answer %s, want field %q", r.Raw, tc.field)
			}
		})
	}
	if after := string(e.must(200, "GET", "/api/v1/holidays?year=2026", "", nil).Raw); after != before {
		t.Fatalf("a refusal changed the holidays:\n%s\n%s", before, after)
	}
}
