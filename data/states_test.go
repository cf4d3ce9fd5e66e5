package data_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestBookingStates: the house rules' states, reason and check-in time
// survive a round trip; only confirmed and pending hold the slot; an
// unknown id is ENOTFOUND; and a status outside the list is refused by
// the table itself.
func TestBookingStates(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
		u := &booking.User{ID: "u1", Username: "li", Name: "李", Role: booking.RoleResident, PasswordHash: "x", CreatedAt: start}
		statuses := []string{booking.StatusConfirmed, booking.StatusPending, booking.StatusCancelled,
			booking.StatusDeclined, booking.StatusCancelledByClosure, booking.StatusNoShow}
		err := db.Update(ctx, func(tx booking.Tx) error {
			if err := tx.PutRoom(booking.Room{ID: "library", Name: "图书室", NameEN: "Library", Capacity: 20}); err != nil {
				return err
			}
			if err := tx.InsertUser(u); err != nil {
				return err
			}
			for i, st := range statuses {
				b := &booking.Booking{ID: st, Room: "library", UserID: u.ID, Title: "t", Attendees: 1,
					Start: start.Add(time.Duration(i) * time.Hour), End: start.Add(time.Duration(i)*time.Hour + time.Hour),
					Status: booking.StatusConfirmed, CreatedAt: start}
				if err := tx.InsertBooking(b); err != nil {
					return err
				}
				in := start.Add(-time.Minute)
				b.Status, b.Reason, b.CheckedInAt = st, "维修 repairs "+st, &in
				if err := tx.SetBookingState(b, start); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.View(ctx, func(tx booking.Tx) error {
			for _, st := range statuses {
				b, err := tx.Booking(st)
				if err != nil {
					return err
				}
				if b.Status != st || b.Reason != "维修 repairs "+st || b.CheckedInAt == nil || !b.CheckedInAt.Equal(start.Add(-time.Minute)) {
					t.Errorf("%s: got %+v", st, b)
				}
			}
			for _, timesOnly := range []bool{false, true} {
				list, err := tx.Bookings(booking.BookingFilter{Room: "library", Holding: true, TimesOnly: timesOnly})
				if err != nil {
					return err
				}
				if len(list) != 2 || list[0].Status != booking.StatusConfirmed || list[1].Status != booking.StatusPending {
					t.Errorf("holding (times only %v) = %+v, want confirmed and pending", timesOnly, list)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(ctx, func(tx booking.Tx) error {
			return tx.SetBookingState(&booking.Booking{ID: "nope", Status: booking.StatusDeclined}, start)
		})
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Errorf("unknown id: %v, want ENOTFOUND", err)
		}
		err = db.Update(ctx, func(tx booking.Tx) error {
			return tx.SetBookingState(&booking.Booking{ID: booking.StatusConfirmed, Status: "lost"}, start)
		})
		if err == nil {
			t.Error("a status outside the list was stored")
		}
	})
}
