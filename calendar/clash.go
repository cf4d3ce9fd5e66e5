package calendar

import (
	"errors"
	"slices"
)

// ClashPair is one clash: an occurrence of the first series overlapping an
// occurrence of the second.
type ClashPair struct{ A, B Occurrence }

// ClashResult is the answer of Clashes.
type ClashResult struct {
	// Pairs are the first clashes, sorted by A.Start then B.Start, at most
	// the limit asked for.
	Pairs []ClashPair
	// Total is the number of clashes when Unbounded is false; -1 otherwise.
	Total int
	// Unbounded reports infinitely many clashes: both series are endless and
	// clash somewhere in their common period, hence again in every period.
	Unbounded bool
}

// Clashes finds exactly where two series overlap (half-open intervals), at
// any date, including two series without end. It returns the first limit
// clashes (limit is capped at MaxClashPairs), the total number when finite,
// and ErrTooMuchWork if the answer needs more than the per-call work bound.
//
// Method. If one series is bounded with at most MaxCount occurrences, each of
// its occurrences is tested against the other series (whose periodic table
// makes membership O(log n)), with real instants. Otherwise (clash_steady.go)
// both series are periodic sets of local dates (period_table.go); the pairs
// (a on day d, b on day d+δ), δ = −2…+2, that overlap form, per δ, the
// intersection of two periodic sets, computed exactly with the Chinese
// remainder theorem (clash_crt.go) over lcm of the two periods — thousands
// of years if need be, at the cost of the residues, not of the years. Times
// are compared in wall-clock terms; in DST zones the dates on which that
// differs from real time repeat with the zone's own 146,097-day cycle and are
// corrected exactly (clash_dst.go). Dates before the zone became periodic
// (e.g. before 1996 in Europe/Berlin) are swept by brute force.
func Clashes(a, b *Rule, limit int) (ClashResult, error) {
	if a == nil || b == nil {
		return ClashResult{}, errors.New("calendar: Clashes needs two rules")
	}
	limit = min(max(limit, 0), MaxClashPairs)
	work := int64(clashMaxWork)
	if a.isListed || b.isListed {
		return clashListed(a, b, limit, &work)
	}
	return clashPeriodic(a, b, limit, &work)
}

// clashDays is a clash as the local days of the two occurrences.
type clashDays struct{ da, db int64 }

// pair turns the days into the two occurrences.
func (p clashDays) pair(a, b *Rule) ClashPair { return ClashPair{A: a.occ(p.da), B: b.occ(p.db)} }

// clashListed tests each occurrence of the listed side against the other.
func clashListed(a, b *Rule, limit int, work *int64) (ClashResult, error) {
	x, y, swap := a, b, false
	if !a.isListed || (b.isListed && len(b.listed) < len(a.listed)) {
		x, y, swap = b, a, true
	}
	var found []clashDays
	for _, dx := range x.listed {
		err := clashPartners(x, y, dx, work, func(dy int64) {
			if swap {
				found = append(found, clashDays{dy, dx})
			} else {
				found = append(found, clashDays{dx, dy})
			}
		})
		if err != nil {
			return ClashResult{}, err
		}
	}
	if swap { // days grow with instants, so day order is time order
		slices.SortFunc(found, func(p, q clashDays) int {
			if p.da != q.da {
				return clashCmp(p.da, q.da)
			}
			return clashCmp(p.db, q.db)
		})
	}
	res := ClashResult{Total: len(found)}
	for _, p := range found[:min(limit, len(found))] {
		res.Pairs = append(res.Pairs, p.pair(a, b))
	}
	return res, nil
}

// clashPartners calls fn for each occurrence day of y overlapping x's occurrence
// on day dx, in order, comparing real instants.
func clashPartners(x, y *Rule, dx int64, work *int64, fn func(dy int64)) error {
	if !y.isListed {
		y.periodTable()
	}
	sx := x.instant(dx)
	lo := y.firstDayAtOrAfter(sx - y.dur + 1)
	hi := y.firstDayAtOrAfter(sx + x.dur)
	for dy := lo; dy < hi; dy++ {
		if *work -= 10; *work < 0 { // ~1 µs: a few zone look-ups
			return ErrTooMuchWork
		}
		ok, err := y.isDay(dy, work)
		if err != nil {
			return err
		}
		if ok {
			fn(dy)
		}
	}
	return nil
}

// clashSweepPrefix finds, by brute force, the clashes whose a-occurrence lies on
// a day before s (where the zones are not yet periodic). It returns the
// first limit of them and their number.
func clashSweepPrefix(a, b *Rule, s int64, limit int, work *int64) ([]ClashPair, int, error) {
	var pairs []ClashPair
	n := 0
	var inner error
	err := a.eachDay(a.lo, min(a.hi, s), work, func(da int64) bool {
		inner = clashPartners(a, b, da, work, func(db int64) {
			if n++; len(pairs) < limit {
				pairs = append(pairs, clashDays{da, db}.pair(a, b))
			}
		})
		return inner == nil
	})
	if err == nil {
		err = inner
	}
	return pairs, n, err
}
