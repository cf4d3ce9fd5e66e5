package calendar

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
