// Package tzprobe finds a time zone's offset changes by probing the loaded
// *time.Location, for tests that need the date of a daylight-saving change.
//
// Such tests must not write the dates down. Go's time.LoadLocation reads
// $ZONEINFO, then the machine's zone files (/usr/share/zoneinfo), and only
// then the copy embedded by importing time/tzdata, so the data a test sees
// is whatever the machine's tzdata package holds: an update that moves or
// drops a future change (governments do) would break a test that hard-codes
// "2027-03-28". A test asks this package for the change instead, from the
// very Location the code under test uses, and asserts relative to it.
package tzprobe

import (
	"testing"
	"time"
)

// Change is one change of a zone's UTC offset.
type Change struct {
	At       time.Time // the first instant of the new offset, in UTC
	From, To int       // offsets in seconds east of UTC, before and after
}

// Forward reports a change to a larger offset: clocks go forward and skip
// the wall times [Wall, Wall+To-From).
func (c Change) Forward() bool { return c.To > c.From }

// Wall is the wall clock at the change read in the offset before it (02:00
// for Berlin's spring change, 03:00 for its autumn one), as a UTC-located
// time. In autumn the wall times [Wall-(From-To), Wall) occur twice.
func (c Change) Wall() time.Time { return c.At.Add(time.Duration(c.From) * time.Second) }

// Changes lists loc's offset changes in [from, to), probing every step and
// bisecting to the second. A step of an hour finds every change of the
// zones in use; coarser steps miss two changes closer than a step.
func Changes(loc *time.Location, from, to time.Time, step time.Duration) []Change {
	offset := func(u int64) int { _, off := time.Unix(u, 0).In(loc).Zone(); return off }
	var out []Change
	s := int64(step / time.Second)
	prev := offset(from.Unix())
	for u := from.Unix(); u < to.Unix(); u += s {
		next := min(u+s, to.Unix())
		off := offset(next)
		if off == prev {
			continue
		}
		lo, hi := u, next // offset(lo) == prev, offset(hi) == off
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if offset(mid) == prev {
				lo = mid
			} else {
				hi = mid
			}
		}
		if hi < to.Unix() {
			out = append(out, Change{At: time.Unix(hi, 0).UTC(), From: prev, To: off})
		}
		prev = off
	}
	return out
}

// Year lists loc's changes during a calendar year (in UTC), probed hourly.
func Year(loc *time.Location, year int) []Change {
	return Changes(loc, time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour)
}

// ForwardIn is loc's first forward change in year. It fails tb if there is
// none: a daylight-saving test in a zone that has dropped DST tests
// nothing, and must move to another zone or year.
func ForwardIn(tb testing.TB, loc *time.Location, year int) Change {
	tb.Helper()
	return first(tb, loc, year, true)
}

// BackwardIn is loc's first backward change in year, as ForwardIn.
func BackwardIn(tb testing.TB, loc *time.Location, year int) Change {
	tb.Helper()
	return first(tb, loc, year, false)
}

func first(tb testing.TB, loc *time.Location, year int, forward bool) Change {
	tb.Helper()
	for _, c := range Year(loc, year) {
		if c.Forward() == forward {
			return c
		}
	}
	tb.Fatalf("the zone data loaded for %s has no %s change in %d (has it dropped daylight saving time? the test needs a zone and year that have one)",
		loc, map[bool]string{true: "forward", false: "backward"}[forward], year)
	return Change{}
}
