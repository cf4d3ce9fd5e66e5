package booking

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"mingzhu/calendar"
)

// MaxHolidayName is the longest name of a holiday staff may give, as long
// as a room's name.
const MaxHolidayName = 64

// Holiday is a day off (Work false) or an adjusted working day (调休,
// Work true) on a civil date "2006-01-02" of the site's calendar.
type Holiday struct {
	Date string `json:"date"`
	Name string `json:"name"`
	Work bool   `json:"work"`
}

// holidaysKey is the version key every holiday change touches, so a
// cache of anything that depends on holidays can key on HolidaysStamp.
const holidaysKey = "holidays"

// HolidaysStamp is the version of the holiday calendar: it changes
// exactly when staff add or remove a day (on any instance: catchUp).
func (s *Service) HolidaysStamp(ctx context.Context) string {
	s.catchUpFor(ctx)
	return s.holidaysStamp()
}

// holidaysStamp is HolidaysStamp as the counters stand, without asking
// the store: the holiday cache's loads read it under their lock.
func (s *Service) holidaysStamp() string { return s.vers.stamp(holidaysKey) }

// Holidays is the year's holiday calendar as the centre keeps it: the
// official arrangement (calendar.Holidays, from the State Council's
// notices) with staff's overrides applied (an override of a date replaces
// the library's entry, a removal hides it), sorted by date. A year the
// library lacks holds only what staff added.
func (s *Service) Holidays(ctx context.Context, year int) ([]Holiday, error) {
	if err := checkHolidayYear("year", year); err != nil {
		return nil, err
	}
	var out []Holiday
	err := s.store.View(ctx, func(tx Tx) (err error) {
		out, err = holidaysOf(tx, year)
		return err
	})
	return out, err
}

// holidaysOf merges the library's year with the stored overrides.
func holidaysOf(tx Tx, year int) ([]Holiday, error) {
	overrides, err := tx.HolidayOverrides(year)
	if err != nil {
		return nil, err
	}
	return mergeHolidays(year, overrides), nil
}

// mergeHolidays applies the overrides of dates in year to the library's
// year, sorted by date.
func mergeHolidays(year int, overrides []HolidayOverride) []Holiday {
	byDate := map[string]Holiday{}
	for _, h := range libraryHolidays(year) {
		byDate[h.Date] = h
	}
	for _, o := range overrides {
		if o.Removed {
			delete(byDate, o.Date)
		} else {
			byDate[o.Date] = o.Holiday
		}
	}
	out := make([]Holiday, 0, len(byDate))
	for _, h := range byDate {
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b Holiday) int { return strings.Compare(a.Date, b.Date) })
	return out
}

// libraryHolidays is the official arrangement for year, in our type.
func libraryHolidays(year int) []Holiday {
	lib := calendar.Holidays(year)
	out := make([]Holiday, len(lib))
	for i, h := range lib {
		out[i] = Holiday{Date: h.Date, Name: h.Name, Work: h.Work}
	}
	return out
}

// checkHolidayYear keeps years inside what listings and feeds can show
// (booking/timebounds.go: four-digit years, with room around them).
func checkHolidayYear(field string, year int) error {
	first, last := EarliestTime.Year(), LatestTime.Year()-1
	if year < first || year > last {
		return Invalid(field, "年份须在%d至%d之间 the year must be from %d to %d", first, last, first, last)
	}
	return nil
}

// parseHolidayDate reads a civil date "2006-01-02" and returns its year.
func parseHolidayDate(date string) (int, error) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil || d.Format(time.DateOnly) != date {
		return 0, Invalid("date", "日期格式须为YYYY-MM-DD（如2026-10-01） the date must be YYYY-MM-DD, such as 2026-10-01, got %q", date)
	}
	if err := checkHolidayYear("date", d.Year()); err != nil {
		return 0, err
	}
	return d.Year(), nil
}

// validate checks a holiday staff add and returns it as stored (the name
// without the spaces around it).
func (h Holiday) validate() (Holiday, error) {
	if _, err := parseHolidayDate(h.Date); err != nil {
		return h, err
	}
	if err := checkText("name", h.Name); err != nil {
		return h, err
	}
	h.Name = strings.TrimSpace(h.Name)
	if n := utf8.RuneCountInString(h.Name); n < 1 || n > MaxHolidayName {
		return h, Invalid("name", "名称须为1-%d个字符 name must be 1-%d characters", MaxHolidayName, MaxHolidayName)
	}
	return h, nil
}
