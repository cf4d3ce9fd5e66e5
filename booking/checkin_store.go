package booking

import (
	"context"
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
// (A Status filter for no_show or declined finds the ones the clock made
// once the sweep has stored them, within a minute.)
func (t effectiveTx) Bookings(f BookingFilter) ([]Booking, error) {
	list, err := t.Tx.Bookings(f)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, b := range list {
		effective(&b, t.now)
		if (!f.Holding || HoldsSlot(b.Status)) && (f.Status == "" || b.Status == f.Status) {
			out = append(out, b)
		}
	}
	return out, nil
}
