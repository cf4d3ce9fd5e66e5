package booking

import (
	"context"
	"slices"
	"strconv"
	"sync"
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

// holidayCache keeps staff's overrides, reloaded when HolidaysStamp
// moves, and the merged days off of each year asked for, computed once
// per year and stamp: an unbounded series needs only the known years,
// never every year up to 9997.
type holidayCache struct {
	mu        sync.Mutex
	stamp     string
	loaded    bool
	overrides map[int][]HolidayOverride
	daysOff   map[int][]time.Time // civil dates (midnight UTC) off, by year
}

// daysOffIn returns the days off of the years first to last that the
// calendar knows, in date order, as civil dates at midnight UTC.
func (s *Service) daysOffIn(first, last int) ([]time.Time, error) {
	c := &s.hols
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := s.loadHolidaysLocked(context.Background()); err != nil {
		return nil, err
	}
	var out []time.Time
	for _, y := range c.knownYears(first, last) {
		days, ok := c.daysOff[y]
		if !ok {
			days = daysOff(mergeHolidays(y, c.overrides[y]))
			c.daysOff[y] = days
		}
		out = append(out, days...)
	}
	return out, nil
}

// warmHolidays loads staff's overrides if the holiday stamp has moved,
// on a shared store after applying other instances' changes (see
// warmReads).
func (s *Service) warmHolidays(ctx context.Context) error {
	s.catchUp()
	return s.loadHolidays(ctx)
}

// viewWarm is store.View for a read whose rules consult the holiday
// cache inside the transaction (partRule, skipHolidays: dry runs, plans,
// reports): the cache is warmed first, outside it, as warmReads does for
// listings, so that on a shared store it holds what other instances
// committed before the read began.
func (s *Service) viewWarm(ctx context.Context, fn func(Tx) error) error {
	if err := s.warmHolidays(ctx); err != nil {
		return err
	}
	return s.store.View(ctx, fn)
}

// loadHolidays is warmHolidays without catching up.
func (s *Service) loadHolidays(ctx context.Context) error {
	s.hols.mu.Lock()
	defer s.hols.mu.Unlock()
	return s.loadHolidaysLocked(ctx)
}

// loadHolidaysLocked reloads the overrides unless they are those of the
// current stamp; s.hols.mu is held.
func (s *Service) loadHolidaysLocked(ctx context.Context) error {
	stamp := s.holidaysStamp() // read before loading: never tagged newer than its data
	c := &s.hols
	if c.loaded && c.stamp == stamp {
		return nil
	}
	var all []HolidayOverride
	err := s.store.View(ctx, func(tx Tx) (err error) {
		all, err = tx.AllHolidayOverrides()
		return err
	})
	if err != nil {
		return err
	}
	c.overrides = map[int][]HolidayOverride{}
	for _, o := range all {
		if y, err := strconv.Atoi(o.Date[:4]); err == nil {
			c.overrides[y] = append(c.overrides[y], o)
		}
	}
	c.daysOff, c.stamp, c.loaded = map[int][]time.Time{}, stamp, true
	return nil
}

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
