package calendar

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// TestWeeklyKeepsWallClockAcrossDST: a weekly 09:00 class in Berlin stays at
// 09:00 local through March and October, so its UTC time moves by an hour.
func TestWeeklyKeepsWallClockAcrossDST(t *testing.T) {
	berlin := testLoc(t, "Europe/Berlin")
	start := time.Date(2025, 1, 6, 9, 0, 0, 0, berlin)
	r, err := NewRule(RuleSpec{Start: start, End: start.Add(90 * time.Minute), RRule: "FREQ=WEEKLY;BYDAY=MO", Loc: berlin})
	if err != nil {
		t.Fatal(err)
	}
	occ, err := r.Between(start, start.AddDate(0, 0, 52*7))
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 52 {
		t.Fatalf("%d occurrences", len(occ))
	}
	utcHours := map[int]int{}
	for _, o := range occ {
		if h, m, _ := o.Start.Clock(); h != 9 || m != 0 || o.Start.Location() != berlin {
			t.Fatalf("%v not at 09:00 Berlin time", o.Start)
		}
		if d := o.End.Sub(o.Start); d != 90*time.Minute {
			t.Fatalf("duration %v", d)
		}
		utcHours[o.Start.UTC().Hour()]++
	}
	if utcHours[8] == 0 || utcHours[7] == 0 || len(utcHours) != 2 {
		t.Fatalf("UTC hours %v: want 08:00 in winter and 07:00 in summer", utcHours)
	}
	if !r.IsOccurrence(time.Date(2025, 7, 7, 7, 0, 0, 0, time.UTC)) || r.IsOccurrence(time.Date(2025, 7, 7, 8, 0, 0, 0, time.UTC)) {
		t.Fatal("IsOccurrence disagrees with summer time")
	}
}

// TestDSTGapAndFold covers wall times the zone skips or repeats (RFC 5545
// §3.3.5): a skipped 02:30 is read as 03:30; a repeated one is its first
// reading; durations stay absolute. The changes of 2025 are found by
// probing the loaded zones (tests/tzprobe) rather than written as dates:
// Go reads the machine's zone files before its embedded time/tzdata, and
// the test must not depend on what they say (with today's data: Berlin
// 30 March and 26 October, New York 9 March and 2 November).
func TestDSTGapAndFold(t *testing.T) {
	berlin := testLoc(t, "Europe/Berlin")
	ny := testLoc(t, "America/New_York")
	bSpring, bFall := tzprobe.ForwardIn(t, berlin, 2025), tzprobe.BackwardIn(t, berlin, 2025)
	nySpring, nyFall := tzprobe.ForwardIn(t, ny, 2025), tzprobe.BackwardIn(t, ny, 2025)
	// wall is the wall clock d days after change c's, moved by off, in loc.
	wall := func(c tzprobe.Change, loc *time.Location, d int, off time.Duration) time.Time {
		w := c.Wall().Add(off)
		return time.Date(w.Year(), w.Month(), w.Day()+d, w.Hour(), w.Minute(), 0, 0, loc)
	}
	date := func(c tzprobe.Change, d int) time.Time { return c.Wall().Truncate(24*time.Hour).AddDate(0, 0, d) }
	half := 30 * time.Minute
	afterGap := bSpring.At.Add(half).In(berlin) // 03:30 summer time, the first wall time after the gap
	tests := []struct {
		name  string
		loc   *time.Location
		start time.Time
		dur   time.Duration
		on    time.Time // an occurrence date (wall clock of start, that day)
		want  time.Time // its instant
	}{
		{"berlin gap", berlin, wall(bSpring, berlin, -2, half), time.Hour, date(bSpring, 0), bSpring.At.Add(half)},
		{"berlin after gap", berlin, wall(bSpring, berlin, -2, half), time.Hour, date(bSpring, 1), wall(bSpring, berlin, 1, half)},
		{"berlin fold first reading", berlin, wall(bFall, berlin, -2, -half), time.Hour, date(bFall, 0), bFall.At.Add(-half)},
		{"new york gap", ny, wall(nySpring, ny, -2, half), 3 * time.Hour, date(nySpring, 0), nySpring.At.Add(half)},
		{"new york fold", ny, wall(nyFall, ny, -2, -half), time.Hour, date(nyFall, 0), nyFall.At.Add(-half)},
		{"start given as instant in summer time", berlin, afterGap, time.Hour, date(bSpring, 2),
			time.Date(afterGap.Year(), afterGap.Month(), afterGap.Day()+2, afterGap.Hour(), afterGap.Minute(), 0, 0, berlin)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRule(RuleSpec{Start: tc.start, End: tc.start.Add(tc.dur), RRule: "FREQ=DAILY", Loc: tc.loc})
			if err != nil {
				t.Fatal(err)
			}
			day := time.Date(tc.on.Year(), tc.on.Month(), tc.on.Day(), 0, 0, 0, 0, tc.loc)
			occ, err := r.Between(day, day.Add(24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var got *Occurrence
			for i := range occ {
				if occ[i].Start.Day() == tc.on.Day() {
					got = &occ[i]
				}
			}
			if got == nil || !got.Start.Equal(tc.want) {
				t.Fatalf("occurrences %v, want start %v", occ, tc.want.In(tc.loc))
			}
			if got.End.Sub(got.Start) != tc.dur {
				t.Fatalf("duration %v, want %v", got.End.Sub(got.Start), tc.dur)
			}
			if !r.IsOccurrence(tc.want) {
				t.Fatalf("IsOccurrence(%v) = false", tc.want)
			}
			if want := testBruteOccurrences(t, r.Spec(), tc.want.Add(time.Second)); !want[len(want)-1].Start.Equal(tc.want) {
				t.Fatalf("oracle ends at %v", want[len(want)-1].Start)
			}
		})
	}
}

// TestLocalInstantRFC pins periodWallInstant to RFC 5545 §3.3.5's own examples.
func TestLocalInstantRFC(t *testing.T) {
	ny := testLoc(t, "America/New_York")
	tests := []struct {
		name string
		wall time.Time // as UTC
		want time.Time
	}{
		{"repeated 01:30 is EDT", time.Date(2007, 11, 4, 1, 30, 0, 0, time.UTC), time.Date(2007, 11, 4, 5, 30, 0, 0, time.UTC)},
		{"skipped 02:30 is 03:30 EDT", time.Date(2007, 3, 11, 2, 30, 0, 0, time.UTC), time.Date(2007, 3, 11, 7, 30, 0, 0, time.UTC)},
		{"ordinary", time.Date(2007, 7, 1, 9, 0, 0, 0, time.UTC), time.Date(2007, 7, 1, 13, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			day := periodFloorDiv(tc.wall.Unix(), periodDaySeconds)
			if got := periodWallInstant(ny, day, tc.wall.Unix()-day*periodDaySeconds); got != tc.want.Unix() {
				t.Fatalf("got %v want %v", time.Unix(got, 0).UTC(), tc.want)
			}
		})
	}
}

// TestZoneInfo checks where zones become periodic against an independent
// reading of the loaded zone data (tests/tzprobe): the last year whose
// offset changes differ from those of the year 400 years later (one
// Gregorian cycle), and whether any change follows it. With today's data
// that is 1995 for Europe/Berlin (EU rules since 1996), 2006 for
// America/New_York and 1991 for Asia/Shanghai (no DST since). Written down,
// those years would break the day a government changes its rules and the
// machine's tzdata follows, since Go reads the machine's zone files before
// its embedded time/tzdata.
func TestZoneInfo(t *testing.T) {
	for _, zone := range []string{"Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York"} {
		t.Run(zone, func(t *testing.T) {
			loc := testLoc(t, zone)
			last, fixed := testLastIrregularYear(loc)
			z := periodZoneFor(loc)
			y, _, _ := periodCivilFromDays(z.regDay)
			t.Logf("regDay year %d; zone data: last irregular year %d, fixed %v", y, last, fixed)
			if z.fixed != fixed {
				t.Fatalf("fixed=%v, but the zone data say %v (last irregular year %d)", z.fixed, fixed, last)
			}
			if last == 0 && y >= 1800 || last != 0 && (y < int64(last) || y > int64(last)+1) {
				t.Fatalf("regDay year %d, last irregular year %d (0: none)", y, last)
			}
		})
	}
}

// testLastIrregularYear is the last year of 1800-2499 whose changes (wall
// dates and times, offsets) are not those of the year 400 years later, or
// 0 if there is none; fixed reports that no change follows it up to 2900.
func testLastIrregularYear(loc *time.Location) (last int, fixed bool) {
	changes := func(from, to int) []tzprobe.Change {
		return tzprobe.Changes(loc, time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(to, 1, 1, 0, 0, 0, 0, time.UTC), 24*time.Hour)
	}
	key := func(y, shift int) []string {
		var out []string
		for _, c := range changes(y, y+1) {
			out = append(out, fmt.Sprintf("%s %d>%d", c.Wall().AddDate(-shift, 0, 0).Format("2006-01-02T15:04:05"), c.From, c.To))
		}
		return out
	}
	for y := 2499; y >= 1800; y-- {
		if !slices.Equal(key(y, 0), key(y+400, 400)) {
			return y, len(changes(y+1, 2900)) == 0
		}
	}
	return 0, len(changes(1800, 2900)) == 0
}

// TestOffsetRunsMatchLocalInstant: the run model of clash_dst.go reads every
// day of a zone cycle exactly as periodWallInstant does, for wall clocks around
// the DST changes.
func TestOffsetRunsMatchLocalInstant(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York", "Asia/Shanghai"} {
		for _, tod := range []int64{0, 3600 + 1800, 2 * 3600, 2*3600 + 1800, 3 * 3600, 12 * 3600, 23*3600 + 1800} {
			t.Run(fmt.Sprintf("%s %d", zone, tod), func(t *testing.T) {
				r := &Rule{loc: testLoc(t, zone), tod: tod}
				r.zone = periodZoneFor(r.loc)
				from := max(r.zone.regDay, periodDaysFromCivil(2000, 1, 1))
				days, offs := r.offsetRuns(from, from+periodCycleDays)
				i := 0
				for d := from; d < from+100*366; d++ {
					for i+1 < len(days) && days[i+1] <= d {
						i++
					}
					if want := d*periodDaySeconds + tod - periodWallInstant(r.loc, d, tod); offs[i] != want {
						t.Fatalf("day %d: run offset %d, periodWallInstant %d", d, offs[i], want)
					}
				}
			})
		}
	}
}

// TestInstantFastPaths: the arithmetic shortcuts (constant offset before a
// zone's first transition and after its last) agree with the time package.
func TestInstantFastPaths(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "Asia/Shanghai", "America/New_York", "UTC"} {
		t.Run(zone, func(t *testing.T) {
			r := &Rule{loc: testLoc(t, zone), tod: 9*3600 + 1800}
			r.zone = periodZoneFor(r.loc)
			for _, y := range []int64{-500, 1700, 1850, 1891, 1893, 1995, 2030, 2500, 12345} {
				for _, m := range []int{1, 4, 7, 11} {
					d := periodDaysFromCivil(y, m, 3)
					if got, want := r.instant(d), periodWallInstant(r.loc, d, r.tod); got != want {
						t.Fatalf("%d-%d: instant %d, want %d", y, m, got, want)
					}
					u := d*periodDaySeconds + 3600
					_, off := time.Unix(u, 0).In(r.loc).Zone()
					if got, want := r.localDay(u), periodFloorDiv(u+int64(off), periodDaySeconds); got != want {
						t.Fatalf("%d-%d: localDay %d, want %d", y, m, got, want)
					}
				}
			}
		})
	}
}
