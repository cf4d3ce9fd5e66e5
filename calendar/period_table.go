package calendar

import (
	"slices"
	"sort"

	rrule "github.com/teambition/rrule-go"
)

// The periodic table of a rule's dates.
//
// A recurrence without COUNT/UNTIL repeats: the dates of period anchor+k*n
// depend only on where that period falls in the calendar, and the calendar
// repeats every 400 years. So from its anchor period on, a rule's set of
// dates is periodic with period P days:
//
//   - DAILY/WEEKLY rules that look only at weekdays: P = INTERVAL days
//     (lcm(INTERVAL, 7) if BYDAY filters days) or 7*INTERVAL days;
//   - every other rule: P = lcm(INTERVAL, c)/c * 146097 days, where c is the
//     number of its periods in 400 years (146097 days, 20871 weeks, 4800
//     months, 400 years). At most c active periods fall in one P.
//
// A table stores P and the sorted residues (day mod P) of the dates in one
// period. Membership, next/previous date and counting in a window are then
// arithmetic, and two tables can be intersected exactly (clash_crt.go).

// periodTable is a periodic set of day numbers: day ∈ set ⇔ day mod P ∈ res.
type periodTable struct {
	P   int64
	res []int32 // sorted, distinct, each in [0, P); P < 2^31 (MaxInterval × 146097)
}

// buildPeriodTable expands one period of p's pattern. It is bounded by the size of
// the 400-year cycle (at most 146,097 periods), so it needs no work limit.
func buildPeriodTable(p *expandPattern) *periodTable {
	work := int64(1) << 40
	first := periodStart(p.freq, p.wkst, p.anchor)
	n := p.interval
	if !p.calendarBound {
		P := n
		if p.freq == rrule.WEEKLY {
			P = 7 * n
		} else if len(p.opt.Byweekday) > 0 {
			P = n / periodGCD(n, 7) * 7
		}
		t := &periodTable{P: P}
		_ = p.expand(n, first, first+P, &work, func(d int64) bool {
			t.res = append(t.res, int32(periodFloorMod(d, P)))
			return true
		})
		slices.Sort(t.res)
		return t
	}
	c := cycleLen(p.freq)
	g := periodGCD(n, c)
	// The dates of every period anchor+j*g of one cycle; the rule's periods
	// anchor+k*n are these, shifted by whole cycles.
	groups := make([]int32, c/g+1) // groups[j] = index of first date of period anchor+j*g
	var dates []int64
	cur := int64(-1)
	_ = p.expandPeriods(g, first, periodStart(p.freq, p.wkst, p.anchor+c), &work, func(d, period int64) bool {
		j := (period - p.anchor) / g
		for cur < j {
			cur++
			groups[cur] = int32(len(dates))
		}
		dates = append(dates, d)
		return true
	})
	for cur < c/g {
		cur++
		groups[cur] = int32(len(dates))
	}
	P := n / g * periodCycleDays
	t := &periodTable{P: P}
	for k := int64(0); k < c/g; k++ {
		steps := n * k
		j := (steps % c) / g
		shift := (steps / c) * periodCycleDays
		for _, d := range dates[groups[j]:groups[j+1]] {
			t.res = append(t.res, int32(periodFloorMod(d+shift, P)))
		}
	}
	slices.Sort(t.res)
	t.res = slices.Compact(t.res)
	return t
}

// has reports whether day is in the set.
func (t *periodTable) has(day int64) bool {
	_, ok := slices.BinarySearch(t.res, int32(periodFloorMod(day, t.P)))
	return ok
}

// next returns the smallest member >= day (the set must not be empty).
func (t *periodTable) next(day int64) int64 {
	base := day - periodFloorMod(day, t.P)
	i := sort.Search(len(t.res), func(i int) bool { return base+int64(t.res[i]) >= day })
	if i == len(t.res) {
		return base + t.P + int64(t.res[0])
	}
	return base + int64(t.res[i])
}

// prev returns the largest member <= day (the set must not be empty).
func (t *periodTable) prev(day int64) int64 {
	base := day - periodFloorMod(day, t.P)
	i := sort.Search(len(t.res), func(i int) bool { return base+int64(t.res[i]) > day })
	if i == 0 {
		return base - t.P + int64(t.res[len(t.res)-1])
	}
	return base + int64(t.res[i-1])
}

// count returns the number of members in [lo, hi).
func (t *periodTable) count(lo, hi int64) int64 {
	if hi <= lo {
		return 0
	}
	return periodCountRes(t.res, t.P, hi) - periodCountRes(t.res, t.P, lo)
}

// periodCountRes counts members of the periodic set (res mod m) below x, relative
// to the members below 0 (a difference of two calls is a window count).
func periodCountRes[T int32 | int64](res []T, m, x int64) int64 {
	q := periodFloorDiv(x, m)
	r := x - q*m
	i := sort.Search(len(res), func(i int) bool { return int64(res[i]) >= r })
	return q*int64(len(res)) + int64(i)
}
