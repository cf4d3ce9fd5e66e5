package calendar

import (
	"testing"
	"time"
)

// Benchmarks for the targets in the design brief. "Cold" ones build both
// rules on every iteration (parsing, validation and the lazy periodic table
// included); the others reuse rules, as a cache of parsed rules would.

type clashBenchPair struct {
	name, zone string
	ra, rb     string
	wa, wb     time.Time
	da, db     time.Duration
}

func clashBench(b *testing.B, p clashBenchPair, cold bool) {
	b.Helper()
	mk := func() (*Rule, *Rule) {
		return testRule(b, p.zone, p.ra, p.wa, p.da), testRule(b, p.zone, p.rb, p.wb, p.db)
	}
	ra, rb := mk()
	if _, err := Clashes(ra, rb, 10); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if cold {
			ra, rb = mk()
		}
		if _, err := Clashes(ra, rb, 10); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	coprimeWeekly = clashBenchPair{"", "Asia/Shanghai", "FREQ=WEEKLY;INTERVAL=997;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=1000;BYDAY=TH",
		testWall(2025, 9, 2, 7, 0), testWall(2025, 9, 11, 8, 0), 90 * time.Minute, time.Hour}
	coprimeWeeklyBerlin = clashBenchPair{"", "Europe/Berlin", "FREQ=WEEKLY;INTERVAL=997;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=1000;BYDAY=TH",
		testWall(2025, 9, 2, 7, 0), testWall(2025, 9, 11, 8, 30), 90 * time.Minute, time.Hour} // adjacent: DST corrections needed
	monthlyLastWorkday = clashBenchPair{"", "Asia/Shanghai", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=WEEKLY;BYDAY=FR",
		testWall(2025, 1, 31, 9, 0), testWall(2025, 1, 3, 9, 30), time.Hour, time.Hour}
	monthlyWorkdays997 = clashBenchPair{"", "Europe/Berlin", "FREQ=MONTHLY;INTERVAL=997;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;INTERVAL=999;BYDAY=MO,TU,WE,TH,FR,SA,SU",
		testWall(2025, 1, 1, 9, 0), testWall(2025, 1, 1, 9, 30), time.Hour, time.Hour} // ~105k dates in a 400,000-year period
	weekly52 = clashBenchPair{"", "Asia/Shanghai", "FREQ=WEEKLY;BYDAY=TU;COUNT=52", "FREQ=WEEKLY;BYDAY=TU,TH",
		testWall(2025, 9, 2, 7, 0), testWall(2024, 9, 3, 8, 0), 90 * time.Minute, time.Hour}
)

// BenchmarkClashesWeeklyCoprime…: two endless weekly series, INTERVAL=997
// and 1000 (first clash after ~19,000 years, if any), checked exactly;
// Berlin with adjacent times, so DST corrections are computed. MonthlyVs…:
// the last workday of each month against a weekly series; MonthlyWorst: all
// workdays of every 997th month vs every day of every 999th week (a period
// of ~400,000 years, ~105k dates per period). Weekly52: COUNT=52 vs endless.
func BenchmarkClashesWeeklyCoprime(b *testing.B)       { clashBench(b, coprimeWeekly, false) }
func BenchmarkClashesWeeklyCoprimeCold(b *testing.B)   { clashBench(b, coprimeWeekly, true) }
func BenchmarkClashesWeeklyCoprimeBerlin(b *testing.B) { clashBench(b, coprimeWeeklyBerlin, false) }
func BenchmarkClashesMonthlyVsWeekly(b *testing.B)     { clashBench(b, monthlyLastWorkday, false) }
func BenchmarkClashesMonthlyVsWeeklyCold(b *testing.B) { clashBench(b, monthlyLastWorkday, true) }
func BenchmarkClashesMonthlyWorstCold(b *testing.B)    { clashBench(b, monthlyWorkdays997, true) }
func BenchmarkClashesWeekly52(b *testing.B)            { clashBench(b, weekly52, false) }
func BenchmarkClashesWeekly52Cold(b *testing.B)        { clashBench(b, weekly52, true) }

// BenchmarkBetweenWeek: one week of a weekly series that began two years ago.
func BenchmarkBetweenWeek(b *testing.B) {
	r := testRule(b, "Asia/Shanghai", "FREQ=WEEKLY;BYDAY=TU,TH", testWall(2023, 9, 5, 7, 0), 90*time.Minute)
	from := time.Date(2025, 9, 1, 0, 0, 0, 0, r.loc)
	b.ReportAllocs()
	for b.Loop() {
		occ, err := r.Between(from, from.AddDate(0, 0, 7))
		if err != nil || len(occ) != 2 {
			b.Fatal(len(occ), err)
		}
	}
}

// BenchmarkBetweenWeekMonthly: the same for a rule without a prebuilt table.
func BenchmarkBetweenWeekMonthly(b *testing.B) {
	r := testRule(b, "Europe/Berlin", "FREQ=MONTHLY;BYDAY=1MO", testWall(2023, 9, 4, 7, 0), 90*time.Minute)
	from := time.Date(2025, 9, 1, 0, 0, 0, 0, r.loc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Between(from, from.AddDate(0, 0, 7)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRule: parse and validate a school-year rule.
func BenchmarkNewRule(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		testRule(b, "Asia/Shanghai", "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630", testWall(2025, 9, 2, 7, 0), 90*time.Minute)
	}
}
