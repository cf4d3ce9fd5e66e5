package web

import (
	"time"

	"mingzhu/booking"
)

// roomCard describes room as it is at now: busy until the end of what
// occupies it (back-to-back occupants count as one stretch), or free,
// with the next thing planned today or tomorrow.
func (s *Server) roomCard(p Page, room booking.Room, occ []booking.Occurrence, teams map[string]string, now time.Time) roomCard {
	card := roomCard{Room: room, Name: labelOf(p.Lang, room), Equipment: s.equipment(p, room)}
	var mine []booking.Occurrence
	for _, o := range occ {
		if o.Room == room.ID && o.End.After(now) {
			mine = append(mine, o)
		}
	}
	if until, busy := busyUntil(mine, now); busy {
		card.Busy = true
		card.Status = s.T(p, "resident.status.busy", clockOf(until))
		if why, ok := closedNow(mine, now); ok {
			card.Status = s.T(p, "resident.status.closed", half(p.Lang, why), dayClock(p, until, now))
		}
		return card
	}
	card.Status = s.T(p, "resident.status.free")
	card.Next = s.T(p, "resident.status.nothing")
	if len(mine) > 0 { // sorted by start; none has begun
		o := mine[0]
		when := clockOf(o.Start)
		if !sameDate(o.Start, now) {
			when = s.T(p, "resident.tomorrow", when)
		}
		card.Next = s.T(p, "resident.status.next", occWho(p.Lang, o, teams), when)
	}
	return card
}

// busyUntil reports whether something in occ (sorted by start) holds
// the room at now, and when the stretch of occupants from now ends.
func busyUntil(occ []booking.Occurrence, now time.Time) (time.Time, bool) {
	var until time.Time
	busy := false
	for _, o := range occ {
		switch {
		case !busy && !o.Start.After(now) && now.Before(o.End):
			busy, until = true, o.End
		case busy && !o.Start.After(until) && o.End.After(until):
			until = o.End
		}
	}
	return until, busy
}

func sameDate(a, b time.Time) bool {
	y, m, d := b.Date()
	return sameDay(a, y, m, d)
}

// closedNow is the reason of a closure in occ that shuts the room at now.
func closedNow(occ []booking.Occurrence, now time.Time) (string, bool) {
	for _, o := range occ {
		if o.Kind == booking.KindClosure && !o.Start.After(now) && now.Before(o.End) {
			return o.Title, true
		}
	}
	return "", false
}

// dayClock is t's time of day, with its date when it is not today's (a
// closure may last days).
func dayClock(p Page, t, now time.Time) string {
	if sameDate(t, now) {
		return clockOf(t)
	}
	return dayOf(p.Lang, t) + " " + clockOf(t)
}
