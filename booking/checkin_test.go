package booking_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// set puts the test clock at t.
func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// ciAt is a time on the test clock's first day (2026-11-28, Shanghai).
func ciAt(hh, mm, ss int) time.Time { return time.Date(2026, 11, 28, hh, mm, ss, 0, shanghai) }

// ciBook makes a booking of an hour in the library from start, failing the test on error.
func ciBook(t *testing.T, svc *booking.Service, u *booking.User, start time.Time) *booking.Booking {
	t.Helper()
	b, err := svc.CreateBooking(context.Background(), u, booking.NewBooking{Room: "library", Start: start,
		End: start.Add(time.Hour), Attendees: 1})
	if err != nil {
		t.Fatalf("book %v: %v", start, err)
	}
	return b
}

// ciWant fails unless err is a domain error with code and, if given, a
// message containing text.
func ciWant(t *testing.T, what string, err error, code, text string) {
	t.Helper()
	var e *booking.Error
	if !errors.As(err, &e) || e.Code != code || !strings.Contains(e.Message, text) {
		t.Errorf("%s: err = %v, want %s %q", what, err, code, text)
	}
}

// TestCheckInWindow: the owner checks in from 15 minutes before the start
// (exactly) to just before 15 minutes after it; at start+15 the window has
// closed and the booking is a no-show. Twice is the same answer. Staff may
// check in from 15 minutes before until the end (a booking they recorded
// late, which never goes missing); others 403, unknown 404, a cancelled
// booking 409.
func TestCheckInWindow(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident).User
	other := account(t, svc, admin, "lili", booking.RoleResident).User
	a, b, c := ciBook(t, svc, res, ciAt(11, 0, 0)), ciBook(t, svc, res, ciAt(12, 0, 0)), ciBook(t, svc, res, ciAt(13, 0, 0))

	clk.set(ciAt(10, 44, 59))
	_, err := svc.CheckIn(ctx, res, a.ID)
	ciWant(t, "a second early", err, booking.ECONFLICT, "you can check in from 15 minutes before to 15 minutes after the start")
	_, err = svc.CheckIn(ctx, admin, a.ID)
	ciWant(t, "staff a second early", err, booking.ECONFLICT, "staff can check in from 15 minutes before the start until the end")
	_, err = svc.CheckIn(ctx, other, a.ID)
	ciWant(t, "someone else", err, booking.EFORBIDDEN, "")
	_, err = svc.CheckIn(ctx, res, "nope")
	ciWant(t, "unknown", err, booking.ENOTFOUND, "")

	clk.set(ciAt(10, 45, 0))
	got, err := svc.CheckIn(ctx, res, a.ID)
	if err != nil || got.CheckedInAt == nil || !got.CheckedInAt.Equal(ciAt(10, 45, 0)) || got.Status != booking.StatusConfirmed {
		t.Fatalf("at -15 min: %+v, %v", got, err)
	}
	clk.set(ciAt(11, 30, 0)) // after the owner's window: checking in again changes nothing
	if again, err := svc.CheckIn(ctx, res, a.ID); err != nil || !again.CheckedInAt.Equal(ciAt(10, 45, 0)) {
		t.Fatalf("twice: %+v, %v", again, err)
	}
	if got, _ := svc.Booking(ctx, res, a.ID); got.Status != booking.StatusConfirmed || got.CheckedInAt == nil {
		t.Errorf("checked in, after the deadline: %+v", got)
	}

	clk.set(ciAt(12, 14, 59))
	if got, err := svc.CheckIn(ctx, res, b.ID); err != nil || !got.CheckedInAt.Equal(ciAt(12, 14, 59)) {
		t.Fatalf("a second before +15 min: %+v, %v", got, err)
	}

	clk.set(ciAt(13, 15, 0))
	_, err = svc.CheckIn(ctx, res, c.ID)
	ciWant(t, "owner at +15 min", err, booking.ECONFLICT, "no-show")
	_, err = svc.CheckIn(ctx, admin, c.ID)
	ciWant(t, "staff after the deadline", err, booking.ECONFLICT, "no-show")

	// Staff record a use that has begun, and check it in outside the owner's window.
	clk.set(ciAt(14, 20, 0))
	late := ciBook(t, svc, admin, ciAt(14, 0, 0))
	clk.set(ciAt(14, 59, 59))
	if got, err := svc.CheckIn(ctx, admin, late.ID); err != nil || got.CheckedInAt == nil {
		t.Fatalf("staff at +59 min: %+v, %v", got, err)
	}
	clk.set(ciAt(15, 20, 0))
	late2 := ciBook(t, svc, admin, ciAt(15, 0, 0))
	clk.set(ciAt(16, 0, 0))
	_, err = svc.CheckIn(ctx, admin, late2.ID)
	ciWant(t, "staff at the end", err, booking.ECONFLICT, "until the end")

	d := ciBook(t, svc, res, ciAt(17, 0, 0))
	if err := svc.CancelBooking(ctx, res, d.ID); err != nil {
		t.Fatal(err)
	}
	clk.set(ciAt(16, 50, 0))
	_, err = svc.CheckIn(ctx, res, d.ID)
	ciWant(t, "cancelled", err, booking.ECONFLICT, "cancelled")
}

// TestNoShowAtDeadline: at start+15 min exactly, with nothing run in
// between, a booking not checked in reads no_show everywhere (GET, my
// bookings, occurrences, the room feed and its stamp), and the rest of
// its time can be booked at once; a second earlier it still holds. The
// booking of the rest stores the no_show (checkin_hold.go), so the sweep
// finds nothing left.
func TestNoShowAtDeadline(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident).User
	other := account(t, svc, admin, "lili", booking.RoleResident).User
	b, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "library", Start: ciAt(11, 0, 0), End: ciAt(13, 0, 0), Attendees: 1})
	if err != nil {
		t.Fatal(err)
	}
	rest := booking.NewBooking{Room: "library", Start: ciAt(11, 15, 0), End: ciAt(13, 0, 0), Attendees: 1}
	q := booking.OccurrenceQuery{Room: "library", From: ciAt(0, 0, 0), To: ciAt(23, 0, 0)}
	state := func() (status string, listed string, occ int, feed int) {
		got, err := svc.Booking(ctx, res, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		mine, err := svc.Bookings(ctx, res, false, 10)
		if err != nil || len(mine) != 1 {
			t.Fatalf("my bookings: %v %v", mine, err)
		}
		list, err := svc.Occurrences(ctx, admin, q)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := svc.Feed(ctx, booking.FeedRoom, "library")
		if err != nil {
			t.Fatal(err)
		}
		return got.Status, mine[0].Status, len(list), len(cal.Events)
	}
	clk.set(ciAt(11, 14, 59))
	stamp, feedStamp := svc.OccurrencesStamp(context.Background(), q), ciStamp(svc.PublicFeedStamp(context.Background(), booking.FeedRoom, "library"))
	if s, l, o, f := state(); s != booking.StatusConfirmed || l != s || o != 1 || f != 1 {
		t.Fatalf("a second before: %s %s %d %d", s, l, o, f)
	}
	rest.Start = ciAt(11, 14, 59)
	ciWant(t, "the rest, a second early", svc.CheckBooking(ctx, other, rest), booking.ECONFLICT, "")

	clk.set(ciAt(11, 15, 0))
	if s, l, o, f := state(); s != booking.StatusNoShow || l != s || o != 0 || f != 0 {
		t.Fatalf("at the deadline: %s %s %d %d", s, l, o, f)
	}
	if svc.OccurrencesStamp(context.Background(), q) == stamp || ciStamp(svc.PublicFeedStamp(context.Background(), booking.FeedRoom, "library")) == feedStamp {
		t.Error("stamps did not move at the deadline: cached listings and feeds would keep the no-show")
	}
	rest.Start = ciAt(11, 15, 0)
	if _, err := svc.CreateBooking(ctx, other, rest); err != nil {
		t.Fatalf("released time: %v", err)
	}
	if n, _, err := svc.SweepNoShows(ctx, time.Time{}); err != nil || n != 0 {
		t.Fatalf("sweep after the rest was booked: %d %v", n, err)
	}
	if s, _, _, _ := state(); s != booking.StatusNoShow {
		t.Errorf("after the sweep: %s", s)
	}
}

func ciStamp(s string, ok bool) string {
	if !ok {
		panic("no stamp")
	}
	return s
}

// TestStoredNoShow: the sweep writes no_show into the store itself (read
// here past the service), from the start it is given on.
func TestStoredNoShow(t *testing.T) {
	db, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "sweep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &testClock{t: ciAt(10, 0, 0)}
	svc := booking.New(booking.Config{Store: db, Loc: shanghai, Now: clk.now, PasswordCost: bcrypt.MinCost})
	ctx := context.Background()
	creds, err := svc.Bootstrap(ctx, ciMust(data.Seed("none")), "test-admin-pass")
	if err != nil || len(creds) == 0 {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		t.Fatal(err)
	}
	b, c := ciBook(t, svc, sess.User, ciAt(11, 0, 0)), ciBook(t, svc, sess.User, ciAt(12, 0, 0))
	stored := func(id string) string {
		var st string
		if err := db.View(ctx, func(tx booking.Tx) error {
			got, err := tx.Booking(id)
			st = got.Status
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return st
	}
	clk.set(ciAt(12, 15, 0))
	if n, next, err := svc.SweepNoShows(ctx, ciAt(11, 0, 1)); err != nil || n != 1 || !next.Equal(ciAt(12, 0, 1)) {
		t.Fatalf("sweep from 11:00:01: %d %v %v", n, next, err)
	}
	if stored(b.ID) != booking.StatusConfirmed || stored(c.ID) != booking.StatusNoShow {
		t.Errorf("stored %s, %s: want only the second swept", stored(b.ID), stored(c.ID))
	}
	if n, _, err := svc.SweepNoShows(ctx, time.Time{}); err != nil || n != 1 || stored(b.ID) != booking.StatusNoShow {
		t.Errorf("sweep of all: %d %v %s", n, err, stored(b.ID))
	}
}

func ciMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestCreatedLateNeverNoShow: a booking staff record after its own
// check-in deadline stays confirmed, and the sweep leaves it.
func TestCreatedLateNeverNoShow(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	clk.set(ciAt(11, 30, 0))
	b := ciBook(t, svc, admin, ciAt(11, 0, 0))
	clk.set(ciAt(13, 0, 0))
	if n, _, err := svc.SweepNoShows(ctx, time.Time{}); err != nil || n != 0 {
		t.Fatalf("sweep: %d %v", n, err)
	}
	if got, err := svc.Booking(ctx, admin, b.ID); err != nil || got.Status != booking.StatusConfirmed {
		t.Errorf("recorded late: %+v %v", got, err)
	}
}
