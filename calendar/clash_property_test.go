package calendar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// TestClashesProperty compares Clashes with brute force on random pairs of
// rules: every frequency, INTERVAL, BYDAY (with ordinals and BYSETPOS),
// BYMONTHDAY, BYMONTH, BYYEARDAY, COUNT, UNTIL in its three forms,
// windows, exdates, random times and durations, in Asia/Shanghai and in two
// DST zones (and across zones). Within the horizon the pairs must be exactly
// the oracle's, in order; bounded answers must have the oracle's total; two
// endless series that clash in the horizon must be reported Unbounded; and
// every pair reported beyond the horizon must be two real, overlapping
// occurrences.
//
// It runs twice: the same 400 cases every time (seed 20250902, so a
// regression in them shows at once), and 100 more from a fresh seed, so
// that every run explores new pairs. The fresh seed is logged and named in
// the subtest and in any failure; replay it with
//
//	MINGZHU_CLASH_SEED=<seed> go test ./calendar -run 'TestClashesProperty/seed=<seed>'
func TestClashesProperty(t *testing.T) {
	fixed, fresh := 400, 100
	if testing.Short() {
		fixed, fresh = 80, 20
	}
	t.Run("seed=20250902", func(t *testing.T) { testClashesProperty(t, 20250902, fixed) })
	seed, err := clashPropertySeed()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fresh seed %d (replay: MINGZHU_CLASH_SEED=%d)", seed, seed)
	t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("random cases from seed %d failed; replay with MINGZHU_CLASH_SEED=%d go test ./calendar -run 'TestClashesProperty/seed=%d'", seed, seed, seed)
			}
		})
		testClashesProperty(t, seed, fresh)
	})
}

// clashPropertySeed is MINGZHU_CLASH_SEED if set (to replay a failure),
// else a new seed from the clock.
func clashPropertySeed() (uint64, error) {
	if s := os.Getenv("MINGZHU_CLASH_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("MINGZHU_CLASH_SEED=%q: %v", s, err)
		}
		return seed, nil
	}
	return uint64(time.Now().UnixNano()) % 1_000_000_000_000, nil // short enough to type
}

// testClashesProperty checks the given number of random pairs drawn from seed.
func testClashesProperty(t *testing.T, seed uint64, cases int) {
	rng := rand.New(rand.NewPCG(seed, 7))
	zones := []string{"Asia/Shanghai", "Europe/Berlin", "America/New_York"}
	stats := map[string]int{}
	for i := 0; i < cases; i++ {
		za := zones[rng.IntN(len(zones))]
		zb := za
		if rng.IntN(10) == 0 {
			zb = zones[rng.IntN(len(zones))]
		}
		a := testRandomRule(t, rng, za, nil)
		b := testRandomRule(t, rng, zb, a)
		if a == nil || b == nil {
			stats["skipped"]++
			continue
		}
		limit := []int{1, 5, 60}[rng.IntN(3)]
		name := fmt.Sprintf("%d %s %q | %s %q", i, a.Spec().Start.Format("2006-01-02T15:04 MST"), a.Spec().RRule,
			b.Spec().Start.Format("2006-01-02T15:04 MST"), b.Spec().RRule)
		t.Run(name, func(t *testing.T) {
			res := testCheckProperty(t, a, b, limit)
			switch {
			case res.Unbounded:
				stats["unbounded"]++
			case res.Total > 0:
				stats["finite"]++
			default:
				stats["none"]++
			}
			if a.isListed || b.isListed {
				stats["listed path"]++
			} else {
				stats["periodic path"]++
			}
		})
	}
	t.Logf("seed %d, cases: %v", seed, stats)
}

func testCheckProperty(t *testing.T, a, b *Rule, limit int) ClashResult {
	later := a.First().Start
	if b.First().Start.After(later) {
		later = b.First().Start
	}
	horizon := later.AddDate(40, 0, 0)
	res := testCheckClashes(t, a, b, limit, horizon)
	_, ba := a.Count()
	_, bb := b.Count()
	if res.Unbounded && (ba || bb) {
		t.Fatal("Unbounded with a bounded series")
	}
	for i, p := range res.Pairs {
		if !a.IsOccurrence(p.A.Start) || !b.IsOccurrence(p.B.Start) || !p.A.Start.Before(p.B.End) || !p.B.Start.Before(p.A.End) {
			t.Fatalf("pair #%d %v / %v is not a clash", i, p.A, p.B)
		}
		if p.A.End.Sub(p.A.Start) != a.First().End.Sub(a.First().Start) {
			t.Fatalf("pair #%d: A lasts %v", i, p.A.End.Sub(p.A.Start))
		}
		if i > 0 {
			q := res.Pairs[i-1]
			if c := q.A.Start.Compare(p.A.Start); c > 0 || c == 0 && !q.B.Start.Before(p.B.Start) {
				t.Fatalf("pairs #%d, #%d out of order", i-1, i)
			}
		}
	}
	if res.Unbounded && len(res.Pairs) != limit {
		t.Fatalf("Unbounded but only %d pairs for limit %d", len(res.Pairs), limit)
	}
	if !res.Unbounded && res.Total < len(res.Pairs) {
		t.Fatalf("Total %d < %d pairs", res.Total, len(res.Pairs))
	}
	// If one series ends before the horizon, so do all clashes: totals agree.
	la, oka := a.Last()
	lb, okb := b.Last()
	cut := horizon.Add(-50 * time.Hour)
	if oka && la.Start.Before(cut) || okb && lb.Start.Before(cut) {
		want := testBrutePairs(testBruteOccurrences(t, a.Spec(), horizon), testBruteOccurrences(t, b.Spec(), horizon))
		if res.Total != len(want) {
			t.Fatalf("Total %d, oracle %d", res.Total, len(want))
		}
	}
	return res
}

// testRandomRule returns a random valid rule in zone, or nil. With other given,
// its time of day is often near other's, so that clashes are frequent.
func testRandomRule(t *testing.T, rng *rand.Rand, zone string, other *Rule) *Rule {
	loc := testLoc(t, zone)
	freqs := []string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY"} // rrule-go's order
	freq := freqs[rng.IntN(4)]
	if other != nil && rng.IntN(2) == 0 {
		freq = freqs[other.pat.freq]
	}
	parts := []string{"FREQ=" + freq}
	switch n := rng.IntN(10); {
	case n < 5:
	case n < 8:
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", 2+rng.IntN(3)))
	default:
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", 5+rng.IntN(40)))
	}
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	daySet := func(k int) string {
		perm := rng.Perm(7)[:k]
		var s []string
		for _, p := range perm {
			s = append(s, days[p])
		}
		return strings.Join(s, ",")
	}
	months := func() string {
		var s []string
		for m := 1; m <= 12; m++ {
			if rng.IntN(2) == 0 {
				s = append(s, fmt.Sprint(m))
			}
		}
		if len(s) == 0 {
			s = []string{fmt.Sprint(1 + rng.IntN(12))}
		}
		return "BYMONTH=" + strings.Join(s, ",")
	}
	switch freq {
	case "DAILY":
		if rng.IntN(3) == 0 {
			parts = append(parts, "BYDAY="+daySet(1+rng.IntN(6)))
		}
		if rng.IntN(6) == 0 {
			parts = append(parts, months())
		}
		if rng.IntN(8) == 0 {
			parts = append(parts, "BYMONTHDAY=1,10,20,-1")
		}
	case "WEEKLY":
		if rng.IntN(10) < 7 {
			k := 1 + rng.IntN(4)
			parts = append(parts, "BYDAY="+daySet(k))
			if k > 1 && rng.IntN(6) == 0 {
				parts = append(parts, fmt.Sprintf("BYSETPOS=%d", []int{1, -1, 2}[rng.IntN(3)]))
			}
		}
		if rng.IntN(6) == 0 {
			parts = append(parts, months())
		}
		if rng.IntN(8) == 0 {
			parts = append(parts, "WKST=SU")
		}
	case "MONTHLY":
		switch rng.IntN(4) {
		case 1:
			parts = append(parts, "BYMONTHDAY=1,15,-1")
		case 2:
			parts = append(parts, fmt.Sprintf("BYDAY=%d%s", []int{1, 2, 3, -1, -2}[rng.IntN(5)], days[rng.IntN(7)]))
		case 3:
			parts = append(parts, "BYDAY="+daySet(1+rng.IntN(5)), fmt.Sprintf("BYSETPOS=%d", []int{1, 2, -1}[rng.IntN(3)]))
		}
		if rng.IntN(5) == 0 {
			parts = append(parts, months())
		}
	case "YEARLY":
		switch rng.IntN(5) {
		case 1:
			parts = append(parts, months(), "BYMONTHDAY=1,-1")
		case 2:
			parts = append(parts, months(), fmt.Sprintf("BYDAY=%d%s", []int{1, 2, -1}[rng.IntN(3)], days[rng.IntN(7)]))
		case 3:
			parts = append(parts, "BYYEARDAY=1,100,-1")
		case 4:
			// BYWEEKNO is refused (rrule-go and ical.js misnumber
			// weeks: byweekno_oracle_test.go); a month-and-weekday rule
			// takes its place.
			parts = append(parts, months(), "BYDAY="+daySet(1+rng.IntN(3)))
		}
	}
	// Start: the first pattern date on or after a random day.
	hour, minute := rng.IntN(24), 15*rng.IntN(4)
	if zone != "Asia/Shanghai" && rng.IntN(3) == 0 {
		hour = (22 + rng.IntN(6)) % 24 // near DST changes
	}
	if other != nil {
		switch rng.IntN(3) {
		case 0: // right after other: clashes only where DST stretches it
			hour, minute, _ = other.Spec().End.In(loc).Clock()
		case 1:
			h, m, _ := other.Spec().Start.In(loc).Clock()
			hour, minute = (h+rng.IntN(3)-1+24)%24, (m+15*rng.IntN(4))%60
		}
	}
	year := 2020 + rng.IntN(10)
	if rng.IntN(7) == 0 {
		year = 1980 + rng.IntN(15) // before the zones settled: brute-force prefix
	}
	from := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), hour, minute, 0, 0, time.UTC)
	opt, err := rrule.StrToROption(strings.Join(parts, ";"))
	if err != nil {
		t.Fatal(err)
	}
	opt.Dtstart = from
	gen, err := rrule.NewRRule(*opt)
	if err != nil {
		t.Fatalf("generator: %v", err)
	}
	first, _ := gen.Iterator()() // zero when the rule yields nothing
	if first.IsZero() {
		return nil
	}
	start := time.Unix(testOracleInstant(loc, first.Unix()), 0).In(loc)
	dur := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 90 * time.Minute, 2 * time.Hour, 3 * time.Hour, 8 * time.Hour, 24 * time.Hour}[rng.IntN(8)]
	spec := RuleSpec{Start: start, End: start.Add(dur), Loc: loc}
	switch n := rng.IntN(20); {
	case n < 3:
		parts = append(parts, fmt.Sprintf("COUNT=%d", 1+rng.IntN(300)))
	case n < 5:
		parts = append(parts, "UNTIL="+start.AddDate(1+rng.IntN(30), 0, 0).Format("20060102"))
	case n < 6:
		parts = append(parts, "UNTIL="+start.AddDate(1+rng.IntN(30), 0, 0).UTC().Format("20060102T150405Z"))
	case n < 7:
		parts = append(parts, "UNTIL="+start.AddDate(1+rng.IntN(30), 0, 0).Format("20060102T150405"))
	case n < 9:
		// Long and dense: more than MaxCount occurrences, so counted
		// arithmetically from the periodic tables.
		if freq == "DAILY" || freq == "WEEKLY" {
			parts = []string{"FREQ=DAILY"}
			first = time.Date(from.Year(), from.Month(), from.Day(), hour, minute, 0, 0, time.UTC)
			start = time.Unix(testOracleInstant(loc, first.Unix()), 0).In(loc)
			spec = RuleSpec{Start: start, End: start.Add(dur), Loc: loc}
		}
		parts = append(parts, "UNTIL="+start.AddDate(15+rng.IntN(20), 0, 0).Format("20060102"))
	case n < 11:
		spec.From = start.AddDate(0, rng.IntN(24), 0)
		if rng.IntN(2) == 0 {
			spec.Until = spec.From.AddDate(1+rng.IntN(20), 0, 0)
		}
	}
	spec.RRule = strings.Join(parts, ";")
	if rng.IntN(3) == 0 {
		occ := testBruteOccurrences(t, spec, start.AddDate(5, 0, 0))
		for k := 0; k < 1+rng.IntN(3) && len(occ) > 1; k++ {
			spec.ExDates = append(spec.ExDates, occ[rng.IntN(min(len(occ), 60))].Start)
		}
	}
	r, err := NewRule(spec)
	var fe *FieldError
	if errors.As(err, &fe) && (fe.Field == "start" || strings.Contains(fe.Message, "no occurrence")) {
		return nil // e.g. WEEKLY;BYSETPOS counted from mid-week by rrule-go
	}
	if err != nil {
		t.Fatalf("%+v: %v", spec, err)
	}
	return r
}
