package data_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

func open(t *testing.T, path string) *data.DB {
	t.Helper()
	db, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestMigrateTwice: reopening applies nothing again and keeps the data.
func TestMigrateTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db := open(t, path)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx booking.Tx) error {
		return tx.PutRoom(booking.Room{ID: "library", Name: "图书室", NameEN: "Library", Capacity: 20})
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = open(t, path)
	files, err := filepath.Glob("sqlite/migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("migration files: %v %v", files, err)
	}
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM migrations`).Scan(&n); err != nil || n != len(files) {
		t.Fatalf("migrations = %d, want %d: %v", n, len(files), err)
	}
	var rooms []booking.Room
	if err := db.View(ctx, func(tx booking.Tx) (err error) { rooms, err = tx.Rooms(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(rooms) != 1 || rooms[0].Equipment == nil {
		t.Fatalf("rooms = %+v", rooms)
	}
}

// TestErrorsTranslated: driver errors reach the domain as coded errors,
// and a failed Update leaves nothing behind.
func TestErrorsTranslated(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "e.db"))
	ctx := context.Background()
	u := &booking.User{ID: "u1", Username: "Alice", Name: "A", Role: booking.RoleResident, PasswordHash: "x", CreatedAt: time.Now()}
	if err := db.Update(ctx, func(tx booking.Tx) error { return tx.InsertUser(u) }); err != nil {
		t.Fatal(err)
	}
	err := db.Update(ctx, func(tx booking.Tx) error {
		if err := tx.PutRoom(booking.Room{ID: "music", Name: "器乐室", NameEN: "Music", Capacity: 5}); err != nil {
			return err
		}
		return tx.InsertUser(&booking.User{ID: "u2", Username: "alice", Name: "B", Role: booking.RoleResident, PasswordHash: "x"})
	})
	if booking.ErrorCode(err) != booking.ECONFLICT {
		t.Fatalf("duplicate username (any case): %v", err)
	}
	err = db.View(ctx, func(tx booking.Tx) error { _, err := tx.Room("music"); return err })
	if booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("rolled-back room is visible: %v", err)
	}
	err = db.View(ctx, func(tx booking.Tx) error { _, err := tx.UserByID("nobody"); return err })
	if booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("missing user: %v", err)
	}
}

// TestBookingsOverlapScan: the bounded scan finds exactly the overlapping
// bookings, including one that started up to MaxDuration before.
func TestBookingsOverlapScan(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "o.db"))
	ctx := context.Background()
	base := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	mk := func(id string, startH, hours int) booking.Booking {
		s := base.Add(time.Duration(startH) * time.Hour)
		return booking.Booking{ID: id, Room: "r", Start: s, End: s.Add(time.Duration(hours) * time.Hour), Title: id,
			Attendees: 1, Status: booking.StatusConfirmed, UserID: "u", CreatedAt: base}
	}
	err := db.Update(ctx, func(tx booking.Tx) error {
		if err := tx.PutRoom(booking.Room{ID: "r", Name: "R", NameEN: "R", Capacity: 5}); err != nil {
			return err
		}
		if err := tx.InsertUser(&booking.User{ID: "u", Username: "uuu", Name: "U", Role: booking.RoleResident, PasswordHash: "x"}); err != nil {
			return err
		}
		for _, b := range []booking.Booking{mk("long", -23, 24), mk("before", 8, 2), mk("touching", 10, 1),
			mk("inside", 12, 1), mk("after", 14, 1), mk("old", -30, 2)} {
			if err := tx.InsertBooking(&b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []booking.Booking
	if err := db.View(ctx, func(tx booking.Tx) (err error) {
		got, err = tx.Bookings(booking.BookingFilter{Room: "r", From: base.Add(-1 * time.Hour), To: base.Add(10 * time.Hour), Holding: true})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range got {
		ids = append(ids, b.ID)
	}
	if len(ids) != 2 || ids[0] != "long" || ids[1] != "before" {
		t.Fatalf("overlapping = %v, want [long before]", ids)
	}
	// TimesOnly gives the same bookings, in start order, with their times.
	var slim []booking.Booking
	if err := db.View(ctx, func(tx booking.Tx) (err error) {
		slim, err = tx.Bookings(booking.BookingFilter{Room: "r", From: base.Add(-1 * time.Hour), Holding: true, TimesOnly: true})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{"long", "before", "touching", "inside", "after"}
	if len(slim) != len(want) {
		t.Fatalf("times only: %+v", slim)
	}
	for i, b := range slim {
		if b.ID != want[i] || b.Room != "r" || b.Status != booking.StatusConfirmed || !b.End.After(b.Start) || b.CreatedAt.IsZero() {
			t.Fatalf("times only [%d] = %+v, want %s", i, b, want[i])
		}
	}
}
