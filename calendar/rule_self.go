package calendar

import "time"

// selfHorizon is how many days ahead AmbiguousOccurrence looks: 400
// years, the Gregorian cycle after which weekdays, and with them the rules
// of daylight saving, repeat.
const selfHorizon = 146097

// AmbiguousOccurrence returns the first date of r's pattern whose
// occurrence starts at a wall time the zone skips or repeats (02:30 on the
// night the clocks change), ends at one it repeats, or spans a change. Such
// an occurrence means different instants to different calendar clients:
// RFC 5545 §3.3.5 reads a repeated time as the first, ical.js as the
// second; a skipped time has no reading at all; and a client may keep the
// wall-clock length of DTSTART–DTEND across a change (ical.js does) where
// RFC 5545 §3.8.5.3 keeps the exact one. Excluded dates count too, since
// an EXDATE names its date by such a time. The zone's transitions from the
// rule's start up to the year 2900 (or 400 years, whichever is sooner)
// are checked; after that a zone's rules repeat.
//
// It also keeps a rule from overlapping itself: two occurrences can only
// overlap on consecutive days around a change to summer time, and then the
// first of them spans that change.
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
			if d < r.lo || d >= r.hi {
				continue
			}
			ok, err := r.isPatternDay(d, &work)
			if err != nil {
				return r.First(), true // too sparse to check: refuse rather than guess
			}
			if ok && r.touches(d, tr, lo, hi) {
				return r.occ(d), true
			}
		}
	}
	return Occurrence{}, false
}

// touches reports whether the occurrence on day d starts in the wall times
// [lo, hi) that transition tr skips or repeats, ends in repeated ones, or
// spans tr (ending at tr counts: its end then reads another wall time than
// its length suggests).
func (r *Rule) touches(d int64, tr periodZoneTrans, lo, hi int64) bool {
	ws := d*periodDaySeconds + r.tod
	start := r.instant(d)
	end := start + r.dur
	_, off := time.Unix(end, 0).In(r.loc).Zone()
	we := end + int64(off)
	repeated := tr.after < tr.before
	return (ws >= lo && ws < hi) || (repeated && we >= lo && we < hi) || (start < tr.at && tr.at <= end)
}
