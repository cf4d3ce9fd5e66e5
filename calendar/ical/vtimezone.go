package ical

import (
	"fmt"
	"strconv"
	"time"
)

// go-ical never writes a VTIMEZONE, yet RFC 5545 §3.6.5 requires one for
// every TZID a feed uses, and Outlook and ical.js cannot place a TZID time
// without it (ical.js reads a time before the first observance as UTC).
// Go exposes a zone only as offsets at instants, so the rules are recovered
// by probing: find each year's transitions with Time.ZoneBounds, describe
// each as a yearly rule, and merge years that share a rule into one
// observance with an RRULE (§3.8.5.3).

// transition is one change of UTC offset, seen from the local wall clock
// just before it (the DTSTART of an observance is "local time in the offset
// from", §3.6.5).
type transition struct {
	wall     time.Time // wall time before the change, as a UTC-located value
	at       time.Time // the instant of the change
	from, to int       // offsets in seconds east of UTC
	name     string    // abbreviation after the change (TZNAME)
	dst      bool      // DAYLIGHT after the change, else STANDARD
}

// yearTransitions lists the offset changes of loc during year.
func yearTransitions(loc *time.Location, year int) []transition {
	var out []transition
	t := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).In(loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 8; i++ { // a zone changes at most a few times a year
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) {
			break
		}
		_, from := next.Add(-time.Second).Zone()
		name, to := next.Zone()
		if from != to {
			wall := next.Add(time.Duration(from) * time.Second).UTC()
			out = append(out, transition{wall: wall, at: next.UTC(), from: from, to: to, name: name, dst: next.IsDST()})
		}
		t = next
	}
	return out
}

// byDay is one way to name a transition day in a yearly rule: the nth
// weekday of the month (n = -1 for the last), or the first weekday on or
// after a day of the month (tz's "Fri>=23", written BYMONTHDAY=23..29).
type byDay struct {
	n, onOrAfter int
	wd           time.Weekday
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func (b byDay) rrule() string {
	if b.onOrAfter == 0 {
		return "BYDAY=" + strconv.Itoa(b.n) + weekdayCodes[b.wd]
	}
	s := "BYMONTHDAY="
	for d := b.onOrAfter; d < b.onOrAfter+7; d++ {
		if d > b.onOrAfter {
			s += ","
		}
		s += strconv.Itoa(d)
	}
	return s + ";BYDAY=" + weekdayCodes[b.wd]
}

// candidates lists the rules that name date, most idiomatic first: "last
// Sunday" before "4th Sunday", because tz data says lastSun far more often.
func candidates(date time.Time) []byDay {
	day, wd := date.Day(), date.Weekday()
	length := time.Date(date.Year(), date.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	var c []byDay
	if day+7 > length {
		c = append(c, byDay{n: -1, wd: wd})
	}
	c = append(c, byDay{n: (day-1)/7 + 1, wd: wd})
	for d := max(1, day-6); d <= day && d+6 <= length; d++ {
		if d%7 != 1 { // d = 1, 8, 15, 22 is the nth form above
			c = append(c, byDay{onOrAfter: d, wd: wd})
		}
	}
	return c
}

// intersect keeps the rules of a that are also in b, in a's order.
func intersect(a, b []byDay) []byDay {
	var out []byDay
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// group is a run of years whose transitions follow the same rules.
type group struct {
	first, last []transition // transitions of the first and last year
	rules       [][]byDay    // per transition: rules that fit every year
}

// extend adds a year with transitions ts to g if they follow its rules.
func (g *group) extend(ts []transition) bool {
	if len(ts) != len(g.first) {
		return false
	}
	rules := make([][]byDay, len(ts))
	for i, t := range ts {
		f := g.first[i]
		if t.wall.Month() != f.wall.Month() || t.from != f.from || t.to != f.to ||
			t.name != f.name || t.dst != f.dst || !sameClock(t.wall, f.wall) {
			return false
		}
		if rules[i] = intersect(g.rules[i], candidates(t.wall)); len(rules[i]) == 0 {
			return false
		}
	}
	g.rules, g.last = rules, ts
	return true
}

func sameClock(a, b time.Time) bool {
	ah, am, as := a.Clock()
	bh, bm, bs := b.Clock()
	return ah == bh && am == bm && as == bs
}

// Years probed beyond the feed's last year, so that rules such as "last
// Sunday" are told apart from "4th Sunday" by the years where they differ;
// and the most years probed, from the feed's first year on.
const (
	probeAhead = 12
	maxProbe   = 100
)

// observance is a STANDARD or DAYLIGHT sub-component (RFC 5545 §3.6.5).
type observance struct {
	daylight bool
	start    time.Time // DTSTART: wall time before the change, UTC-located
	from, to int
	name     string // TZNAME, "" for none
	rrule    string // "" for a one-off change
}

// vtimezone derives the observances of loc covering fromYear..toYear (the
// years of the feed's times). Observances start the year before fromYear
// so that every time in the feed follows one; the last group of years has
// no UNTIL and so extends to the unbounded future of any open series.
func vtimezone(loc *time.Location, fromYear, toYear int) []observance {
	y0 := fromYear - 1
	y1 := max(toYear+1, y0+probeAhead)
	if y1-y0 > maxProbe {
		// Keep the start: every time in the feed must follow an
		// observance. Past the zone's last explicit change (Go's data end
		// with a steady rule) the last group, open-ended, covers the rest.
		y1 = y0 + maxProbe
	}
	var groups []*group
	for y := y0; y <= y1; y++ {
		ts := yearTransitions(loc, y)
		if n := len(groups); n > 0 && groups[n-1].extend(ts) {
			continue
		}
		g := &group{first: ts, last: ts, rules: make([][]byDay, len(ts))}
		for i, t := range ts {
			g.rules[i] = candidates(t.wall)
		}
		groups = append(groups, g)
	}

	var obs []observance
	if len(groups[0].first) == 0 {
		// No change in the first year (Asia/Shanghai, no DST since 1991):
		// one fixed observance from 1970 covers every time before the
		// next change, if there is one.
		name, off := time.Date(y0, 1, 1, 0, 0, 0, 0, loc).Zone()
		obs = append(obs, observance{start: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), from: off, to: off, name: name})
	}
	for gi, g := range groups {
		for i, t := range g.first {
			ob := observance{daylight: t.dst, start: t.wall, from: t.from, to: t.to, name: t.name}
			if g.last[i].at.After(t.at) {
				ob.rrule = "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(t.wall.Month())) + ";" + g.rules[i][0].rrule()
				if gi < len(groups)-1 {
					ob.rrule += ";UNTIL=" + g.last[i].at.Format(utcLayout)
				}
			}
			obs = append(obs, ob)
		}
	}
	return obs
}

// writeVTimezone writes the VTIMEZONE of tzid (RFC 5545 §3.6.5).
func writeVTimezone(cw *contentWriter, tzid string, obs []observance) {
	cw.begin("VTIMEZONE")
	cw.prop("TZID", "", tzid)
	for _, ob := range obs {
		kind := "STANDARD"
		if ob.daylight {
			kind = "DAYLIGHT"
		}
		cw.begin(kind)
		cw.prop("DTSTART", "", ob.start.Format(localLayout))
		if ob.rrule != "" {
			cw.prop("RRULE", "", ob.rrule)
		}
		if ob.name != "" {
			cw.prop("TZNAME", "", escapeText(ob.name))
		}
		cw.prop("TZOFFSETFROM", "", utcOffset(ob.from))
		cw.prop("TZOFFSETTO", "", utcOffset(ob.to))
		cw.end(kind)
	}
	cw.end("VTIMEZONE")
}

// utcOffset formats seconds east of UTC as a UTC-OFFSET (RFC 5545 §3.3.14):
// +0800, -0500, with seconds only when there are any.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
