package web_test

import (
	"fmt"
	"strings"
	"time"
)

// genImport draws an .ics file as other calendar programs write them:
// recurring events (TZID, UTC or another zone's DTSTART; DTEND or
// DURATION; EXDATE), RECURRENCE-ID overrides that move or cancel a date,
// and single events, which become bookings.
func (c *rcase) genImport(g gen, now time.Time) rStep {
	team := g.pick("alpha", "beta")
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//render property//EN\r\n")
	for i, n := 0, g.between(1, 3); i < n; i++ {
		if g.pct(60) {
			c.icsSeries(g, now, &b, i)
		} else {
			icsSingle(g, now, &b, i)
		}
	}
	b.WriteString("END:VCALENDAR\r\n")
	q := "room=" + g.pick(rRooms...)
	if g.pct(30) {
		q += "&on_conflict=" + g.pick("skip", "reject")
	}
	if g.pct(10) {
		q += "&dry_run=1"
	}
	return rStep{Actor: teamActor(g, team), Method: "POST", Path: "/api/v1/teams/" + team + "/import?" + q,
		CType: "text/calendar", Body: b.String()}
}

// icsTime writes a DTSTART-like property in the chosen form.
type icsForm int

const (
	formSite icsForm = iota
	formUTC
	formOther
	formFloating
)

func (f icsForm) prop(name string, t time.Time, site *time.Location) string {
	switch f {
	case formUTC:
		return name + ":" + t.UTC().Format("20060102T150405Z")
	case formOther:
		ny := mustZone("America/New_York")
		return name + ";TZID=America/New_York:" + t.In(ny).Format("20060102T150405")
	case formFloating:
		return name + ":" + t.In(site).Format("20060102T150405")
	}
	return name + ";TZID=" + site.String() + ":" + t.In(site).Format("20060102T150405")
}

func (c *rcase) icsSeries(g gen, now time.Time, b *strings.Builder, i int) {
	uid := fmt.Sprintf("r%d-%d@render.test", g.r.IntN(1e6), i)
	form := icsForm(g.weighted(60, 25, 10, 5))
	start := g.start(now, true)
	dur := g.duration()
	rule := g.rrule(start)
	if strings.ContainsAny(rule, "\r\n") { // a line break cannot be in an .ics value
		rule = strings.ToLower(strings.TrimPrefix(strings.Fields(rule)[len(strings.Fields(rule))-1], "RRULE:"))
	}
	title := g.title()
	lines := []string{"BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20261101T000000Z", form.prop("DTSTART", start, c.loc)}
	if g.pct(20) {
		lines = append(lines, fmt.Sprintf("DURATION:PT%dM", int(dur.Minutes())))
	} else {
		lines = append(lines, form.prop("DTEND", start.Add(dur), c.loc))
	}
	lines = append(lines, "RRULE:"+rule, "SUMMARY:"+icsText(title))
	dates := nextDates(start, rule, 4)
	if g.pct(25) {
		lines = append(lines, form.prop("EXDATE", dates[g.r.IntN(2)], c.loc))
	}
	lines = append(lines, "END:VEVENT")
	if g.pct(45) {
		orig := dates[g.r.IntN(3)]
		deltas := []time.Duration{0, time.Hour, 24 * time.Hour, 48 * time.Hour, -24 * time.Hour, 49 * time.Hour, 7 * 24 * time.Hour}
		to := orig.Add(deltas[g.r.IntN(len(deltas))])
		lines = append(lines, "BEGIN:VEVENT", "UID:"+uid, "DTSTAMP:20261101T000000Z", form.prop("RECURRENCE-ID", orig, c.loc),
			form.prop("DTSTART", to, c.loc), form.prop("DTEND", to.Add(dur), c.loc), "SUMMARY:"+icsText(title+" (改期 moved)"))
		if g.pct(20) {
			lines = append(lines, "STATUS:CANCELLED")
		}
		lines = append(lines, "END:VEVENT")
	}
	b.WriteString(strings.Join(lines, "\r\n") + "\r\n")
}

func icsSingle(g gen, now time.Time, b *strings.Builder, i int) {
	site := now.Location()
	form := icsForm(g.weighted(60, 30, 10, 0))
	start := g.start(now, false)
	lines := []string{"BEGIN:VEVENT", fmt.Sprintf("UID:s%d-%d@render.test", g.r.IntN(1e6), i), "DTSTAMP:20261101T000000Z",
		form.prop("DTSTART", start, site), form.prop("DTEND", start.Add(g.duration()), site), "SUMMARY:" + icsText(g.title()), "END:VEVENT"}
	b.WriteString(strings.Join(lines, "\r\n") + "\r\n")
}
