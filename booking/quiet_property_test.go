package booking_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/calendar"
)

// quietPropertyZones have no DST, DST by an hour at 02:00 (Berlin) and at
// 02:00 local on other dates (New York), and DST by half an hour (Lord
// Howe).
var quietPropertyZones = []string{"Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"}

// randomWindows are one or two windows on a 30-minute grid, some crossing
// midnight, some starting or ending in the hours DST moves.
func randomWindows(rng *rand.Rand) []booking.QuietWindow {
	var ws []booking.QuietWindow
	for range 1 + rng.IntN(2) {
		s, e := rng.IntN(48), rng.IntN(48)
		if s == e {
			e = (e + 1) % 48
		}
		f := func(h int) string { return fmt.Sprintf("%02d:%02d", h/2, h%2*30) }
		ws = append(ws, booking.QuietWindow{Start: f(s), End: f(e)})
	}
	return ws
}

// quietAt is the brute force: whether instant t reads, on the wall clock,
// inside one of the windows.
func quietAt(ws []booking.QuietWindow, t time.Time, loc *time.Location) bool {
	h, m, _ := t.In(loc).Clock()
	x := fmt.Sprintf("%02d:%02d", h, m)
	for _, w := range ws {
		if w.Start < w.End && x >= w.Start && x < w.End || w.Start > w.End && (x >= w.Start || x < w.End) {
			return true
		}
	}
	return false
}

// TestQuietOverlapBruteForce: the arithmetic agrees, for intervals near
// and across DST changes, with reading the clock minute by minute (every
// time here is on whole minutes, and offsets change on whole minutes, so
// the minutes' starts stand for the whole interval).
func TestQuietOverlapBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 22))
	for _, zone := range quietPropertyZones {
		loc := mustZone(zone)
		// Days around the 2027 changes in each zone, and ordinary days.
		days := []time.Time{}
		for d := time.Date(2027, 1, 1, 0, 0, 0, 0, loc); d.Year() == 2027; d = d.AddDate(0, 0, 1) {
			if _, o1 := d.Zone(); true {
				if _, o2 := d.AddDate(0, 0, 1).Zone(); o1 != o2 || rng.IntN(60) == 0 {
					days = append(days, d.AddDate(0, 0, -1), d, d.AddDate(0, 0, 1))
				}
			}
		}
		for range 400 {
			ws := randomWindows(rng)
			day := days[rng.IntN(len(days))]
			start := day.Add(time.Duration(rng.IntN(24*12)) * 5 * time.Minute)
			end := start.Add(time.Duration(1+rng.IntN(24*12)) * 5 * time.Minute)
			want := false
			for m := start; m.Before(end); m = m.Add(time.Minute) {
				if quietAt(ws, m, loc) {
					want = true
					break
				}
			}
			if got := booking.QuietOverlap(ws, start, end, loc); got != want {
				t.Errorf("%s %v %v-%v: %v, clock says %v", zone, ws, start, end, got, want)
			}
		}
	}
}

// TestQuietMatchesBruteForce: for every rule the one door accepts (no
// date in or across an hour DST skips or repeats), either every date is
// in quiet hours or none is, so checking the first date decides all of
// them. Checked date by date over 5 years of weekly, monthly and daily
// rules in zones with and without DST.
func TestQuietMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 22))
	rules := []string{"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SA,SU",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "FREQ=MONTHLY;BYDAY=-1SU", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU"}
	checked := 0
	for _, zone := range quietPropertyZones {
		loc := mustZone(zone)
		for range 150 {
			rr := rules[rng.IntN(len(rules))]
			first := time.Date(2026, 12, 1+rng.IntN(28), 0, 0, 0, 0, loc).Add(time.Duration(rng.IntN(96)) * 15 * time.Minute)
			dur := time.Duration(1+rng.IntN(32)) * 15 * time.Minute
			var rule *calendar.Rule
			for range 400 { // the first date on the pattern
				var err error
				if rule, err = calendar.NewRule(calendar.RuleSpec{Start: first, End: first.Add(dur), RRule: rr, Loc: loc}); err == nil {
					break
				}
				first = first.AddDate(0, 0, 1)
			}
			if rule == nil {
				t.Fatalf("%s from %v: no start on the pattern", rr, first)
			}
			if _, bad := rule.AmbiguousOccurrence(); bad {
				continue // refused by the one door
			}
			ws := randomWindows(rng)
			f := rule.First()
			want := booking.QuietOverlap(ws, f.Start, f.End, loc)
			occ, err := rule.Between(f.Start, f.Start.AddDate(5, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range occ {
				if got := booking.QuietOverlap(ws, o.Start, o.End, loc); got != want {
					t.Fatalf("%s %s from %v (%v) windows %v: first date %v, %v on %v", zone, rr, first, dur, ws, want, got, o.Start)
				}
			}
			checked++
		}
	}
	if checked < 200 {
		t.Fatalf("only %d rules checked", checked)
	}
}

// BenchmarkQuietOverlap is the quiet-hours check of one booking in a DST
// zone: pure arithmetic, no read.
func BenchmarkQuietOverlap(b *testing.B) {
	loc := mustZone("Europe/Berlin")
	ws := []booking.QuietWindow{{Start: "22:00", End: "07:00"}}
	s := time.Date(2027, 3, 27, 20, 0, 0, 0, loc)
	for b.Loop() {
		if booking.QuietOverlap(ws, s, s.Add(2*time.Hour), loc) {
			b.Fatal("20:00-22:00 is not quiet")
		}
	}
}
