package booking_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestBookingStoresFreedHolder: a booking that takes time freed by the
// clock (a confirmed booking not checked in by its deadline, a pending
// one not approved by then) first stores the clock's verdict on the one
// it overlaps, read here past the service, with the audit line the
// sweep would write (no actor); the sweep then finds nothing left.
func TestBookingStoresFreedHolder(t *testing.T) {
	tests := []struct {
		name, room, status, action string
	}{
		{"no-show", "library", booking.StatusNoShow, booking.AuditNoShow},
		{"lapsed request", "lecture", booking.StatusDeclined, booking.AuditLapse},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc, db, clk, admin := holdService(t)
			ctx := context.Background()
			res, err := svc.CreateUser(ctx, admin, booking.NewUser{Username: "wang", Password: "secret-pass", Name: "王"})
			if err != nil {
				t.Fatal(err)
			}
			clk.set(ciAt(9, 0, 0))
			first, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: tc.room, Start: ciAt(10, 0, 0), End: ciAt(12, 0, 0), Attendees: 1})
			if err != nil {
				t.Fatal(err)
			}
			clk.set(ciAt(10, 30, 0))
			if _, err := svc.CreateBooking(ctx, admin, booking.NewBooking{Room: tc.room, Start: ciAt(10, 30, 0), End: ciAt(11, 30, 0), Attendees: 1}); err != nil {
				t.Fatalf("a booking in the freed time: %v", err)
			}
			var stored *booking.Booking
			if err := db.View(ctx, func(tx booking.Tx) (err error) { stored, err = tx.Booking(first.ID); return err }); err != nil {
				t.Fatal(err)
			}
			if stored.Status != tc.status {
				t.Errorf("stored status of the freed booking: %s, want %s", stored.Status, tc.status)
			}
			lines, err := svc.Audit(ctx, admin, booking.AuditFilter{Entity: booking.AuditBooking, EntityID: first.ID, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			var got []string // newest first: action/actor
			for _, l := range lines {
				got = append(got, l.Action+"/"+l.ActorID)
			}
			if want := []string{tc.action + "/", booking.AuditCreate + "/" + res.ID}; !slices.Equal(got, want) {
				t.Errorf("audit of the freed booking: %q, want %q", got, want)
			}
			if n, _, err := svc.SweepNoShows(ctx, time.Time{}); err != nil || n != 0 {
				t.Errorf("the sweep after: %d %v, want nothing left", n, err)
			}
		})
	}
}

// holdService is a real service over a new file with the rooms seeded,
// on a clock the test moves; it returns the store itself too.
func holdService(t *testing.T) (*booking.Service, *data.DB, *testClock, *booking.User) {
	t.Helper()
	db := openDB(t, filepath.Join(t.TempDir(), "hold.db"))
	clk := &testClock{t: ciAt(8, 0, 0)}
	svc := booking.New(booking.Config{Store: db, Loc: shanghai, Now: clk.now, PasswordCost: bcrypt.MinCost})
	ctx := context.Background()
	if _, err := svc.Bootstrap(ctx, ciMust(data.Seed("none")), "test-admin-pass"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		t.Fatal(err)
	}
	return svc, db, clk, sess.User
}
