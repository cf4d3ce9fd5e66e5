package ical

import (
	"strconv"
	"strings"
	"time"
)

// observed reports whether an observance produces transition tr: its
// offsets match and its DTSTART or yearly rule yields tr's wall time. It
// evaluates only the rule forms vtimezone writes.
func observed(obs []observance, tr transition) bool {
	for _, ob := range obs {
		if ob.from != tr.from || ob.to != tr.to || tr.wall.Before(ob.start) || ob.daylight != tr.dst {
			continue
		}
		if ob.start.Equal(tr.wall) {
			return true
		}
		if ob.rrule != "" && sameClock(ob.start, tr.wall) && yearlyRuleMatches(ob.rrule, tr.wall) {
			return true
		}
	}
	return false
}

func yearlyRuleMatches(rule string, wall time.Time) bool {
	parts := map[string]string{}
	for _, kv := range strings.Split(rule, ";") {
		k, v, _ := strings.Cut(kv, "=")
		parts[k] = v
	}
	if u := parts["UNTIL"]; u != "" {
		if until, err := time.Parse(utcLayout, u); err != nil || wall.Add(-36*time.Hour).After(until) {
			return false
		}
	}
	if parts["BYMONTH"] != strconv.Itoa(int(wall.Month())) {
		return false
	}
	day := parts["BYDAY"]
	wd := day[len(day)-2:]
	if weekdayCodes[wall.Weekday()] != wd {
		return false
	}
	if md := parts["BYMONTHDAY"]; md != "" {
		return strings.Contains(","+md+",", ","+strconv.Itoa(wall.Day())+",")
	}
	n, _ := strconv.Atoi(day[:len(day)-2])
	length := time.Date(wall.Year(), wall.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if n < 0 {
		return wall.Day()+7 > length
	}
	return (wall.Day()-1)/7+1 == n
}
