package calendar

import (
	"slices"
	"testing"
	"time"
)

// testExpandCases are rules covering every frequency and BYxxx part we accept.
var testExpandCases = []struct {
	name, rule string
	start      time.Time // wall clock, read in Asia/Shanghai
}{
	{"weekly tu-th", "FREQ=WEEKLY;BYDAY=TU,TH", time.Date(2025, 9, 2, 7, 0, 0, 0, time.UTC)},
	{"weekly default day", "FREQ=WEEKLY;INTERVAL=3", time.Date(2025, 9, 3, 7, 0, 0, 0, time.UTC)},
	{"weekly wkst su", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU", time.Date(2025, 9, 7, 9, 0, 0, 0, time.UTC)},
	{"weekly setpos", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-1", time.Date(2025, 9, 5, 9, 0, 0, 0, time.UTC)},
	{"weekly bymonth", "FREQ=WEEKLY;BYDAY=TU,TH;BYMONTH=9,10,11,12,1,2,3,4,5,6", time.Date(2025, 9, 2, 7, 0, 0, 0, time.UTC)},
	{"daily", "FREQ=DAILY;INTERVAL=5", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
	{"daily weekdays", "FREQ=DAILY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR", time.Date(2025, 1, 1, 23, 30, 0, 0, time.UTC)},
	{"daily bymonthday", "FREQ=DAILY;INTERVAL=2;BYMONTHDAY=1,15,-1", time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC)},
	{"monthly default", "FREQ=MONTHLY", time.Date(2025, 1, 31, 8, 0, 0, 0, time.UTC)},
	{"monthly last workday", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", time.Date(2025, 1, 31, 8, 0, 0, 0, time.UTC)},
	{"monthly 2nd tu interval", "FREQ=MONTHLY;INTERVAL=7;BYDAY=2TU", time.Date(2025, 1, 14, 8, 0, 0, 0, time.UTC)},
	{"monthly -1fr", "FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=3,6,9,12", time.Date(2025, 3, 28, 8, 0, 0, 0, time.UTC)},
	{"yearly default", "FREQ=YEARLY", time.Date(2024, 2, 29, 8, 0, 0, 0, time.UTC)},
	{"yearly yearday", "FREQ=YEARLY;INTERVAL=3;BYYEARDAY=1,-1", time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)},
	{"yearly thanksgiving", "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", time.Date(2025, 11, 27, 8, 0, 0, 0, time.UTC)},
}

func testShanghaiRule(t testing.TB, rule string, wall time.Time, dur time.Duration) *Rule {
	t.Helper()
	sh := testLoc(t, "Asia/Shanghai")
	start := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, sh)
	r, err := NewRule(RuleSpec{Start: start, End: start.Add(dur), RRule: rule, Loc: sh})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestBetweenMatchesOracle checks expansion (expander and table paths)
// against naive rrule-go expansion over 60 years.
func TestBetweenMatchesOracle(t *testing.T) {
	for _, tc := range testExpandCases {
		t.Run(tc.name, func(t *testing.T) {
			r := testShanghaiRule(t, tc.rule, tc.start, time.Hour)
			horizon := r.First().Start.AddDate(60, 0, 0)
			want := testBruteOccurrences(t, r.Spec(), horizon)
			for _, path := range []string{"as built", "with table"} {
				if path == "with table" {
					r.periodTable()
				}
				got, err := r.Between(r.First().Start.Add(-time.Hour), horizon)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("%s: %d occurrences, oracle %d", path, len(got), len(want))
				}
				for i := range got {
					if !testSameOcc(got[i], want[i]) {
						t.Fatalf("%s: #%d = %v, oracle %v", path, i, got[i].Start, want[i].Start)
					}
				}
			}
		})
	}
}

// TestTableMatchesExpand compares the periodic table with direct expansion
// (folded into the reference cycle) in windows from year -500 to 12345.
func TestTableMatchesExpand(t *testing.T) {
	for _, tc := range testExpandCases {
		t.Run(tc.name, func(t *testing.T) {
			r := testShanghaiRule(t, tc.rule, tc.start, time.Hour)
			tbl := buildPeriodTable(&r.pat)
			anchorDay := periodStart(r.pat.freq, r.pat.wkst, r.pat.anchor)
			for _, year := range []int64{2025, 2399, 2400, 5000, 9998, 12345} {
				lo := max(periodDaysFromCivil(year, 1, 1), anchorDay)
				hi := lo + 3*366
				var got, want []int64
				work := int64(ruleMaxWork)
				if err := r.pat.expand(r.pat.interval, lo, hi, &work, func(d int64) bool {
					got = append(got, d)
					return true
				}); err != nil {
					t.Fatal(err)
				}
				for d := tbl.next(lo); d < hi; d = tbl.next(d + 1) {
					want = append(want, d)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("year %d: expand %v, table %v", year, got, want)
				}
			}
		})
	}
}

// TestCivilDays checks day numbers against the time package.
func TestCivilDays(t *testing.T) {
	for _, d := range []time.Time{
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC),
		time.Date(12345, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2100, 2, 28, 0, 0, 0, 0, time.UTC),
	} {
		t.Run(d.Format("2006-01-02"), func(t *testing.T) {
			n := periodDaysFromCivil(int64(d.Year()), int(d.Month()), d.Day())
			if n*periodDaySeconds != d.Unix() {
				t.Fatalf("periodDaysFromCivil = %d, want %d", n, d.Unix()/periodDaySeconds)
			}
			y, m, dd := periodCivilFromDays(n)
			if y != int64(d.Year()) || m != int(d.Month()) || dd != d.Day() {
				t.Fatalf("periodCivilFromDays = %d-%d-%d", y, m, dd)
			}
			if want := (int(d.Weekday()) + 6) % 7; periodWeekday(n) != want {
				t.Fatalf("weekday %d want %d", periodWeekday(n), want)
			}
		})
	}
}

// TestBetweenFarAhead: a window 10,000 years ahead costs no more than next
// week, and matches the dates 400·k years earlier shifted by k cycles.
func TestBetweenFarAhead(t *testing.T) {
	r := testShanghaiRule(t, "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", time.Date(2025, 1, 31, 8, 0, 0, 0, time.UTC), time.Hour)
	sh := testLoc(t, "Asia/Shanghai")
	near, err := r.Between(time.Date(2030, 1, 1, 0, 0, 0, 0, sh), time.Date(2031, 1, 1, 0, 0, 0, 0, sh))
	if err != nil {
		t.Fatal(err)
	}
	far, err := r.Between(time.Date(12030, 1, 1, 0, 0, 0, 0, sh), time.Date(12031, 1, 1, 0, 0, 0, 0, sh))
	if err != nil {
		t.Fatal(err)
	}
	if len(near) != 12 || len(far) != 12 {
		t.Fatalf("near %d, far %d occurrences", len(near), len(far))
	}
	for i := range near {
		if got := far[i].Start.AddDate(-10000, 0, 0); !got.Equal(near[i].Start) {
			t.Fatalf("#%d: %v vs %v", i, far[i].Start, near[i].Start)
		}
	}
}

// TestBetweenWorkBound: a window of centuries on a daily rule is refused.
func TestBetweenWorkBound(t *testing.T) {
	r := testShanghaiRule(t, "FREQ=DAILY", time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC), time.Hour)
	_, err := r.Between(r.First().Start, r.First().Start.AddDate(3000, 0, 0))
	if err != ErrTooMuchWork {
		t.Fatalf("err = %v, want ErrTooMuchWork", err)
	}
}
