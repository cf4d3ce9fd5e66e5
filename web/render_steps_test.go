package web_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// Step generation: the next request of a case, drawn from its state (the
// series it has, the occurrences they have now).

// maxTicks bounds how far a case moves its clock, so that every booking
// stays inside the feeds' 60 days of history.
const maxTicks = 30 * 24 * time.Hour

func jsonStep(actor, method, path string, body map[string]any) rStep {
	raw, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return rStep{Actor: actor, Method: method, Path: path, CType: "application/json", Body: string(raw)}
}

// nextStep draws the next step.
func (c *rcase) nextStep(g gen) rStep {
	now := c.clk.Now()
	kind := g.weighted(22, 18, 22, 18, 10, 10)
	if len(c.obs.series) == 0 && (kind == 2 || kind == 3) {
		kind = 0
	}
	switch kind {
	case 1:
		return c.genBooking(g, now)
	case 2:
		return c.genPatch(g, now)
	case 3:
		return c.genException(g, now)
	case 4:
		return c.genImport(g, now)
	case 5:
		var ticked time.Duration
		for _, s := range c.log {
			ticked += s.Tick
		}
		if d := time.Duration(g.between(1, 120)) * time.Hour; ticked+d <= maxTicks {
			return rStep{Tick: d}
		}
	}
	return c.genSeries(g, now)
}

// teamActor is mostly the team's leader or staff, sometimes someone who
// may not manage it.
func teamActor(g gen, team string) string {
	switch g.weighted(65, 25, 5, 5) {
	case 1:
		return "admin"
	case 2:
		for t, l := range rTeams {
			if t != team {
				return l
			}
		}
	case 3:
		return "res1"
	}
	return rTeams[team]
}

func (c *rcase) genSeries(g gen, now time.Time) rStep {
	team := g.pick("alpha", "beta")
	start := g.start(now, true)
	end := start.Add(g.duration())
	rule := g.rrule(start)
	body := map[string]any{"team": team, "room": g.pick(rRooms...), "title": g.title(),
		"start": g.timeText(start), "end": g.timeText(end), "rrule": rule}
	if g.pct(30) {
		dates := nextDates(start, rule, 4)
		var ex []string
		switch g.r.IntN(5) {
		case 0:
			ex = []string{g.timeText(dates[0])}
		case 1:
			ex = []string{g.timeText(dates[1])}
		case 2:
			ex = []string{g.timeText(dates[0]), g.timeText(dates[1])}
		case 3:
			ex = []string{g.timeText(dates[1]), g.timeText(dates[2]), g.timeText(dates[3])}
		default:
			ex = []string{g.timeText(start.Add(time.Hour))} // not an occurrence
		}
		body["exdates"] = ex
	}
	if g.pct(40) {
		body["on_conflict"] = g.pick("reject", "skip", "skip", "maybe")
	}
	if g.pct(10) {
		body["dry_run"] = true
	}
	return jsonStep(teamActor(g, team), "POST", "/api/v1/series", body)
}

func (c *rcase) genBooking(g gen, now time.Time) rStep {
	room := g.pick(rRooms...)
	start := g.start(now, false)
	if g.pct(8) { // staff may record a booking that has begun
		start = now.Add(-30 * time.Minute)
	}
	end := start.Add(g.duration())
	body := map[string]any{"room": room, "start": g.timeText(start), "end": g.timeText(end), "attendees": g.between(1, rCapacity[room])}
	if g.pct(60) {
		body["title"] = g.title()
	}
	switch g.weighted(90, 6, 4) {
	case 1:
		body["attendees"] = rCapacity[room] + 1
	case 2:
		body["attendees"] = 0
	}
	return jsonStep(g.pick(rActors...), "POST", "/api/v1/bookings", body)
}

// seriesView is the part of a listed series that generation uses.
type seriesView struct {
	ID, Team, Room, RRule string
	Start, End            time.Time
}

func viewOf(m map[string]any) seriesView {
	v := seriesView{}
	v.ID, _ = m["id"].(string)
	v.Team, _ = m["team"].(string)
	v.Room, _ = m["room"].(string)
	v.RRule, _ = m["rrule"].(string)
	s, _ := m["start"].(string)
	e, _ := m["end"].(string)
	v.Start, _ = time.Parse(time.RFC3339, s)
	v.End, _ = time.Parse(time.RFC3339, e)
	return v
}

func (c *rcase) pickSeries(g gen) seriesView {
	return viewOf(c.obs.series[g.r.IntN(len(c.obs.series))])
}

func (c *rcase) genPatch(g gen, now time.Time) rStep {
	v := c.pickSeries(g)
	start := v.Start.In(c.loc)
	body := map[string]any{}
	if g.pct(30) {
		body["title"] = g.title()
	}
	if g.pct(30) {
		body["room"] = g.pick(rRooms...)
	}
	newStart := start
	if g.pct(45) {
		switch g.r.IntN(4) {
		case 0:
			newStart = start.Add([]time.Duration{-2 * time.Hour, -time.Hour, time.Hour, 3 * time.Hour}[g.r.IntN(4)])
		case 1:
			for newStart.Before(now) { // the same weekday and time, from now on
				newStart = newStart.AddDate(0, 0, 7)
			}
			newStart = newStart.Add(time.Duration(g.between(-3, 3)) * time.Hour)
		case 2:
			newStart = g.start(now, true)
		default:
			newStart = g.dstEdge(now)
		}
		body["start"] = g.timeText(newStart)
	}
	if g.pct(15) {
		body["end"] = g.timeText(newStart.Add(g.duration()))
	}
	if g.pct(35) || len(body) == 0 {
		body["rrule"] = g.rrule(newStart)
	}
	if g.pct(20) {
		body["on_conflict"] = g.pick("reject", "skip", "later")
	}
	return jsonStep(teamActor(g, v.Team), "PATCH", "/api/v1/series/"+c.refOf(v.ID), body)
}

// occurrencesOf lists a series' occurrences around now (not logged: the
// step records the concrete times it chose).
func (c *rcase) occurrencesOf(v seriesView, now time.Time) []map[string]any {
	q := fmt.Sprintf("/api/v1/occurrences?team=%s&from=%s&to=%s", v.Team, url.QueryEscape(now.AddDate(0, 0, -30).Format(time.RFC3339)),
		url.QueryEscape(now.AddDate(0, 0, 150).Format(time.RFC3339)))
	a := c.call("admin", "GET", q, "", nil)
	var out []map[string]any
	list, _ := a.JSON["occurrences"].([]any)
	for _, o := range list {
		if m, _ := o.(map[string]any); m != nil && m["series_id"] == v.ID {
			out = append(out, m)
		}
	}
	return out
}

func (c *rcase) genException(g gen, now time.Time) rStep {
	v := c.pickSeries(g)
	occ := c.occurrencesOf(v, now)
	var future, past []map[string]any
	for _, o := range occ {
		if s, _ := time.Parse(time.RFC3339, o["original_start"].(string)); s.After(now) {
			future = append(future, o)
		} else {
			past = append(past, o)
		}
	}
	var orig time.Time
	switch k := g.weighted(50, 20, 15, 8, 7); {
	case k <= 2 && len(future) > 0:
		i := min([]int{0, 1, g.r.IntN(len(future))}[k], len(future)-1)
		orig, _ = time.Parse(time.RFC3339, future[i]["original_start"].(string))
	case k == 3 && len(past) > 0:
		orig, _ = time.Parse(time.RFC3339, past[len(past)-1]["original_start"].(string))
	default:
		orig = v.Start.Add(time.Hour) // not an occurrence
	}
	body := map[string]any{"occurrence": g.timeText(orig.In(c.loc))}
	switch g.weighted(40, 55, 5) {
	case 0:
		body["action"] = "cancel"
	case 1:
		body["action"] = "move"
		deltas := []time.Duration{time.Hour, -time.Hour, 24 * time.Hour, 48 * time.Hour, 3 * time.Hour, 48*time.Hour + 30*time.Minute,
			7 * 24 * time.Hour, -48 * time.Hour}
		to := orig.Add(deltas[g.r.IntN(len(deltas))])
		switch g.weighted(85, 10, 5) {
		case 1:
			to = g.dstEdge(now)
		case 2:
			to = now.Add(-2 * time.Hour)
		}
		dur := v.End.Sub(v.Start)
		if g.pct(20) {
			dur = g.duration()
		}
		body["start"], body["end"] = g.timeText(to.In(c.loc)), g.timeText(to.Add(dur).In(c.loc))
		switch g.weighted(50, 10, 35, 5) {
		case 1:
			body["room"] = v.Room
		case 2:
			body["room"] = g.pick(rRooms...)
		case 3:
			body["room"] = "gym"
		}
	default:
		body["action"] = "postpone"
	}
	return jsonStep(teamActor(g, v.Team), "POST", "/api/v1/series/"+c.refOf(v.ID)+"/exceptions", body)
}
