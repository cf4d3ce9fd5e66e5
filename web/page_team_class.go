package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"mingzhu/booking"
)

// teamPageClass is one weekly class as the team page lists it.
type teamPageClass struct {
	ID     string // the class's own page, with its dates
	Title  string
	Repeat string // "每周一、周三" / "Every Mon, Wed"
	Span   string // "09:00–11:00"
	Room   booking.Room
	Dates  string // "2026年12月1日起，长期" / "1 Dec 2026 – 30 Jun 2027"
}

// teamClasses describes each series by its current definition; a series
// whose every date was cancelled has none and is left out.
func (s *Server) teamClasses(p Page, list []*booking.Series, rooms map[string]booking.Room) []teamPageClass {
	loc := s.svc.Location()
	var out []teamPageClass
	for _, se := range list {
		if len(se.Parts) == 0 {
			continue
		}
		cur := se.Current()
		first := se.Parts[0].FirstStart.In(loc)
		dates := s.T(p, "subscribe.team_from", teamDateOf(p.Lang, first))
		if !cur.LastEnd.IsZero() {
			last := cur.LastEnd.Add(-cur.End.Sub(cur.Start)).In(loc)
			dates = s.T(p, "subscribe.team_fromto", teamDateOf(p.Lang, first), teamDateOf(p.Lang, last))
		}
		out = append(out, teamPageClass{ID: se.ID, Title: teamTitleIn(p.Lang, se.Title), Repeat: s.teamRepeat(p, cur.RRule, cur.Start.In(loc)),
			Span: spanOf(p.Lang, cur.Start.In(loc), cur.End.In(loc)), Room: teamRoom(rooms, cur.Room), Dates: dates})
	}
	return out
}

// teamDateOf is a date with its year, for a class's first and last day.
func teamDateOf(lang string, t time.Time) string {
	if lang == langEN {
		return t.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

var teamDayCodes = map[string]time.Weekday{"MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday, "SU": time.Sunday}

// teamRepeat says how often a class meets, from its rule as stored
// (canonical RFC 5545, FREQ first): the weekly and daily rules a leader
// makes read as "每周一、周三"; rarer rules as their frequency alone.
func (s *Server) teamRepeat(p Page, rrule string, start time.Time) string {
	var freq, byday string
	interval := 1
	for _, kv := range strings.Split(rrule, ";") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "FREQ":
			freq = v
		case "BYDAY":
			byday = v
		case "INTERVAL":
			if n, err := strconv.Atoi(v); err == nil && n > 1 {
				interval = n
			}
		}
	}
	days := teamWeekdays(byday, start)
	switch {
	case freq == "DAILY" && interval == 1, freq == "WEEKLY" && interval == 1 && len(days) == 7:
		return s.T(p, "subscribe.repeat_daily")
	case freq == "DAILY":
		return s.T(p, "subscribe.repeat_days", interval)
	case freq == "WEEKLY" && interval == 1:
		return s.T(p, "subscribe.repeat_weekly", teamDayNames(p.Lang, days))
	case freq == "WEEKLY":
		return s.T(p, "subscribe.repeat_weeks", interval, teamDayNames(p.Lang, days))
	case freq == "MONTHLY":
		return s.T(p, "subscribe.repeat_monthly")
	}
	return s.T(p, "subscribe.repeat_yearly")
}

// teamWeekdays are the days of BYDAY (Monday first, ordinals dropped: a
// weekly rule has none), or the first date's weekday without it.
func teamWeekdays(byday string, start time.Time) []time.Weekday {
	seen := map[time.Weekday]bool{}
	for _, code := range strings.Split(byday, ",") {
		if len(code) >= 2 {
			if d, ok := teamDayCodes[code[len(code)-2:]]; ok {
				seen[d] = true
			}
		}
	}
	if len(seen) == 0 {
		seen[start.Weekday()] = true
	}
	var out []time.Weekday
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if seen[d] {
			out = append(out, d)
		}
	}
	return out
}

// teamDayNames joins weekdays as a resident says them: "周一、周三" or
// "Mon, Wed".
func teamDayNames(lang string, days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		if lang == langEN {
			names[i] = d.String()[:3]
		} else {
			names[i] = weekdayZH[d]
		}
	}
	if lang == langEN {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}
