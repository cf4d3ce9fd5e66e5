package calendar

import (
	"fmt"
	"testing"
	"time"
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
// reading; durations stay absolute.
func TestDSTGapAndFold(t *testing.T) {
	berlin := testLoc(t, "Europe/Berlin")
	ny := testLoc(t, "America/New_York")
	tests := []struct {
		name  string
		loc   *time.Location
		start time.Time
		dur   time.Duration
		on    time.Time // an occurrence date (wall clock of start, that day)
		want  time.Time // its instant
	}{
		{"berlin gap", berlin, time.Date(2025, 3, 28, 2, 30, 0, 0, berlin), time.Hour,
			time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC)},
		{"berlin after gap", berlin, time.Date(2025, 3, 28, 2, 30, 0, 0, berlin), time.Hour,
			time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 30, 0, 0, time.UTC)},
		{"berlin fold first reading", berlin, time.Date(2025, 10, 24, 2, 30, 0, 0, berlin), time.Hour,
			time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC)},
		{"new york gap", ny, time.Date(2025, 3, 7, 2, 30, 0, 0, ny), 3 * time.Hour,
			time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 9, 7, 30, 0, 0, time.UTC)},
		{"new york fold", ny, time.Date(2025, 10, 31, 1, 30, 0, 0, ny), time.Hour,
			time.Date(2025, 11, 2, 0, 0, 0, 0, time.UTC), time.Date(2025, 11, 2, 5, 30, 0, 0, time.UTC)},
		{"start given as instant in summer time", berlin, time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC), time.Hour,
			time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 1, 1, 30, 0, 0, time.UTC)},
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

// TestZoneInfo checks where zones become periodic.
func TestZoneInfo(t *testing.T) {
	tests := []struct {
		zone    string
		fixed   bool
		after   int64 // regDay is in or before this year
		notFrom int64 // … and not before this one
	}{
		{"Asia/Shanghai", true, 1992, 1991},
		{"UTC", true, -1 << 40, -1 << 50},
		{"Europe/Berlin", false, 1997, 1995},
		{"America/New_York", false, 2008, 2006},
	}
	for _, tc := range tests {
		t.Run(tc.zone, func(t *testing.T) {
			z := periodZoneFor(testLoc(t, tc.zone))
			y, _, _ := periodCivilFromDays(z.regDay)
			if z.fixed != tc.fixed || y > tc.after || y < tc.notFrom {
				t.Fatalf("fixed=%v regDay year %d", z.fixed, y)
			}
		})
	}
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
