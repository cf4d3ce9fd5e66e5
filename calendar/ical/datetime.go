package ical

import (
	"strconv"
	"strings"
	"time"
)

// Layouts of the DATE-TIME forms of RFC 5545 §3.3.5: local time (floating,
// or with a TZID parameter) and UTC.
const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
	dateLayout  = "20060102"
)

// atWall returns the instant at which loc's clocks show wall (a UTC-located
// value holding the wall clock), as RFC 5545 §3.3.5 defines it: a time that
// occurs twice when clocks go back is the first of the two (Go's time.Date
// picks the second), and a time skipped when clocks go forward is read with
// the offset from before the gap (02:30 becomes 03:30).
func atWall(wall time.Time, loc *time.Location) time.Time {
	var best time.Time
	for _, probe := range []time.Duration{-26 * time.Hour, 26 * time.Hour} {
		_, off := wall.Add(probe).In(loc).Zone()
		t := wall.Add(-time.Duration(off) * time.Second)
		if t.In(loc).Format(localLayout) == wall.Format(localLayout) && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if best.IsZero() { // in a gap
		_, off := wall.Add(-26 * time.Hour).In(loc).Zone()
		best = wall.Add(-time.Duration(off) * time.Second)
	}
	return best.In(loc)
}

// parseDuration reads a DURATION value (RFC 5545 §3.3.6) as whole days
// (weeks are 7 days) and seconds. Days are kept apart because they are
// nominal: P1D across a DST change is 23 or 25 hours, which go-ical's
// Prop.Duration (24 h a day) gets wrong.
func parseDuration(s string) (days, secs int, ok bool) {
	s = strings.ToUpper(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, 0, false
	}
	s = s[1:]
	inTime, any := false, false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, 0, false
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i == len(s) {
			return 0, 0, false
		}
		n, _ := strconv.Atoi(s[:i])
		unit := s[i]
		s = s[i+1:]
		switch {
		case !inTime && unit == 'W':
			days += 7 * n
		case !inTime && unit == 'D':
			days += n
		case inTime && unit == 'H':
			secs += 3600 * n
		case inTime && unit == 'M':
			secs += 60 * n
		case inTime && unit == 'S':
			secs += n
		default:
			return 0, 0, false
		}
		any = true
	}
	if !any {
		return 0, 0, false
	}
	if neg {
		days, secs = -days, -secs
	}
	return days, secs, true
}

// addNominal adds days on the wall clock, then secs of exact time, as
// RFC 5545 §3.3.6 defines a DURATION. time.AddDate is not used: it
// re-resolves the wall clock even for zero days, and so moves a time in
// the repeated hour to its second occurrence.
func addNominal(t time.Time, days, secs int) time.Time {
	if days != 0 {
		wall := time.Date(t.Year(), t.Month(), t.Day()+days, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
		t = atWall(wall, t.Location())
	}
	return t.Add(time.Duration(secs) * time.Second)
}
