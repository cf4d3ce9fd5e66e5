package calendar

import (
	"fmt"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// Expansion of a rule's dates with rrule-go, jumping straight to the window.
//
// rrule-go always iterates from DTSTART, stops at year 9999, reads times in
// DTSTART's zone with Go's gap handling, and its objects are not safe for
// concurrent use. So a pattern holds only value data (an rrule.ROption with
// every BYxxx part made explicit) and each expansion builds a fresh RRule:
//
//   - in "floating" time (wall clock as UTC), so rrule-go never sees a DST
//     change; the zone is applied afterwards (periodWallInstant, RFC 5545 §3.3.5);
//   - with DTSTART on the first day of an active period (RFC 5545 §3.3.10:
//     the day/week/month/year FREQ steps through, every INTERVAL-th one from
//     the period holding the start). BYSETPOS then always sees whole periods,
//     also the first week, and dates before Start are cut by the caller;
//   - folded by whole 400-year cycles into the years 2000-2399: the Gregorian
//     calendar repeats every 146,097 days, so a period k cycles away has the
//     same dates shifted by k*146097 days. Windows thousands of years ahead,
//     or before year 1, cost the same as next week.

// expandPattern is the date part of a rule, as value data safe to share.
type expandPattern struct {
	freq     rrule.Frequency
	interval int64 // INTERVAL, >= 1
	wkst     int   // week start, 0 = Monday
	opt      rrule.ROption
	h, m, s  int   // wall clock of Start
	anchor   int64 // index of the period holding Start
	// calendarBound is true when the dates of a period depend on where it
	// falls in the calendar (BYMONTH, BYMONTHDAY, … or FREQ=MONTHLY/YEARLY),
	// false for DAILY/WEEKLY rules that only look at weekdays.
	calendarBound bool
}

// expandRefDay starts the reference cycle expansions are folded into.
var expandRefDay = periodDaysFromCivil(2000, 1, 1)

// expand calls fn, in date order, for each date of the active periods
// anchor+k*step (k >= 0) that lies in [lo, hi), until fn returns false. It
// does not cut dates before Start: callers pass lo >= Start's day when they
// want occurrences, or the anchor period's first day for the whole pattern.
// Each date costs one unit of *work and each period rrule-go walks through
// costs periodCost (measured: 2–25 µs a period, not the 0.2 µs of a
// date); the call fails with ErrTooMuchWork when *work drops below zero.
func (p *expandPattern) expand(step, lo, hi int64, work *int64, fn func(day int64) bool) error {
	return p.expandPeriods(step, lo, hi, work, func(day, _ int64) bool { return fn(day) })
}

// expandPeriods is expand, also passing each date's period index.
func (p *expandPattern) expandPeriods(step, lo, hi int64, work *int64, fn func(day, period int64) bool) (err error) {
	if lo >= hi {
		return nil
	}
	defer func() {
		// rrule-go indexes its masks unchecked; NewRule refuses the rules
		// known to trip it, and this keeps any other from killing a request.
		if v := recover(); v != nil {
			err = fmt.Errorf("calendar: rrule-go failed on %s: %v", p.opt.RRuleString(), v)
		}
	}()
	cycle := cycleLen(p.freq)
	refIdx := periodOf(p.freq, p.wkst, expandRefDay)
	idx := periodOf(p.freq, p.wkst, lo)
	if idx < p.anchor {
		idx = p.anchor
	} else {
		idx = p.anchor + periodCeilDiv(idx-p.anchor, step)*step
	}
	for periodStart(p.freq, p.wkst, idx) < hi {
		k := periodFloorDiv(idx-refIdx, cycle)
		shift := k * periodCycleDays
		chunkEnd := min(hi, periodStart(p.freq, p.wkst, idx+cycle))
		opt := p.opt
		opt.Interval = int(step)
		opt.Count = 0
		opt.Dtstart = expandFloating(periodStart(p.freq, p.wkst, idx)-shift, p.h, p.m, p.s)
		opt.Until = expandFloating(chunkEnd-shift, 0, 0, 0).Add(-time.Second)
		rr, err := rrule.NewRRule(opt)
		if err != nil {
			return err
		}
		next := rr.Iterator()
		last := idx
		for t, ok := next(); ok; t, ok = next() {
			y, mo, d := t.Date()
			day := periodDaysFromCivil(int64(y), int(mo), d) + shift
			var pi int64
			switch p.freq {
			case rrule.DAILY:
				pi = day
			case rrule.WEEKLY:
				pi = periodFloorDiv(day-int64(4+p.wkst), 7)
			case rrule.MONTHLY:
				pi = int64(y)*12 + int64(mo-1) + k*cycle
			default:
				pi = int64(y) + k*cycle
			}
			*work -= 1 + periodCost*((pi-last)/step)
			last = pi
			if *work < 0 {
				return ErrTooMuchWork
			}
			if day < lo {
				continue
			}
			if !fn(day, pi) {
				return nil
			}
		}
		endIdx := periodOf(p.freq, p.wkst, chunkEnd-1)
		*work -= periodCost * ((endIdx - last) / step)
		if *work < 0 {
			return ErrTooMuchWork
		}
		idx += periodCeilDiv(cycle, step) * step
	}
	return nil
}

// expandFloating returns the wall clock as a UTC time, the way patterns hand dates
// to rrule-go without any zone.
func expandFloating(day int64, h, m, s int) time.Time {
	y, mo, d := periodCivilFromDays(day)
	return time.Date(int(y), time.Month(mo), d, h, m, s, 0, time.UTC)
}

// isDate reports whether day is a date of the pattern; dates of Start's
// period before Start count too (callers check the Start bound).
func (p *expandPattern) isDate(day int64, work *int64) (bool, error) {
	found := false
	err := p.expand(p.interval, day, day+1, work, func(int64) bool {
		found = true
		return false
	})
	return found, err
}

// periodCost is the work charged for each period rrule-go iterates.
const periodCost = 10
