package data_test

import (
	"errors"
	"testing"

	"mingzhu/booking"
	"mingzhu/data"
)

// wantOverlap checks that err is the store's own refusal of an overlap:
// ECONFLICT on the start (SQLite's bookings_no_overlap triggers,
// PostgreSQL's EXCLUDE constraint), not some other conflict.
func wantOverlap(t *testing.T, what string, err error) {
	t.Helper()
	var be *booking.Error
	if booking.ErrorCode(err) != booking.ECONFLICT || !errors.As(err, &be) || be.Field != "start" {
		t.Errorf("%s: %v, want the store's overlap ECONFLICT", what, err)
	}
}

// TestStoreRefusesOverlap: whatever the domain checked, the store itself
// never holds two overlapping bookings of one room that both hold their
// slot (confirmed or pending): inserting one, or turning one back into a
// holding status over a taken slot, is ECONFLICT and changes nothing.
// Intervals are half-open (touching is no overlap); other rooms, and
// bookings that do not hold their slot, never clash.
func TestStoreRefusesOverlap(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		c, p := booking.StatusConfirmed, booking.StatusPending
		insert := func(b *booking.Booking) error {
			return db.Update(t.Context(), func(tx booking.Tx) error { return tx.InsertBooking(b) })
		}
		if err := insert(bk("held", "r", 10, 2, c)); err != nil { // [10:00, 12:00)
			t.Fatal(err)
		}
		for _, b := range []*booking.Booking{
			bk("later", "r", 11, 2, c), bk("later-pending", "r", 11, 2, p), bk("same", "r", 10, 2, c),
			bk("inside", "r", 10.5, 1, p), bk("around", "r", 9, 4, c), bk("earlier", "r", 9, 1.5, c),
			bk("long", "r", 10.5-23.5, 23.5, c), bk("last-second", "r", 12-1.0/3600, 1, c),
		} {
			wantOverlap(t, "insert "+b.ID, insert(b))
		}
		for _, b := range []*booking.Booking{
			bk("touch-before", "r", 9, 1, c), bk("touch-after", "r", 12, 1, p), bk("other-room", "r2", 10, 2, c),
			bk("cancelled", "r", 10, 2, booking.StatusCancelled), bk("no-show", "r", 10, 2, booking.StatusNoShow),
			bk("declined", "r", 10.5, 1, booking.StatusDeclined), bk("closed", "r", 9, 4, booking.StatusCancelledByClosure),
		} {
			if err := insert(b); err != nil {
				t.Errorf("insert %s: %v, want it stored", b.ID, err)
			}
		}
		// A booking of the longest duration (booking.MaxDuration) clashes
		// up to its last second: SQLite's trigger bounds its scan by it.
		if err := insert(bk("day", "r2", 30, 24, c)); err != nil {
			t.Fatal(err)
		}
		wantOverlap(t, "in the last second of a day-long booking", insert(bk("day-end", "r2", 54-1.0/3600, 1, p)))
		if err := insert(bk("day-after", "r2", 54, 1, p)); err != nil {
			t.Errorf("touching a day-long booking: %v", err)
		}
		// Two in one transaction: the second is refused, and the first goes
		// with the rollback.
		err := db.Update(t.Context(), func(tx booking.Tx) error {
			if err := tx.InsertBooking(bk("pair-1", "r", 20, 1, c)); err != nil {
				return err
			}
			return tx.InsertBooking(bk("pair-2", "r", 20.5, 1, p))
		})
		wantOverlap(t, "the second of an overlapping pair", err)

		setStatus := func(id, status string) error {
			return db.Update(t.Context(), func(tx booking.Tx) error { return tx.SetBookingStatus(id, status, day0) })
		}
		setState := func(id, status string) error {
			return db.Update(t.Context(), func(tx booking.Tx) error {
				b, err := tx.Booking(id)
				if err != nil {
					return err
				}
				b.Status = status
				return tx.SetBookingState(b, day0)
			})
		}
		wantOverlap(t, "cancelled back to confirmed", setStatus("cancelled", c))
		wantOverlap(t, "cancelled back to pending", setStatus("cancelled", p))
		wantOverlap(t, "no_show back to confirmed", setState("no-show", c))
		wantOverlap(t, "declined to pending", setState("declined", p))
		wantOverlap(t, "closed to confirmed", setState("closed", c))
		// A holding booking's own changes (a check-in, pending to
		// confirmed) do not clash with itself.
		if err := db.Update(t.Context(), func(tx booking.Tx) error {
			b, err := tx.Booking("held")
			if err != nil {
				return err
			}
			in := b.Start
			b.CheckedInAt = &in
			return tx.SetBookingState(b, day0)
		}); err != nil {
			t.Errorf("check-in of the held booking: %v", err)
		}
		if err := setStatus("touch-after", c); err != nil {
			t.Errorf("touching pending to confirmed: %v", err)
		}
		// Once the slot is free, the no-show may take it back, and then the
		// first may not.
		if err := setStatus("held", booking.StatusCancelled); err != nil {
			t.Fatal(err)
		}
		if err := setState("no-show", c); err != nil {
			t.Errorf("no_show back to confirmed over a free slot: %v", err)
		}
		wantOverlap(t, "the first back to confirmed after the no-show took it", setStatus("held", c))

		want := map[string]string{"held": booking.StatusCancelled, "no-show": c, "cancelled": booking.StatusCancelled,
			"declined": booking.StatusDeclined, "closed": booking.StatusCancelledByClosure, "touch-after": c}
		view(t, db, func(tx booking.Tx) error {
			for id, st := range want {
				if b, err := tx.Booking(id); err != nil || b.Status != st {
					t.Errorf("%s: %+v, %v; want %s", id, b, err, st)
				}
			}
			for _, id := range []string{"later", "pair-1", "pair-2", "long"} {
				_, err := tx.Booking(id)
				wantCode(t, "refused "+id, err, booking.ENOTFOUND)
			}
			holding, err := tx.Bookings(booking.BookingFilter{Room: "r", Holding: true})
			if got := bookingIDs(holding); err != nil || len(got) != 3 {
				t.Errorf("holding in r: %v, %v; want touch-before, no-show, touch-after", got, err)
			}
			return nil
		})
	})
}
