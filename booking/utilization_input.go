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

// use is one stretch of booked time inside the span: a class occurrence
// (team set) or a one-off booking (team "", with its check-in state).
type use struct {
	room, team        string
	start, end        time.Time
	checkedIn, noShow bool
}

// bookingUse says how a booking counts in the report: whether its time
// is used (booked), checked in, or a no-show. It reads the stored status
// and check-in, the one place to read them: once check-in and no-shows
// land, the first line becomes the booking's effective state at now.
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
				in.add(q, use{room: bs[i].Room, start: bs[i].Start, end: bs[i].End, checkedIn: checkedIn, noShow: noShow})
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
				in.add(q, use{room: o.Room, team: se.Team, start: o.Start, end: o.End})
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
