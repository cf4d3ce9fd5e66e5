package booking

import (
	"mingzhu/calendar/ical"
)

// feedClosures loads the closures once per feed: a feed lists classes
// whole, so every closure may bear on it (a few a year).
func (fb *feedBuilder) feedClosures() ([]Closure, error) {
	if fb.closures == nil {
		cs, err := fb.tx.Closures(ClosureFilter{})
		if err != nil {
			return nil, err
		}
		fb.closures = append([]Closure{}, cs...)
	}
	return fb.closures, nil
}

// suspendedIn reports whether a closure suspends a date of room during o.
func (fb *feedBuilder) suspendedIn(room string, o Occurrence) bool {
	cs, _ := fb.feedClosures() // loaded by closureExDates first; an error surfaced there
	o.Room = room
	return suspended(cs, o)
}

// closureExDates adds an EXDATE for each date of part i of se that a
// closure suspends: the dates its rule (with the series' exclusions and
// skipped holidays) still holds inside a closure of the part's room or of
// the whole centre, unless they had ended when it was made (Suspends).
// The dates come back when the closure is deleted.
func (fb *feedBuilder) closureExDates(master *ical.Event, se *Series, i int) error {
	cs, err := fb.feedClosures()
	if err != nil || len(cs) == 0 {
		return err
	}
	p := se.Parts[i]
	rule, err := fb.s.partRule(se, i)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Room != "" && c.Room != p.Room {
			continue
		}
		occ, err := rule.Between(c.Start, c.End)
		if err != nil {
			return err
		}
		for _, o := range occ {
			if c.Suspends(p.Room, o.Start, o.End) {
				master.ExDates = append(master.ExDates, fb.s.local(o.Start))
			}
		}
	}
	return nil
}

// addClosedBookings lists the owner's bookings a closure cancelled as
// cancelled events (STATUS:CANCELLED, SEQUENCE raised, the reason said),
// so that a phone shows them called off rather than silently gone.
func (fb *feedBuilder) addClosedBookings(cal *ical.Calendar, userID string) error {
	bs, err := fb.tx.Bookings(BookingFilter{UserID: userID, From: fb.now.Add(-feedHistory)})
	for _, b := range bs {
		if b.Status != StatusCancelledByClosure {
			continue
		}
		cal.Events = append(cal.Events, ical.Event{UID: b.ID + uidDomain,
			Summary:     "已取消（闭馆） Cancelled (closure): " + b.Title,
			Description: "因闭馆取消 cancelled by closure: " + b.Reason,
			Location:    fb.roomLabel(b.Room), Start: b.Start, End: b.End, LastModified: b.CreatedAt,
			Sequence: 1, Status: "CANCELLED"})
	}
	return err
}
