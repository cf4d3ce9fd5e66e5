package calendar

import (
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// testRule builds a rule from a wall clock start in zone.
func testRule(t testing.TB, zone, rule string, wall time.Time, dur time.Duration, mods ...func(*RuleSpec)) *Rule {
	t.Helper()
	loc := testLoc(t, zone)
	start := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, loc)
	spec := RuleSpec{Start: start, End: start.Add(dur), RRule: rule, Loc: loc}
	for _, m := range mods {
		m(&spec)
	}
	r, err := NewRule(spec)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testWall(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, time.UTC)
}

// testCheckClashes compares Clashes with brute force up to horizon: the
// listed pairs before it must be exactly the oracle's, in order; a finite
// answer must have the oracle's total when the horizon covers both series.
func testCheckClashes(t *testing.T, a, b *Rule, limit int, horizon time.Time) ClashResult {
	t.Helper()
	res, err := Clashes(a, b, limit)
	if err != nil {
		t.Fatal(err)
	}
	want := testBrutePairs(testBruteOccurrences(t, a.Spec(), horizon), testBruteOccurrences(t, b.Spec(), horizon))
	cut := horizon.Add(-50 * time.Hour)
	var got []ClashPair
	for _, p := range res.Pairs {
		if p.A.Start.Before(cut) {
			got = append(got, p)
		}
	}
	var wantCut []ClashPair
	for _, p := range want {
		if p.A.Start.Before(cut) {
			wantCut = append(wantCut, p)
		}
	}
	if len(res.Pairs) < limit && len(got) != len(wantCut) || len(got) > len(wantCut) {
		t.Fatalf("%d pairs before %v, oracle %d (first oracle %v)", len(got), cut, len(wantCut), testFirstPair(wantCut))
	}
	for i := range got {
		if !testSameOcc(got[i].A, wantCut[i].A) || !testSameOcc(got[i].B, wantCut[i].B) {
			t.Fatalf("pair #%d = %v / %v, oracle %v / %v", i, got[i].A.Start, got[i].B.Start, wantCut[i].A.Start, wantCut[i].B.Start)
		}
	}
	_, ba := a.Count()
	_, bb := b.Count()
	if !res.Unbounded && len(res.Pairs) == len(got) && len(res.Pairs) < limit && res.Total != len(got) {
		t.Fatalf("Total %d, oracle %d", res.Total, len(got))
	}
	// Past both zones' last irregular change, one clash means one per period.
	steady := max(a.zone.regDay, b.zone.regDay+4)
	for _, p := range wantCut {
		if !ba && !bb && a.localDay(p.A.Start.Unix()) >= steady && !res.Unbounded {
			t.Fatalf("two endless series clash (oracle %v) but Unbounded=false", p.A.Start)
		}
	}
	return res
}

func testFirstPair(ps []ClashPair) any {
	if len(ps) == 0 {
		return "none"
	}
	return ps[0].A.Start
}

// TestClashFirstAfterTenYears: weekly every 23 weeks vs every 29 weeks,
// a week apart, meet first in week 552 (23·24 ≡ 1 mod 29): 10.6 years on.
func TestClashFirstAfterTenYears(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		first time.Time // wall clock of A's first clashing start
	}{
		{"shanghai", "Asia/Shanghai", testWall(2025, 9, 2, 7, 0).AddDate(0, 0, 552*7)},
		{"berlin", "Europe/Berlin", testWall(2025, 9, 2, 7, 0).AddDate(0, 0, 552*7)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := testRule(t, tc.zone, "FREQ=WEEKLY;INTERVAL=23", testWall(2025, 9, 2, 7, 0), 90*time.Minute)
			b := testRule(t, tc.zone, "FREQ=WEEKLY;INTERVAL=29", testWall(2025, 9, 9, 8, 0), time.Hour)
			res := testCheckClashes(t, a, b, 3, testWall(2050, 1, 1, 0, 0))
			if !res.Unbounded || res.Total != -1 || len(res.Pairs) != 3 {
				t.Fatalf("got %+v", res)
			}
			loc := testLoc(t, tc.zone)
			want := time.Date(tc.first.Year(), tc.first.Month(), tc.first.Day(), 7, 0, 0, 0, loc)
			if p := res.Pairs[0]; !p.A.Start.Equal(want) || !p.B.Start.Equal(want.Add(time.Hour)) {
				t.Fatalf("first clash %v / %v, want %v", p.A.Start, p.B.Start, want)
			}
			if years := res.Pairs[0].A.Start.Sub(a.First().Start).Hours() / 24 / 365; years < 10 {
				t.Fatalf("first clash after %.1f years", years)
			}
			if next := res.Pairs[0].A.Start.AddDate(0, 0, 23*29*7); !res.Pairs[1].A.Start.Equal(next) {
				t.Fatalf("second clash %v, want %v", res.Pairs[1].A.Start, next)
			}
		})
	}
}

// TestClashLeapDayMeetsWeekly: a Feb 29 event meets a fortnightly Sunday
// one only when Feb 29 is a Sunday of the right fortnight: 2032? no — the
// oracle decides; we assert the date the CRT gives and confirm by brute force.
func TestClashLeapDayMeetsWeekly(t *testing.T) {
	a := testRule(t, "Asia/Shanghai", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", testWall(2028, 2, 29, 10, 0), 2*time.Hour)
	b := testRule(t, "Asia/Shanghai", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", testWall(2025, 1, 5, 11, 0), time.Hour)
	res := testCheckClashes(t, a, b, 2, testWall(2200, 1, 1, 0, 0))
	// Feb 29 on a Sunday: 2032 (odd fortnight from 2025-01-05), 2060, 2088 …
	want := time.Date(2060, 2, 29, 10, 0, 0, 0, testLoc(t, "Asia/Shanghai"))
	if !res.Unbounded || !res.Pairs[0].A.Start.Equal(want) {
		t.Fatalf("got %+v, want first at %v", res, want)
	}
}

// TestClashNever: series that never meet give zero clashes, Unbounded=false.
func TestClashNever(t *testing.T) {
	tests := []struct {
		name   string
		zone   string
		ra, rb string
		wa, wb time.Time
		da, db time.Duration
	}{
		{"alternate weeks", "Asia/Shanghai", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
			testWall(2025, 9, 2, 7, 0), testWall(2025, 9, 9, 7, 0), 90 * time.Minute, 90 * time.Minute},
		{"adjacent hours", "Asia/Shanghai", "FREQ=DAILY", "FREQ=DAILY",
			testWall(2025, 9, 2, 10, 0), testWall(2025, 9, 2, 11, 0), time.Hour, time.Hour},
		{"adjacent hours berlin", "Europe/Berlin", "FREQ=DAILY", "FREQ=DAILY",
			testWall(2025, 9, 2, 10, 0), testWall(2025, 9, 2, 11, 0), time.Hour, time.Hour},
		{"adjacent at night new york", "America/New_York", "FREQ=DAILY", "FREQ=DAILY",
			testWall(2025, 9, 2, 0, 0), testWall(2025, 9, 2, 2, 0), 2 * time.Hour, time.Hour},
		{"24h back to back", "Asia/Shanghai", "FREQ=DAILY;INTERVAL=2", "FREQ=DAILY;INTERVAL=2",
			testWall(2025, 9, 2, 9, 0), testWall(2025, 9, 3, 9, 0), 24 * time.Hour, 24 * time.Hour},
		{"odd vs even months", "Asia/Shanghai", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "FREQ=WEEKLY;BYMONTH=2,4,6,8,10,12",
			testWall(2025, 1, 6, 9, 0), testWall(2025, 2, 3, 9, 0), time.Hour, time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := testRule(t, tc.zone, tc.ra, tc.wa, tc.da)
			b := testRule(t, tc.zone, tc.rb, tc.wb, tc.db)
			res := testCheckClashes(t, a, b, 5, testWall(2060, 1, 1, 0, 0))
			if res.Unbounded || res.Total != 0 || len(res.Pairs) != 0 {
				t.Fatalf("got %+v", res)
			}
		})
	}
}

// TestClashDST: pairs whose overlap depends on the DST change that night.
// The nights are found by probing the loaded zone (tests/tzprobe), not
// written as dates: Go reads the machine's zone files before its embedded
// time/tzdata, so a tzdata update that moved a change would break them
// (with today's data the spring nights are 2026-03-29 and 2027-03-28).
func TestClashDST(t *testing.T) {
	berlin := testLoc(t, "Europe/Berlin")
	// changeDay is the local date of year's forward or backward change.
	changeDay := func(t *testing.T, year int, forward bool) time.Time {
		c := tzprobe.BackwardIn(t, berlin, year)
		if forward {
			c = tzprobe.ForwardIn(t, berlin, year)
		}
		y, m, d := c.At.In(berlin).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	day := func(ts time.Time) time.Time { y, m, d := ts.Date(); return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		ra, rb string
		wa, wb time.Time
		da, db time.Duration
		check  func(t *testing.T, res ClashResult)
	}{
		{
			// 00:00-03:00 runs to 04:00 CEST on the spring-forward night, so
			// it meets 03:15 once a year, though never in wall-clock terms.
			"meets only on spring forward", "FREQ=DAILY", "FREQ=DAILY",
			testWall(2025, 6, 1, 3, 15), testWall(2025, 6, 1, 0, 0), 30 * time.Minute, 3 * time.Hour,
			func(t *testing.T, res ClashResult) {
				want := changeDay(t, 2026, true).Add(3*time.Hour + 15*time.Minute).Format("2006-01-02 15:04")
				if !res.Unbounded || len(res.Pairs) < 2 || res.Pairs[0].A.Start.Format("2006-01-02 15:04") != want {
					t.Fatalf("got %v, pairs %+v; want the first at %s", res.Unbounded, res.Pairs, want)
				}
				if want := changeDay(t, 2027, true); !day(res.Pairs[1].A.Start).Equal(want) {
					t.Fatalf("second %v, want on %v", res.Pairs[1].A.Start, want.Format("2006-01-02"))
				}
			},
		},
		{
			// 22:00+6h ends at 03:00 CET on the fall-back night and misses
			// 03:30, which it meets every other night.
			"misses only on fall back", "FREQ=DAILY", "FREQ=DAILY",
			testWall(2025, 9, 1, 22, 0), testWall(2025, 9, 2, 3, 30), 6 * time.Hour, time.Hour,
			func(t *testing.T, res ClashResult) {
				if !res.Unbounded || len(res.Pairs) == 0 {
					t.Fatalf("got %v, %d pairs", res.Unbounded, len(res.Pairs))
				}
				met := map[time.Time]bool{}
				for _, p := range res.Pairs {
					met[day(p.A.Start)] = true
				}
				first, last := day(res.Pairs[0].A.Start), day(res.Pairs[len(res.Pairs)-1].A.Start)
				missed := map[time.Time]bool{} // the evenings before a fall-back
				for y := first.Year(); y <= last.Year(); y++ {
					missed[changeDay(t, y, false).AddDate(0, 0, -1)] = true
				}
				seen := 0
				for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
					if missed[d] {
						seen++
					}
					if met[d] == missed[d] {
						t.Fatalf("evening of %s: clash %v, but it is a fall-back evening: %v", d.Format("2006-01-02"), met[d], missed[d])
					}
				}
				if seen == 0 {
					t.Fatalf("pairs %s to %s cross no fall-back night", first.Format("2006-01-02"), last.Format("2006-01-02"))
				}
			},
		},
		{
			// Durations are absolute: 24h from 09:00 CET end at 10:00 CEST,
			// an hour into the next day's 09:00 booking. Both run every
			// other day, so they meet on the first spring change whose eve
			// is one of A's days.
			"24h back to back", "FREQ=DAILY;INTERVAL=2", "FREQ=DAILY;INTERVAL=2",
			testWall(2025, 9, 3, 9, 0), testWall(2025, 9, 2, 9, 0), 24 * time.Hour, 24 * time.Hour,
			func(t *testing.T, res ClashResult) {
				var eve time.Time
				for y := 2026; eve.IsZero(); y++ {
					if e := changeDay(t, y, true).AddDate(0, 0, -1); int(e.Sub(testWall(2025, 9, 3, 0, 0)).Hours()/24)%2 == 0 {
						eve = e
					}
				}
				at9 := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, berlin) }
				if len(res.Pairs) == 0 {
					t.Fatalf("no pairs")
				}
				if p := res.Pairs[0]; !res.Unbounded || !p.A.Start.Equal(at9(eve)) || !p.B.Start.Equal(at9(eve.AddDate(0, 0, 1))) {
					t.Fatalf("got %v, first %+v; want %v / %v", res.Unbounded, p, at9(eve), at9(eve.AddDate(0, 0, 1)))
				}
				_, offA := res.Pairs[0].A.Start.Zone()
				_, offB := res.Pairs[0].B.Start.Zone()
				if offA == offB {
					t.Fatalf("A and B on the same side of the change: %+v", res.Pairs[0])
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := testRule(t, "Europe/Berlin", tc.ra, tc.wa, tc.da)
			b := testRule(t, "Europe/Berlin", tc.rb, tc.wb, tc.db)
			tc.check(t, testCheckClashes(t, a, b, 400, testWall(2029, 1, 1, 0, 0)))
			// The same, bounded past MaxCount, counted arithmetically.
			until := func(s *RuleSpec) { s.RRule += ";UNTIL=20601231" }
			a2 := testRule(t, "Europe/Berlin", tc.ra, tc.wa, tc.da, until)
			b2 := testRule(t, "Europe/Berlin", tc.rb, tc.wb, tc.db, until)
			if a2.isListed || b2.isListed {
				t.Fatal("want periodic rules")
			}
			res := testCheckClashes(t, a2, b2, 10, testWall(2061, 1, 2, 0, 0))
			want := testBrutePairs(testBruteOccurrences(t, a2.Spec(), testWall(2061, 1, 2, 0, 0)), testBruteOccurrences(t, b2.Spec(), testWall(2061, 1, 2, 0, 0)))
			if res.Unbounded || res.Total != len(want) {
				t.Fatalf("bounded: Total %d Unbounded %v, oracle %d", res.Total, res.Unbounded, len(want))
			}
		})
	}
}

// TestClashListedAndExdates: a 52-occurrence series against an endless one,
// with exdates on both sides and a window.
func TestClashListedAndExdates(t *testing.T) {
	sh := testLoc(t, "Asia/Shanghai")
	a := testRule(t, "Asia/Shanghai", "FREQ=WEEKLY;BYDAY=TU;COUNT=52", testWall(2025, 9, 2, 7, 0), 90*time.Minute,
		func(s *RuleSpec) { s.ExDates = []time.Time{time.Date(2025, 9, 9, 7, 0, 0, 0, sh)} })
	b := testRule(t, "Asia/Shanghai", "FREQ=DAILY;INTERVAL=3", testWall(2025, 9, 1, 8, 0), time.Hour,
		func(s *RuleSpec) {
			s.ExDates = []time.Time{time.Date(2025, 9, 16, 8, 0, 0, 0, sh)}
			s.Until = time.Date(2026, 6, 1, 0, 0, 0, 0, sh)
		})
	for _, pair := range [][2]*Rule{{a, b}, {b, a}} {
		res := testCheckClashes(t, pair[0], pair[1], 5, testWall(2027, 1, 1, 0, 0))
		if res.Unbounded || res.Total == 0 {
			t.Fatalf("got %+v", res)
		}
	}
}

// TestClashesWorkBound: brute force over 20,000 years before Berlin's DST
// rules settled is refused promptly instead of stalling the request.
func TestClashesWorkBound(t *testing.T) {
	a := testRule(t, "Europe/Berlin", "FREQ=DAILY", time.Date(-20000, 1, 1, 9, 0, 0, 0, time.UTC), time.Hour)
	b := testRule(t, "Europe/Berlin", "FREQ=DAILY", time.Date(-20000, 1, 1, 10, 0, 0, 0, time.UTC), time.Hour)
	begin := time.Now()
	_, err := Clashes(a, b, 5)
	if err != ErrTooMuchWork {
		t.Fatalf("err = %v, want ErrTooMuchWork", err)
	}
	if d := time.Since(begin); d > 3*time.Second {
		t.Fatalf("took %v", d)
	}
}
