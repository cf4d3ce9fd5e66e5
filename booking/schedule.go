package booking

import (
	"context"
	"slices"
)

// BookedTitle is what everyone but its booker and staff sees in place of
// a resident's own title, so that pages can tell a hidden booking from a
// named one.
const BookedTitle = bookedTitle

// Schedule is what a page about rooms shows in one read: the rooms asked
// for (one, or all), every team (for the names of classes) and what
// occupies those rooms in the window, titles hidden as Occurrences hides
// them.
type Schedule struct {
	Rooms       []Room
	Teams       []Team
	Occurrences []Occurrence
}

// Schedule lists q's occurrences for viewer (nil: anonymous) with the
// rooms and teams a page needs to name them. q.Team is ignored: a page of
// rooms shows everything that takes them.
func (s *Service) Schedule(ctx context.Context, viewer *User, q OccurrenceQuery) (*Schedule, error) {
	q.Team = ""
	occ, err := s.Occurrences(ctx, viewer, q)
	if err != nil {
		return nil, err
	}
	out := &Schedule{Occurrences: occ}
	err = s.store.View(ctx, func(tx Tx) (err error) {
		if out.Rooms, err = tx.Rooms(); err != nil {
			return err
		}
		out.Teams, err = tx.Teams()
		return err
	})
	if err != nil {
		return nil, err
	}
	if q.Room != "" {
		out.Rooms = slices.DeleteFunc(out.Rooms, func(r Room) bool { return r.ID != q.Room })
	}
	return out, nil
}

// CheckBooking answers, without writing, whether CreateBooking would
// accept n from actor now: the same field and time checks, then
// precheck's room, capacity, clash and house rules, in placeBooking's
// order, on a committed snapshot (ECONFLICT names what is there, titles
// hidden from actor as usual). A page asks it while a person is still
// picking times; nil is "free now", not a promise, since CreateBooking
// checks again inside its write.
func (s *Service) CheckBooking(ctx context.Context, actor *User, n NewBooking) error {
	if err := s.checkBooking(actor, &n, s.clock()); err != nil {
		return err
	}
	return s.precheck(ctx, actor, n, true)
}

// checkCapacity refuses more attendees than the room holds.
func checkCapacity(room Room, n NewBooking) error {
	if n.Attendees > room.Capacity {
		return Invalid("attendees", "人数超过%s的容量（%d人） attendees exceed the room's capacity of %d",
			room.Name, room.Capacity, room.Capacity)
	}
	return nil
}
