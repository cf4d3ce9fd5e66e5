package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// The checks the end-to-end tests run on a database file after the binary
// stopped. Each read fails the test on error: a broken query must not pass
// as "nothing found".

// overlapQuery counts pairs of bookings of one room that hold their slot
// (confirmed, or pending: waiting for approval) whose half-open intervals
// overlap.
const overlapQuery = `SELECT count(*) FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
	AND a.start_at < b.end_at AND b.start_at < a.end_at WHERE a.status IN ('confirmed', 'pending') AND b.status IN ('confirmed', 'pending')`

// confirmedOverlaps runs overlapQuery.
func confirmedOverlaps(ctx context.Context, db *data.DB) (int, error) {
	var n int
	err := db.QueryRow(ctx, overlapQuery).Scan(&n)
	return n, err
}

// dropOverlapTriggers removes the store's own overlap guard from the file.
func dropOverlapTriggers(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, name := range []string{"bookings_no_overlap_insert", "bookings_no_overlap_update"} {
		if _, err := raw.Exec("DROP TRIGGER " + name); err != nil {
			t.Fatal(err)
		}
	}
}

// countRows runs a count query and fails the test if it cannot.
func countRows(t *testing.T, db *data.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestOverlapCheckFindsOverlaps shows the crash test's overlap check can
// fail: on a file holding two overlapping confirmed bookings, written
// directly past the service's own check, it counts exactly that pair, and
// not touching, cancelled or other-room neighbours. On a closed database it
// answers an error, which the crash test turns into a failure. The store
// itself now refuses such a pair (the bookings_no_overlap triggers), so
// the test drops them first: the check must still see what a defective
// store would leave.
func TestOverlapCheckFindsOverlaps(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "overlap.db")
	db, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	dropOverlapTriggers(t, path)
	day := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	mk := func(id, room string, fromH, toH float64, status string) *booking.Booking {
		s, e := day.Add(time.Duration(fromH*60)*time.Minute), day.Add(time.Duration(toH*60)*time.Minute)
		return &booking.Booking{ID: id, Room: room, Start: s, End: e, Title: id, Attendees: 1, Status: status, UserID: "u", CreatedAt: day}
	}
	err = db.Update(ctx, func(tx booking.Tx) error {
		for _, r := range []string{"music", "library"} {
			if err := tx.PutRoom(booking.Room{ID: r, Name: r, NameEN: r, Capacity: 5}); err != nil {
				return err
			}
		}
		if err := tx.InsertUser(&booking.User{ID: "u", Username: "overlap", Name: "U", Role: booking.RoleResident, PasswordHash: "x"}); err != nil {
			return err
		}
		for _, b := range []*booking.Booking{
			mk("a", "music", 0, 1, booking.StatusConfirmed),
			mk("b", "music", 0.5, 1.5, booking.StatusConfirmed),   // overlaps a: the one pair
			mk("c", "music", 1.5, 2, booking.StatusConfirmed),     // starts as b ends (half-open)
			mk("f", "music", -0.5, 0, booking.StatusConfirmed),    // ends as a starts
			mk("d", "music", 0, 2, booking.StatusCancelled),       // cancelled: occupies nothing
			mk("e", "library", 0.5, 1.5, booking.StatusConfirmed), // same time, other room
		} {
			if err := tx.InsertBooking(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := confirmedOverlaps(ctx, db); err != nil || n != 1 {
		t.Fatalf("confirmedOverlaps = %d, %v; want the one pair a/b", n, err)
	}
	db.Close()
	if _, err := confirmedOverlaps(ctx, db); err == nil {
		t.Fatal("the overlap check on a closed database reported no error")
	}
}
