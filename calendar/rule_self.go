package calendar

import "time"

// Occurrences of one rule on days two or more apart never overlap (an
// occurrence lasts at most 24 hours and clocks move by far less than a
// day), and on consecutive days only when the clocks go forward in between
// and the occurrence lasts longer than what remains of that shortened day.
const (
	// selfMaxShift is more than any zone moves its clocks forward at once.
	selfMaxShift = 3 * 3600
	// selfHorizon is how many days ahead OverlapsItself looks: 400 years,
	// the Gregorian cycle after which weekdays, and with them the rules of
	// daylight saving, repeat.
	selfHorizon = 146097
)

// OverlapsItself returns the first occurrence of r that overlaps the next
// one, which only a long occurrence across a change to daylight saving can
// do (a daily 23½-hour class on the night the clocks go forward). A rule
// too sparse to check within the work bound is reported as overlapping at
// its first occurrence, so that nothing unchecked is accepted.
func (r *Rule) OverlapsItself() (Occurrence, bool) {
	if r.dur <= periodDaySeconds-selfMaxShift || (r.zone.fixed && r.lo >= r.zone.regDay) {
		return Occurrence{}, false
	}
	prev, found := int64(-1), false
	var at int64
	work := int64(ruleMaxWork)
	err := r.eachDay(r.lo, min(r.hi, r.lo+selfHorizon), &work, func(d int64) bool {
		if prev >= 0 && d == prev+1 && r.instant(d) < r.instant(prev)+r.dur {
			found, at = true, prev
			return false
		}
		prev = d
		return true
	})
	if err != nil {
		return r.First(), true
	}
	if found {
		return r.occ(at), true
	}
	return Occurrence{}, false
}

// AmbiguousOccurrence returns the first occurrence of r that starts at a
// wall time the zone skips or repeats (02:30 on the night the clocks
// change), or ends at one it repeats: such a time means different instants
// to different calendar clients (RFC 5545 §3.3.5 reads a repeated time as
// the first, ical.js as the second), so a feed could not say it
// unambiguously. The zone's transitions from the rule's start up to the
// year 2900 (or 400 years, whichever is sooner) are checked; after that a
// zone's rules repeat.
func (r *Rule) AmbiguousOccurrence() (Occurrence, bool) {
	if r.zone.fixed && r.lo >= r.zone.regDay {
		return Occurrence{}, false
	}
	from := r.instant(r.lo) - periodDaySeconds
	to := from + selfHorizon*periodDaySeconds
	if r.hi < periodFarDay {
		to = min(to, r.instant(r.hi-1)+2*periodDaySeconds)
	}
	work := int64(ruleMaxWork)
	for _, tr := range r.zone.trans {
		if tr.at < from || tr.at > to {
			continue
		}
		lo, hi := tr.at+min(tr.before, tr.after), tr.at+max(tr.before, tr.after) // the wall times affected
		for d := periodFloorDiv(lo, periodDaySeconds) - 1; d <= periodFloorDiv(hi, periodDaySeconds); d++ {
			ok, err := r.isDay(d, &work)
			if err != nil {
				return r.First(), true // too sparse to check: refuse rather than guess
			}
			if !ok {
				continue
			}
			ws := d*periodDaySeconds + r.tod
			end := r.instant(d) + r.dur
			_, off := time.Unix(end, 0).In(r.loc).Zone()
			we := end + int64(off)
			repeated := tr.after < tr.before
			if (ws >= lo && ws < hi) || (repeated && we >= lo && we < hi) {
				return r.occ(d), true
			}
		}
	}
	return Occurrence{}, false
}
