package booking

import (
	"slices"
	"time"

	"mingzhu/calendar"
)

// A part with SkipHolidays leaves out its dates that fall on a day off
// (a Holiday with Work false, after staff's overrides); an adjusted
// working day changes nothing. Only days the holiday calendar knows are
// skipped: the years of the official arrangement (calendar.HolidayYears)
// and dates staff added. An unbounded class therefore skips nothing in a
// year whose notice is not out yet, and picks up that year's days off as
// soon as staff add them or a newer library carries them.

// knownYears are the years from first to last with an official
// arrangement or an override, ascending.
func (c *holidayCache) knownYears(first, last int) []int {
	var ys []int
	libFirst, libLast := calendar.HolidayYears()
	for y := max(first, libFirst); y <= min(last, libLast); y++ {
		ys = append(ys, y)
	}
	for y := range c.overrides {
		if y >= first && y <= last && (y < libFirst || y > libLast) {
			ys = append(ys, y)
		}
	}
	slices.Sort(ys)
	return ys
}

// daysOff keeps the days off of a merged year, as civil dates.
func daysOff(list []Holiday) []time.Time {
	out := []time.Time{}
	for _, h := range list {
		if d, err := time.Parse(time.DateOnly, h.Date); err == nil && !h.Work {
			out = append(out, d)
		}
	}
	return out
}

// holidayStarts lists the occurrence starts of rule r (part p's) that
// fall on a day off: the start of p's first occurrence, at the same wall
// clock, on each day off inside r's years.
func (s *Service) holidayStarts(p Part, r *calendar.Rule) ([]time.Time, error) {
	if n, bounded := r.Count(); bounded && n == 0 {
		return nil, nil
	}
	first := s.local(r.First().Start)
	lastYear := LatestTime.Year()
	if last, ok := r.Last(); ok {
		lastYear = s.local(last.Start).Year()
	}
	days, err := s.daysOffIn(first.Year(), lastYear)
	if err != nil {
		return nil, err
	}
	h, m, sec := s.local(p.Start).Clock()
	var out []time.Time
	for _, d := range days {
		t := time.Date(d.Year(), d.Month(), d.Day(), h, m, sec, 0, s.loc)
		if r.IsOccurrence(t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// skipHolidays returns rule r of part p (built with exclusions) without
// its dates on days off, when p asks for that; otherwise r itself.
func (s *Service) skipHolidays(p Part, r *calendar.Rule, allowEmpty bool) (*calendar.Rule, error) {
	if !p.SkipHolidays {
		return r, nil
	}
	off, err := s.holidayStarts(p, r)
	if err != nil || len(off) == 0 {
		return r, err
	}
	return s.newRule(p, append(slices.Clone(r.Spec().ExDates), off...), allowEmpty)
}
