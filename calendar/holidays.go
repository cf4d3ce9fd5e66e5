package calendar

import (
	"sort"
	"sync"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Holiday is one day of the official arrangement: a day off (Work false)
// or an adjusted working day (调休, Work true: a weekend day worked to
// make a longer break elsewhere). Date is the civil date "2006-01-02" in
// the site's calendar, not an instant: a holiday is a whole local day.
type Holiday struct {
	Date string
	Name string
	Work bool
}

// Holidays lists the PRC's official arrangement for the dates in year,
// sorted by date: the days off and adjusted working days the State
// Council's notice (国务院办公厅关于部分节假日安排的通知) set out.
//
// They come from 6tail's lunar-go (HolidayUtil), which carries every
// notice since the one for 2002 (the first date is 2001-12-29); we never
// type them in, since each year's days change with the lunar calendar and
// the weekdays. What it lacks: a year before 2001 or one whose notice
// was not yet published when that library version was cut gives an empty
// list (not an error), and it knows nothing local; staff fill both in
// (booking's holiday overrides). A working day that belongs to a holiday
// of the next year (late December for New Year) is listed in its own
// year, where the date falls.
func Holidays(year int) []Holiday {
	l := HolidayUtil.GetHolidaysByYear(year)
	out := make([]Holiday, 0, l.Len())
	for e := l.Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		out = append(out, Holiday{Date: h.GetDay(), Name: h.GetName(), Work: h.IsWork()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

var holidayYears struct {
	once        sync.Once
	first, last int
}

// HolidayYears is the span of years the official arrangement covers
// (first to last, inclusive), found once by reading the library year by
// year from 2001 until a year it lacks: its notices are consecutive. A
// caller that needs the days off of a long or unbounded span reads only
// these years, not every year up to 9997.
func HolidayYears() (first, last int) {
	holidayYears.once.Do(func() {
		y := 2001
		for len(Holidays(y)) > 0 {
			y++
		}
		holidayYears.first, holidayYears.last = 2001, y-1
	})
	return holidayYears.first, holidayYears.last
}
