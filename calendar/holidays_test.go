package calendar_test

import (
	"slices"
	"strconv"
	"testing"

	"mingzhu/calendar"
)

// TestHolidays holds the library wrapper to arrangements the State
// Council published (written here by hand from the notices: the oracle).
func TestHolidays(t *testing.T) {
	type h = calendar.Holiday
	days := func(year int, from, to string) []h {
		var out []h
		for _, d := range calendar.Holidays(year) {
			if d.Date >= from && d.Date <= to {
				out = append(out, d)
			}
		}
		return out
	}
	tests := []struct {
		name     string
		year     int
		from, to string
		want     []h
	}{
		{"2026 new year: 1-3 off, Sunday 4 worked", 2026, "2026-01-01", "2026-01-31", []h{
			{"2026-01-01", "元旦节", false}, {"2026-01-02", "元旦节", false}, {"2026-01-03", "元旦节", false},
			{"2026-01-04", "元旦节", true}}},
		{"2026 spring festival: 15-23 Feb off, Saturdays 14 and 28 worked", 2026, "2026-02-01", "2026-02-28", []h{
			{"2026-02-14", "春节", true},
			{"2026-02-15", "春节", false}, {"2026-02-16", "春节", false}, {"2026-02-17", "春节", false},
			{"2026-02-18", "春节", false}, {"2026-02-19", "春节", false}, {"2026-02-20", "春节", false},
			{"2026-02-21", "春节", false}, {"2026-02-22", "春节", false}, {"2026-02-23", "春节", false},
			{"2026-02-28", "春节", true}}},
		{"2025 national day with mid-autumn: 1-8 Oct off, 28 Sep and 11 Oct worked", 2025, "2025-09-01", "2025-10-31", []h{
			{"2025-09-28", "国庆中秋", true},
			{"2025-10-01", "国庆中秋", false}, {"2025-10-02", "国庆中秋", false}, {"2025-10-03", "国庆中秋", false},
			{"2025-10-04", "国庆中秋", false}, {"2025-10-05", "国庆中秋", false}, {"2025-10-06", "国庆中秋", false},
			{"2025-10-07", "国庆中秋", false}, {"2025-10-08", "国庆中秋", false},
			{"2025-10-11", "国庆中秋", true}}},
		{"2001 has only the two days worked for new year 2002", 2001, "2001-01-01", "2001-12-31", []h{
			{"2001-12-29", "元旦节", true}, {"2001-12-30", "元旦节", true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := days(tc.year, tc.from, tc.to); !slices.Equal(got, tc.want) {
				t.Fatalf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

// TestHolidaysShape: every year the library knows is sorted, inside its
// year, without a date twice; years it lacks are empty, never an error.
func TestHolidaysShape(t *testing.T) {
	for year := 1971; year <= 2040; year++ {
		list := calendar.Holidays(year)
		for i, d := range list {
			if len(d.Date) != 10 || d.Date[:4] != strconv.Itoa(year) || d.Name == "" {
				t.Fatalf("%d: bad entry %+v", year, d)
			}
			if i > 0 && list[i-1].Date >= d.Date {
				t.Fatalf("%d: not sorted or twice: %v then %v", year, list[i-1], d)
			}
		}
		if (year >= 2002 && year <= 2026) != (len(list) > 0) && year != 2001 && year != 2027 {
			t.Errorf("%d: %d days", year, len(list))
		}
	}
	for _, year := range []int{1971, 2000, 2100, 9997} {
		if n := len(calendar.Holidays(year)); n != 0 {
			t.Errorf("%d: %d days, want none (no notice in the library)", year, n)
		}
	}
}

// TestHolidayYears: the span starts with the library's first notice and
// ends at its last year; the year after is unannounced (empty).
func TestHolidayYears(t *testing.T) {
	first, last := calendar.HolidayYears()
	if first != 2001 || last < 2026 {
		t.Fatalf("HolidayYears = %d, %d", first, last)
	}
	if len(calendar.Holidays(last)) == 0 || len(calendar.Holidays(last+1)) != 0 {
		t.Fatalf("year %d should be the last with days, %d the first without", last, last+1)
	}
}
