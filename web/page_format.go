package web

import (
	"fmt"
	"html/template"
	"sync"
	"time"

	"mingzhu/calendar"
)

var weekdayZH = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// dayOf is a date as residents say it: "12月3日 周四" or "Thu 3 Dec".
func dayOf(lang string, t time.Time) string {
	if lang == langEN {
		return t.Format("Mon 2 Jan")
	}
	return fmt.Sprintf("%d月%d日 %s", t.Month(), t.Day(), weekdayZH[t.Weekday()])
}

// dayInYearOf is dayOf with the year when t is not in now's year, for
// lists that may run into another year (a class's clashing dates).
func dayInYearOf(lang string, t, now time.Time) string {
	if t.Year() == now.In(t.Location()).Year() {
		return dayOf(lang, t)
	}
	if lang == langEN {
		return t.Format("Mon 2 Jan 2006")
	}
	return fmt.Sprintf("%d年%s", t.Year(), dayOf(lang, t))
}

// clockOf is a time of day on the 24-hour clock, "14:00".
func clockOf(t time.Time) string { return t.Format("15:04") }

// spanOf is an interval as one reads it: "14:00–16:00" within a day, with
// the end's date when it ends on another day.
func spanOf(lang string, start, end time.Time) string {
	if y, m, d := start.Date(); !sameDay(end, y, m, d) && !(end.Hour() == 0 && end.Minute() == 0 && sameDay(end.Add(-time.Minute), y, m, d)) {
		return clockOf(start) + "–" + dayOf(lang, end) + " " + clockOf(end)
	}
	e := clockOf(end)
	if e == "00:00" {
		e = "24:00"
	}
	return clockOf(start) + "–" + e
}

func sameDay(t time.Time, y int, m time.Month, d int) bool {
	ty, tm, td := t.Date()
	return ty == y && tm == m && td == d
}

// lunarCache keeps lunar dates once worked out: lunar-go works out the
// solar terms of the year on every call (some 50 µs), and a week's page
// shows seven, a resident's list one per booking. Every page's lunar date
// goes through it (the template's lunar too). Bounded: when full it starts
// afresh, since a reader can ask for any week.
type lunarCache struct {
	mu sync.Mutex
	m  map[lunarKey]string
}

type lunarKey struct {
	lang    string
	y, m, d int
}

const maxLunarMemo = 4096

// of is lunarOf, remembered.
func (lc *lunarCache) of(lang string, t time.Time) string {
	y, m, d := t.Date()
	k := lunarKey{lang, y, int(m), d}
	lc.mu.Lock()
	s, ok := lc.m[k]
	lc.mu.Unlock()
	if ok {
		return s
	}
	s = lunarOf(lang, t)
	lc.mu.Lock()
	if lc.m == nil || len(lc.m) >= maxLunarMemo {
		lc.m = map[lunarKey]string{}
	}
	lc.m[k] = s
	lc.mu.Unlock()
	return s
}

// lunarOf is the lunar date beside the solar one: "农历十月廿五", or in
// English "lunar 10/25" (a leap month as "leap 6/1").
func lunarOf(lang string, t time.Time) string {
	if lang != langEN {
		return calendar.LunarDate(t)
	}
	m, d := calendar.LunarMonthDay(t)
	if m < 0 {
		return fmt.Sprintf("lunar leap %d/%d", -m, d)
	}
	return fmt.Sprintf("lunar %d/%d", m, d)
}

// pageFuncs are the template functions, bound to one language so that no
// template needs to know which one it is in.
func pageFuncs(lang string, cat catalog, lc *lunarCache) template.FuncMap {
	return template.FuncMap{
		"t":     cat.translate,
		"day":   func(t time.Time) string { return dayOf(lang, t) },
		"clock": clockOf,
		"span":  func(a, b time.Time) string { return spanOf(lang, a, b) },
		"lunar": func(t time.Time) string { return lc.of(lang, t) },
		// pick chooses the Chinese or the English of a pair the data
		// carries in both (room and team names).
		"pick": func(zh, en string) string {
			if lang == langEN && en != "" {
				return en
			}
			return zh
		},
		"iso":     func(t time.Time) string { return t.Format(time.RFC3339) },
		"dateval": func(t time.Time) string { return t.Format("2006-01-02") },
		"timeval": func(t time.Time) string { return t.Format("15:04") },
		"fld":     newField,
		"fldh": func(name, typ, value, err, label, auto, hint string) fieldView {
			f := newField(name, typ, value, err, label, auto)
			f.Hint = hint
			return f
		},
	}
}

// fieldView is one labelled form field for the "field" template: its
// name, type, the value to show again, its message, the catalog key of
// its label and hint, and the browser's autocomplete hint.
type fieldView struct {
	Name, Type, Value, Error, Label, Auto, Hint string
	Required                                    bool
}

func newField(name, typ, value, err, label, auto string) fieldView {
	return fieldView{Name: name, Type: typ, Value: value, Error: err, Label: label, Auto: auto}
}
