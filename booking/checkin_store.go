package booking

import (
	"context"
	"slices"
	"strings"
	"time"
)

// effectiveStore puts EffectiveStatus between the service and its store:
// every booking read in a transaction carries its status at that
// transaction's clock, and a Holding filter leaves out a booking that has
// just become a no-show. So the moment a check-in deadline passes, its
// remaining time is free in clash checks and gone from listings and
// feeds, although no sweep has stored the no_show yet (SweepNoShows does,
// later, for the record).
type effectiveStore struct {
	Store
	clock func() time.Time
}

// View implements Store.
func (e effectiveStore) View(ctx context.Context, fn func(Tx) error) error {
	return e.Store.View(ctx, func(tx Tx) error { return fn(effectiveTx{tx, e.clock()}) })
}

// Update implements Store.
func (e effectiveStore) Update(ctx context.Context, fn func(Tx) error) error {
	return e.Store.Update(ctx, func(tx Tx) error { return fn(effectiveTx{tx, e.clock()}) })
}

// effectiveTx is a Tx whose booking reads apply EffectiveStatus at now,
// the transaction's one clock reading.
type effectiveTx struct {
	Tx
	now time.Time
}

// Booking implements BookingTx.
func (t effectiveTx) Booking(id string) (*Booking, error) {
	b, err := t.Tx.Booking(id)
	if err == nil {
		effective(b, t.now)
	}
	return b, err
}

// Bookings implements BookingTx. With f.Holding or f.Status, the store's
// answer is narrowed by what the clock has changed since (no-shows,
// lapsed pending bookings); with f.Limit that may leave fewer than Limit.
// A Status filter for no_show or declined also reads the stored bookings
// the clock may have made so (clockMade).
func (t effectiveTx) Bookings(f BookingFilter) ([]Booking, error) {
	list, err := t.Tx.Bookings(f)
	if err != nil {
		return nil, err
	}
	list = t.keep(list, f)
	if made := clockMade[f.Status]; made != "" {
		// The clock turns stored confirmed (pending) bookings into
		// no-shows (lapsed ones): those are asked for too.
		g := f
		g.Status, g.Limit = made, 0
		more, err := t.Tx.Bookings(g)
		if err != nil {
			return nil, err
		}
		list = mergeBookings(list, t.keep(more, f), f)
	}
	return list, nil
}

// keep applies the clock to list and keeps what f asks for.
func (t effectiveTx) keep(list []Booking, f BookingFilter) []Booking {
	out := list[:0]
	for _, b := range list {
		effective(&b, t.now)
		if (!f.Holding || HoldsSlot(b.Status)) && (f.Status == "" || b.Status == f.Status) {
			out = append(out, b)
		}
	}
	return out
}

// clockMade is, for a status the clock can give, the stored status it
// gives it to (EffectiveStatus).
var clockMade = map[string]string{StatusNoShow: StatusConfirmed, StatusDeclined: StatusPending}

// mergeBookings joins two lists in f's order and cuts them to f.Limit.
func mergeBookings(a, b []Booking, f BookingFilter) []Booking {
	out := append(slices.Clone(a), b...)
	slices.SortStableFunc(out, func(x, y Booking) int {
		c := x.Start.Compare(y.Start)
		if c == 0 {
			c = strings.Compare(x.ID, y.ID)
		}
		if f.LatestFirst {
			return -c
		}
		return c
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out
}
