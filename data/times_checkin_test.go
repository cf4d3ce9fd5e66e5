package data_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestTimesOnlyCheckIn: the cheap TimesOnly read carries the check-in
// time (nil for none) and the status of every booking, whatever its
// state, so that the utilisation report need not read whole rows.
func TestTimesOnlyCheckIn(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
		in := start.Add(-5 * time.Minute)
		err := db.Update(ctx, func(tx booking.Tx) error {
			if err := tx.PutRoom(booking.Room{ID: "library", Name: "图书室", NameEN: "Library", Capacity: 20}); err != nil {
				return err
			}
			if err := tx.InsertUser(&booking.User{ID: "u1", Username: "li", Name: "李", Role: booking.RoleResident, PasswordHash: "x", CreatedAt: start}); err != nil {
				return err
			}
			for i, b := range []booking.Booking{
				{ID: "in", Status: booking.StatusConfirmed, CheckedInAt: &in},
				{ID: "not", Status: booking.StatusConfirmed},
				{ID: "gone", Status: booking.StatusNoShow},
			} {
				b.Room, b.UserID, b.Title, b.Attendees, b.CreatedAt = "library", "u1", "t", 1, start
				b.Start = start.Add(time.Duration(i) * time.Hour)
				b.End = b.Start.Add(time.Hour)
				if err := tx.InsertBooking(&b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var list []booking.Booking
		if err := db.View(ctx, func(tx booking.Tx) (err error) {
			list, err = tx.Bookings(booking.BookingFilter{From: start, To: start.Add(24 * time.Hour), TimesOnly: true})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 || list[0].ID != "in" || list[0].CheckedInAt == nil || !list[0].CheckedInAt.Equal(in) ||
			list[1].CheckedInAt != nil || list[2].CheckedInAt != nil || list[2].Status != booking.StatusNoShow {
			t.Fatalf("times only = %+v", list)
		}
	})
}
