package booking

import (
	"fmt"
	"slices"
	"time"

	"mingzhu/calendar"
	"mingzhu/calendar/ical"
)

// seriesEvents publishes a series as calendar events for a feed limited to
// room ("" for all rooms): one VEVENT per part with RRULE and EXDATE, a
// RECURRENCE-ID override per occurrence moved within the feed, and a
// standalone event for an occurrence moved in from a part the feed omits.
func (fb *feedBuilder) seriesEvents(se *Series, room string) ([]ical.Event, error) {
	var out []ical.Event
	team := fb.teams[se.Team]
	base := ical.Event{Summary: se.Title, Description: team.Label(), Sequence: se.Sequence, LastModified: se.UpdatedAt}
	standalone := func(m Exception) {
		if fb.suspendedIn(m.Room, Occurrence{Start: m.Start, End: m.End}) {
			return // a closure suspends it
		}
		ev := base
		ev.UID = fmt.Sprintf("%s-moved-%d%s", se.ID, m.Original.Unix(), uidDomain)
		ev.Start, ev.End, ev.Location = m.Start, m.End, fb.roomLabel(m.Room)
		out = append(out, ev)
	}
	claimed := map[int64]bool{} // moves whose original date a part holds
	for i, p := range se.Parts {
		bare, err := fb.s.bareRule(se, i)
		if err != nil {
			return nil, err
		}
		first := bare.First()
		in := func(t time.Time) bool { return bare.IsOccurrence(t) }
		for _, m := range se.moves() {
			if in(m.Original) {
				claimed[m.Original.Unix()] = true
			}
		}
		if room != "" && p.Room != room {
			for _, m := range se.moves() {
				if m.Room == room && in(m.Original) {
					standalone(m)
				}
			}
			continue
		}
		last, bounded := bare.Last()
		master := base
		master.UID = partUID(se.ID, i, len(se.Parts))
		master.Start, master.End, master.Location = first.Start, first.End, fb.roomLabel(p.Room)
		master.RRule = feedRRule(p.RRule, last.Start, bounded)
		for _, d := range se.ExDates {
			if in(d) {
				master.ExDates = append(master.ExDates, d)
			}
		}
		for _, e := range se.Exceptions {
			if !in(e.Original) {
				continue
			}
			if e.Action == ActionCancel || (room != "" && e.Room != room) || fb.suspendedIn(e.Room, Occurrence{Start: e.Start, End: e.End}) {
				master.ExDates = append(master.ExDates, e.Original)
				continue
			}
			ev := base
			ev.UID, ev.RecurrenceID = master.UID, e.Original
			ev.Start, ev.End, ev.Location = e.Start, e.End, fb.roomLabel(e.Room)
			out = append(out, ev)
		}
		if err := fb.holidayExDates(&master, se, p, bare); err != nil {
			return nil, err
		}
		if err := fb.closureExDates(&master, se, i); err != nil {
			return nil, err
		}
		out = append(out, master)
	}
	// A moved date whose part is gone (every other date of it was
	// cancelled) has no master to override: it stands alone.
	for _, m := range se.moves() {
		if !claimed[m.Original.Unix()] && (room == "" || m.Room == room) {
			standalone(m)
		}
	}
	return out, nil
}

// holidayExDates adds an EXDATE, at the occurrence's exact start in the
// site zone, for each date of part p (rule bare) that falls on a day off
// when p skips holidays; a date already cancelled or moved keeps what it
// has.
func (fb *feedBuilder) holidayExDates(master *ical.Event, se *Series, p Part, bare *calendar.Rule) error {
	if !p.SkipHolidays {
		return nil
	}
	off, err := fb.s.holidayStarts(p, bare)
	if err != nil {
		return err
	}
	excluded := se.excluded()
	taken := func(t time.Time) bool { return slices.ContainsFunc(excluded, t.Equal) }
	for _, t := range off {
		if !taken(t) {
			master.ExDates = append(master.ExDates, fb.s.local(t))
		}
	}
	return nil
}
