package calendar

import (
	"time"

	lunar "github.com/6tail/lunar-go/calendar"
)

// LunarDate is t's calendar day in the Chinese lunar calendar, the way
// older residents read it beside the solar date: "农历十月廿五",
// "农历闰六月初一". The arithmetic (new moons, leap months) is 6tail's
// lunar-go; only the wording is ours.
func LunarDate(t time.Time) string {
	l := lunar.NewSolarFromYmd(t.Year(), int(t.Month()), t.Day()).GetLunar()
	return "农历" + l.GetMonthInChinese() + "月" + l.GetDayInChinese()
}

// LunarMonthDay is t's lunar month and day as numbers, for pages in
// English; a leap month is negative, as in lunar-go.
func LunarMonthDay(t time.Time) (month, day int) {
	l := lunar.NewSolarFromYmd(t.Year(), int(t.Month()), t.Day()).GetLunar()
	return l.GetMonth(), l.GetDay()
}
