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

// Regression tests for the utilisation report from the reviews of issue
// 10: a no-show's released time counted twice, and quiet hours over the
// hours daylight saving repeats or skips.

// reportClockService is a service over a new SQLite file in zone with the rooms
// of the "none" seed, its clock the returned testClock (at now), and the
// admin.
func reportClockService(t *testing.T, loc *time.Location, now time.Time) (*booking.Service, *testClock, *booking.User) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "report.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &testClock{t: now}
	svc := booking.New(booking.Config{Store: db, Loc: loc, Now: clk.now, PasswordCost: bcrypt.MinCost})
	seed, err := data.Seed("none")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, "test-admin-pass"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		t.Fatal(err)
	}
	return svc, clk, sess.User
}

// resident makes a resident named name.
func resident(t *testing.T, svc *booking.Service, admin *booking.User, name string) *booking.User {
	t.Helper()
	u, err := svc.CreateUser(context.Background(), admin, booking.NewUser{Username: name, Password: "secret-pass", Name: name, Role: booking.RoleResident})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// bookedWithinOpen fails for every row or cell of u whose booked time
// exceeds its open time: no room can be used longer than it is open, so
// a share over 100 % means something is counted twice.
func bookedWithinOpen(t *testing.T, u *booking.Utilization) {
	t.Helper()
	for _, r := range u.Rows {
		if r.Booked > r.Open {
			t.Errorf("%s row %s/%s weekday %d hour %d: booked %v > open %v", u.Group, r.Room, r.Team, r.Weekday, r.Hour, r.Booked, r.Open)
		}
	}
}

// TestUtilizationNoShowReleased: alice books the activity room 11:00-13:00
// and never comes; at 11:15 she is a no-show and the rest of her time is
// released; at 11:20 bob books 11:30-13:00 (and comes). Alice's booked time is only
// the 15 minutes she held (11:00-11:15), her no-show time the whole 2 h
// she reserved and did not use; so 1 h 45 min is booked in the room, and
// booked never exceeds open, in the day's rows and cells and in a span of
// exactly 11:00-13:00.
func TestUtilizationNoShowReleased(t *testing.T) {
	at := func(hh, mm int) time.Time { return time.Date(2026, 11, 28, hh, mm, 0, 0, shanghai) }
	svc, clk, admin := reportClockService(t, shanghai, at(10, 0))
	ctx := context.Background()
	alice, bob := resident(t, svc, admin, "alice"), resident(t, svc, admin, "bob")
	if _, err := svc.CreateBooking(ctx, alice, booking.NewBooking{Room: "activity", Start: at(11, 0), End: at(13, 0), Title: "乒乓", Attendees: 2}); err != nil {
		t.Fatal(err)
	}
	clk.set(at(11, 20))
	b, err := svc.CreateBooking(ctx, bob, booking.NewBooking{Room: "activity", Start: at(11, 30), End: at(13, 0), Title: "排练", Attendees: 2})
	if err != nil {
		t.Fatalf("bob books the released time: %v", err)
	}
	m := time.Minute
	for _, when := range []time.Time{at(11, 20), at(11, 35), at(14, 0)} { // before bob comes, once he has, and after
		clk.set(when)
		in := 0 * m
		if when.After(at(11, 30)) {
			in = 90 * m
			if _, err := svc.CheckIn(ctx, bob, b.ID); err != nil {
				t.Fatal(err)
			}
		}
		day := report(t, svc, admin, at(0, 0), at(0, 0).AddDate(0, 0, 1), "")
		wantFigures(t, "activity", rowOf(t, day, "activity").Figures, booking.Figures{Booked: 105 * m, CheckedIn: in, NoShow: 2 * h, Open: 24 * h})
		teams := report(t, svc, admin, at(0, 0), at(0, 0).AddDate(0, 0, 1), booking.GroupTeam)
		if r := rowOf(t, teams, ""); r.Booked != 105*m || r.NoShow != 2*h {
			t.Errorf("one-off row: booked %v, no-show %v; want 1h45m, 2h", r.Booked, r.NoShow)
		}
		cells := report(t, svc, admin, at(0, 0), at(0, 0).AddDate(0, 0, 1), booking.GroupHour)
		wantFigures(t, "activity Sat 11", cell(t, cells, "activity", 6, 11).Figures, booking.Figures{Booked: 45 * m, CheckedIn: in / 3, NoShow: h, Open: h})
		wantFigures(t, "activity Sat 12", cell(t, cells, "activity", 6, 12).Figures, booking.Figures{Booked: h, CheckedIn: in * 2 / 3, NoShow: h, Open: h})
		span := report(t, svc, admin, at(11, 0), at(13, 0), "")
		wantFigures(t, "activity 11-13", rowOf(t, span, "activity").Figures, booking.Figures{Booked: 105 * m, CheckedIn: in, NoShow: 2 * h, Open: 2 * h})
		// A span starting after the deadline gets none of alice's booked
		// time, but still the no-show time inside it.
		late := report(t, svc, admin, at(11, 30), at(13, 0), "")
		wantFigures(t, "activity 11:30-13", rowOf(t, late, "activity").Figures, booking.Figures{Booked: 90 * m, CheckedIn: in, NoShow: 90 * m, Open: 90 * m})
		for _, u := range []*booking.Utilization{day, cells, span, late} {
			bookedWithinOpen(t, u)
		}
	}
}
