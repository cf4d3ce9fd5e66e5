package booking

import (
	"context"
	"time"
)

// reportInput is what a report is made of: the rooms and teams, and every
// use in the span, already clipped to it.
type reportInput struct {
	rooms []Room
	teams []Team
	uses  []use
	// closures overlapping the span: they shut rooms, and suspend the
	// class dates inside them, which did not take place.
	closures []Closure
}

// use is one stretch of time inside the span that a figure counts: a
// class occurrence (team set) or a one-off booking (team "", with its
// check-in state), booked unless it is only a no-show's reserved time.
type use struct {
	room, team                string
	start, end                time.Time
	booked, checkedIn, noShow bool
}

// bookingUse says how a booking counts in the report: whether it is
// used at all, checked in, or a no-show (addBooking then says which part
// is booked). It reads the booking's effective state at now
// (EffectiveStatus) and its check-in, the one place to read them.
func bookingUse(b *Booking, now time.Time) (used, checkedIn, noShow bool) {
	checked := b.CheckedInAt != nil
	switch EffectiveStatus(*b, now) {
	case StatusConfirmed:
		return true, checked, false
	case StatusNoShow:
		return true, false, true
	}
	return false, false, false // pending, cancelled, declined, cancelled_by_closure
}

// reportInput reads the rooms, teams and bookings from one snapshot and
// expands the cached timetable over the span.
func (s *Service) reportInput(ctx context.Context, q UtilizationQuery) (*reportInput, error) {
	if _, err := s.warmReads(ctx); err != nil {
		return nil, err
	}
	list, err := s.seriesForRead(ctx, SeriesFilter{From: q.From, To: q.To})
	if err != nil {
		return nil, err
	}
	in := &reportInput{}
	now := s.clock()
	err = s.store.View(ctx, func(tx Tx) error {
		var err error
		if in.rooms, err = tx.Rooms(); err != nil {
			return err
		}
		if in.teams, err = tx.Teams(); err != nil {
			return err
		}
		if in.closures, err = tx.Closures(ClosureFilter{From: q.From, To: q.To}); err != nil {
			return err
		}
		bs, err := tx.Bookings(BookingFilter{From: q.From, To: q.To, TimesOnly: true})
		if err != nil {
			return err
		}
		in.uses = make([]use, 0, len(bs)+64*len(list)) // a year of weekly classes, besides
		for i := range bs {
			if used, checkedIn, noShow := bookingUse(&bs[i], now); used {
				in.addBooking(q, &bs[i], checkedIn, noShow)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, se := range list {
		occ, err := s.seriesOccurrences(se, "", q.From, q.To)
		if err != nil {
			return nil, err
		}
		for _, o := range occ {
			if !suspended(in.closures, o) {
				in.add(q, use{room: o.Room, team: se.Team, start: o.Start, end: o.End, booked: true})
			}
		}
	}
	return in, nil
}

// add keeps u's part inside the span, if any.
func (in *reportInput) add(q UtilizationQuery, u use) {
	u.start, u.end = later(u.start, q.From), earlier(u.end, q.To)
	if u.start.Before(u.end) {
		in.uses = append(in.uses, u)
	}
}

// addBooking adds a used one-off booking. A no-show's booked time is only
// the part it held, until its check-in deadline, when the rest was
// released and may be booked by someone else (counting it again would
// book a room longer than it is open); its no-show time is the whole
// interval it reserved and did not use.
func (in *reportInput) addBooking(q UtilizationQuery, b *Booking, checkedIn, noShow bool) {
	if !noShow {
		in.add(q, use{room: b.Room, start: b.Start, end: b.End, booked: true, checkedIn: checkedIn})
		return
	}
	in.add(q, use{room: b.Room, start: b.Start, end: earlier(b.End, CheckInDeadline(*b)), booked: true})
	in.add(q, use{room: b.Room, start: b.Start, end: b.End, noShow: true})
}
