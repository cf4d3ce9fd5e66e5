package calendar

import (
	"time"
)

// Between returns the occurrences whose [Start, End) overlaps [from, to),
// sorted by Start. It never iterates from the series' first occurrence: a
// bounded series with at most MaxCount occurrences is binary-searched, a
// periodic table is read arithmetically, and otherwise expansion starts at
// the period holding the window (expand.go). It returns ErrTooMuchWork when
// the window holds more than about ruleMaxWork dates and periods.
func (r *Rule) Between(from, to time.Time) ([]Occurrence, error) {
	if !from.Before(to) {
		return nil, nil
	}
	// Integer starts s: s < to ⇔ s < ceil(to); s+dur > from ⇔ s+dur > floor(from).
	fromS := clampUnix(from.Unix()) // Unix rounds down
	toS := clampUnix(to.Unix())
	if to.Nanosecond() != 0 {
		toS++
	}
	lo := r.firstDayAtOrAfter(fromS - r.dur + 1)
	hi := r.firstDayAtOrAfter(toS)
	var out []Occurrence
	work := int64(ruleMaxWork)
	err := r.eachDay(lo, hi, &work, func(d int64) bool {
		out = append(out, r.occ(d))
		return true
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// IsOccurrence reports whether start is, to the second, the start of an
// occurrence of r that is not excluded and lies in the window. Sub-second
// parts are truncated, as NewRule does.
func (r *Rule) IsOccurrence(start time.Time) bool {
	u := start.Truncate(time.Second).Unix()
	if u != clampUnix(u) {
		return false
	}
	d0 := r.localDay(u)
	work := int64(ruleMaxWork)
	for d := d0 - 1; d <= d0+1; d++ {
		if d < r.lo || d >= r.hi || r.instant(d) != u {
			continue
		}
		if ok, err := r.isDay(d, &work); err == nil && ok {
			return true
		}
	}
	return false
}

// Instants handled at all: years 1 to about 1,000,000. Day arithmetic on
// instants near the int64 limits would overflow (and walk for ever), and
// nothing real lies beyond these.
const (
	minUnix = -62135596800                 // 0001-01-01T00:00:00Z
	maxUnix = minUnix + 1_000_000*31556952 // about a million Gregorian years later
)

// clampUnix brings u into [minUnix, maxUnix].
func clampUnix(u int64) int64 { return min(max(u, minUnix), maxUnix) }
