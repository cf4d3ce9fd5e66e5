package booking

import "time"

// ambiguous reports whether t's wall-clock reading in loc occurs twice,
// as in the hour repeated when daylight saving ends. Such a time cannot be
// written unambiguously in a calendar feed (RFC 5545 §3.3.5 and real
// clients disagree on which of the two is meant), so we refuse it.
func ambiguous(t time.Time, loc *time.Location) bool {
	y, mo, d := t.In(loc).Date()
	h, mi, s := t.In(loc).Clock()
	for _, shift := range []time.Duration{-2 * time.Hour, -90 * time.Minute, -time.Hour, -30 * time.Minute,
		30 * time.Minute, time.Hour, 90 * time.Minute, 2 * time.Hour} {
		u := t.Add(shift).In(loc)
		y2, mo2, d2 := u.Date()
		h2, mi2, s2 := u.Clock()
		if y == y2 && mo == mo2 && d == d2 && h == h2 && mi == mi2 && s == s2 {
			return true
		}
	}
	return false
}

// checkWallClock refuses times that fall in a repeated hour.
func (s *Service) checkWallClock(start, end time.Time, startField, endField string) error {
	if ambiguous(start, s.loc) {
		return Invalid(startField, "该时间在夏令时结束时出现两次，请换一个时间 this local time occurs twice (daylight saving ends); choose another")
	}
	if ambiguous(end, s.loc) {
		return Invalid(endField, "该时间在夏令时结束时出现两次，请换一个时间 this local time occurs twice (daylight saving ends); choose another")
	}
	return nil
}
