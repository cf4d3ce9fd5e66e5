package data_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestMigrateTwice: reopening applies nothing again and keeps the data;
// every migration file of the kind (data/<kind>/migrations) is recorded.
func TestMigrateTwice(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		update(t, db, func(tx booking.Tx) error {
			return tx.PutRoom(booking.Room{ID: "library", Name: "图书室", NameEN: "Library", Capacity: 20})
		})
		db.Close()
		db = open(t, db.Addr)
		files, err := filepath.Glob(db.Kind() + "/migrations/*.sql")
		if err != nil || len(files) == 0 {
			t.Fatalf("migration files: %v %v", files, err)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM migrations`).Scan(&n); err != nil || n != len(files) {
			t.Fatalf("migrations = %d, want %d: %v", n, len(files), err)
		}
		var rooms []booking.Room
		view(t, db, func(tx booking.Tx) (err error) { rooms, err = tx.Rooms(); return err })
		if len(rooms) != 1 || rooms[0].Equipment == nil {
			t.Fatalf("rooms = %+v", rooms)
		}
	})
}

// TestBookingsOverlapScan: the bounded scan finds exactly the overlapping
// bookings, including one that started up to MaxDuration before.
func TestBookingsOverlapScan(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		c := booking.StatusConfirmed
		update(t, db, func(tx booking.Tx) error {
			for _, b := range []*booking.Booking{bk("long", "r", -23, 24, c), bk("before", "r", 8, 2, c), bk("touching", "r", 10, 1, c),
				bk("inside", "r", 12, 1, c), bk("after", "r", 14, 1, c), bk("old", "r", -30, 2, c)} {
				if err := tx.InsertBooking(b); err != nil {
					return err
				}
			}
			return nil
		})
		var got []booking.Booking
		view(t, db, func(tx booking.Tx) (err error) {
			got, err = tx.Bookings(booking.BookingFilter{Room: "r", From: day0.Add(-1 * time.Hour), To: day0.Add(10 * time.Hour), Holding: true})
			return err
		})
		if ids := bookingIDs(got); len(ids) != 2 || ids[0] != "long" || ids[1] != "before" {
			t.Fatalf("overlapping = %v, want [long before]", ids)
		}
		// TimesOnly gives the same bookings, in start order, with their times.
		var slim []booking.Booking
		view(t, db, func(tx booking.Tx) (err error) {
			slim, err = tx.Bookings(booking.BookingFilter{Room: "r", From: day0.Add(-1 * time.Hour), Holding: true, TimesOnly: true})
			return err
		})
		want := []string{"long", "before", "touching", "inside", "after"}
		if len(slim) != len(want) {
			t.Fatalf("times only: %+v", slim)
		}
		for i, b := range slim {
			if b.ID != want[i] || b.Room != "r" || b.Status != booking.StatusConfirmed || !b.End.After(b.Start) || b.CreatedAt.IsZero() {
				t.Fatalf("times only [%d] = %+v, want %s", i, b, want[i])
			}
		}
	})
}

// TestBookingsTiesByID: bookings that start at the same time list by id
// (by start, then id), whatever order they were written in, so that both
// stores, and a store and its copy (Copy writes rows in id order), give
// the same list; TimesOnly too; LatestFirst is the reverse.
func TestBookingsTiesByID(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		c := booking.StatusConfirmed
		update(t, db, func(tx booking.Tx) error {
			for _, b := range []*booking.Booking{bk("z", "r", 9, 1, c), bk("m", "r2", 9, 2, booking.StatusCancelled), bk("a", "r2", 9, 1, c), bk("first", "r", 8, 1, c)} {
				if err := tx.InsertBooking(b); err != nil {
					return err
				}
			}
			return nil
		})
		want := []string{"first", "a", "m", "z"}
		view(t, db, func(tx booking.Tx) error {
			for _, f := range []booking.BookingFilter{{}, {TimesOnly: true}, {From: day0, To: day0.Add(24 * time.Hour)},
				{Windows: []booking.Window{{From: day0, To: day0.Add(24 * time.Hour)}}}} {
				bs, err := tx.Bookings(f)
				if err != nil {
					return err
				}
				if got := bookingIDs(bs); !slices.Equal(got, want) {
					t.Errorf("Bookings(%+v) = %v, want %v", f, got, want)
				}
			}
			bs, err := tx.Bookings(booking.BookingFilter{LatestFirst: true})
			if got := bookingIDs(bs); !slices.Equal(got, []string{"z", "m", "a", "first"}) {
				t.Errorf("latest first = %v", got)
			}
			return err
		})
	})
}
