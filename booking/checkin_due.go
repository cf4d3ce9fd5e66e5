package booking

import (
	"context"
	"sync"
	"time"
)

// dueTracker makes the stamps of listings and feeds move at each check-in
// deadline, when a booking turns into a no-show by the clock alone and so
// no write touches its keys. It knows the next few deadlines (read from
// the store after any write: the "all" counter moved) and, once the clock
// passes one, touches that booking's room and owner as a write would.
type dueTracker struct {
	mu sync.Mutex
	// seen is the "all" counter when next was read; a different value
	// means a write since, which may have added or removed a deadline.
	seen uint64
	// passed is the latest deadline already touched (or the first read's
	// clock); next holds the unchecked bookings with later deadlines, by
	// deadline; full says the read was cut at dueBatch.
	passed time.Time
	next   []Booking
	full   bool
}

// dueBatch is how many upcoming deadlines one read fetches.
const dueBatch = 64

// passDeadlines touches the keys of every booking whose check-in deadline
// the clock has passed since the last call. The stamp functions call it
// first: reading the store only after a write or a passed deadline.
func (s *Service) passDeadlines() {
	now := s.clock()
	d := &s.due
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.passed.IsZero() {
		d.passed = now
		d.reload(s)
	} else if d.seen != s.vers.count("all") {
		d.reload(s)
	}
	for len(d.next) > 0 && !now.Before(CheckInDeadline(d.next[0])) {
		b := d.next[0]
		d.next, d.passed = d.next[1:], CheckInDeadline(b)
		if s.vers.touchAfter(d.seen, "room:"+b.Room, "user:"+b.UserID) {
			d.seen++ // only our own touch: the list is still right
		}
		if len(d.next) == 0 && d.full {
			d.reload(s)
		}
	}
}

// reload reads the unchecked bookings whose deadlines come after passed.
// A failed read leaves the list empty and seen unchanged, so the next
// stamp tries again.
func (d *dueTracker) reload(s *Service) {
	seen := s.vers.count("all") // before the read: a later write moves it
	var list []Booking
	err := s.store.View(context.Background(), func(tx Tx) (err error) {
		list, err = tx.UncheckedBookings(d.passed.Add(-CheckInGrace+time.Second), time.Time{}, dueBatch)
		return err
	})
	d.next, d.full = d.next[:0], len(list) == dueBatch
	if err != nil {
		return
	}
	for _, b := range list {
		// A booking made after its own deadline never goes missing.
		if b.CreatedAt.Before(CheckInDeadline(b)) {
			d.next = append(d.next, b)
		}
	}
	d.seen = seen
}
