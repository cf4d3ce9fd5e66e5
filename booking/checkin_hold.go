package booking

// A booking that holds its slot as stored (confirmed, pending) but not
// by the clock (a no-show, a lapsed request: EffectiveStatus) has freed
// its remaining time, and a new booking may take it. The stores refuse
// two stored holders of one slot (PostgreSQL by an exclusion constraint
// on the stored status, SQLite by triggers), so before a booking is
// inserted the clock's verdict on those it overlaps is stored, as the
// sweep (SweepNoShows) would store it later. Classes are not under the
// constraint: only bookings.

// InsertBooking implements BookingTx: it settles the bookings b
// overlaps (settleOverlapped), then inserts b.
func (t effectiveTx) InsertBooking(b *Booking) error {
	if err := t.settleOverlapped(b); err != nil {
		return err
	}
	return t.Tx.InsertBooking(b)
}

// settleOverlapped stores the clock's verdict on every booking of b's
// room that overlaps b and holds its slot only as stored. The change is
// the clock's, so its audit line names no actor, like the sweep's; it
// changes no listing (the clock already applied it), hence no touch.
func (t effectiveTx) settleOverlapped(b *Booking) error {
	held, err := t.Tx.Bookings(BookingFilter{Room: b.Room, From: b.Start, To: b.End, Holding: true})
	if err != nil {
		return err
	}
	tx := bySystem(t.Tx)
	for _, o := range held {
		if EffectiveStatus(o, t.now) == o.Status {
			continue
		}
		effective(&o, t.now)
		if err := tx.SetBookingState(&o, t.now); err != nil {
			return err
		}
	}
	return nil
}
