package booking_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

var shanghai = mustZone("Asia/Shanghai")

// mustZone loads an IANA zone or stops the test binary: every test needs it.
func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// openService is a real service over a new SQLite file in a temp folder,
// its clock fixed at 2026-11-28 10:00 in Shanghai.
func openService(tb testing.TB, name string) (*booking.Service, *data.DB) {
	tb.Helper()
	db, err := data.Open(context.Background(), filepath.Join(tb.TempDir(), name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)
	return booking.New(booking.Config{Store: db, Loc: shanghai, Now: func() time.Time { return now }, PasswordCost: bcrypt.MinCost}), db
}

// testService is openService seeded with kind ("none" or "demo"); it
// returns the admin.
func testService(tb testing.TB, kind string) (*booking.Service, *data.DB, *booking.User) {
	tb.Helper()
	ctx := context.Background()
	svc, db := openService(tb, kind+".db")
	seed, err := data.Seed(kind)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, "test-admin-pass"); err != nil {
		tb.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		tb.Fatal(err)
	}
	return svc, db, sess.User
}
