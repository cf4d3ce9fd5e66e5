package booking_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
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

// TestUtilizationQuietDST: the report's quiet hours are the booking
// rule's, in the hours daylight saving repeats and skips (Berlin). On
// Sunday 25 October 2026 (25 hours) the library quiet 02:00-03:00 is
// quiet twice, both readings of the repeated hour: 23 open hours, none in
// the (Sunday, 02) cell. On Sunday 29 March 2026 (23 hours) a window
// 02:30-03:30 starts in the skipped hour: only 03:00-03:30 CEST reads
// inside it, so 22.5 open hours, half an hour in the (Sunday, 03) cell.
// The rule refuses and allows bookings accordingly, and minute by
// minute the rule's arithmetic (QuietOverlap) gives every cell's open
// time and the day's.
func TestUtilizationQuietDST(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	utc := func(m time.Month, d, hh, mm int) time.Time { return time.Date(2026, m, d, hh, mm, 0, 0, time.UTC) }
	m := time.Minute
	type span struct{ from, to time.Time }
	for _, tc := range []struct {
		name      string
		window    booking.QuietWindow
		day       time.Time // 00:00 Berlin
		dayLength time.Duration
		open      time.Duration
		cells     map[int]time.Duration // Sunday's hour: open time
		refused   []span                // bookings the rule refuses as quiet_hours
		allowed   []span
	}{
		// A booking that starts or ends in the repeated hour is refused as
		// ambiguous anyway, so the rule's refusal is seen on one spanning
		// it: 01:30 CEST to 03:30 CET, three real hours.
		{"autumn", booking.QuietWindow{Start: "02:00", End: "03:00"}, time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), 25 * h, 23 * h,
			map[int]time.Duration{1: h, 2: 0, 3: h},
			[]span{{utc(10, 24, 23, 30), utc(10, 25, 2, 30)}},
			[]span{{utc(10, 24, 23, 0), utc(10, 24, 23, 30)}, {utc(10, 25, 2, 0), utc(10, 25, 2, 30)}}}, // 01:00 CEST, 03:00 CET
		{"spring", booking.QuietWindow{Start: "02:30", End: "03:30"}, time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), 23 * h, 22*h + 30*m,
			map[int]time.Duration{1: h, 2: 0, 3: 30 * m},
			[]span{{utc(3, 29, 1, 0), utc(3, 29, 1, 30)}, {utc(3, 29, 0, 30), utc(3, 29, 1, 15)}}, // 03:00 CEST; 01:30 CET to 03:15 CEST
			[]span{{utc(3, 29, 0, 30), utc(3, 29, 1, 0)}, {utc(3, 29, 1, 30), utc(3, 29, 2, 0)}}}, // 01:30 CET to 03:00 CEST; 03:30 CEST
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc, _, admin := reportClockService(t, berlin, tc.day.AddDate(0, 0, -3))
			ctx := context.Background()
			ws := []booking.QuietWindow{tc.window}
			if _, err := svc.PatchRoom(ctx, admin, "library", booking.RoomPatch{Rules: &booking.RulesPatch{QuietHours: &ws}}); err != nil {
				t.Fatal(err)
			}
			for _, b := range tc.refused {
				err := svc.CheckBooking(ctx, admin, booking.NewBooking{Room: "library", Start: b.from, End: b.to, Attendees: 1})
				if got := policyRule(err); !strings.HasPrefix(got, "policy/quiet_hours/") {
					t.Errorf("the rule on %v-%v: %v, want quiet_hours", b.from.In(berlin), b.to.In(berlin), err)
				}
			}
			for _, b := range tc.allowed {
				if err := svc.CheckBooking(ctx, admin, booking.NewBooking{Room: "library", Start: b.from, End: b.to, Attendees: 1}); err != nil {
					t.Errorf("the rule refuses %v-%v: %v", b.from.In(berlin), b.to.In(berlin), err)
				}
			}
			next := tc.day.AddDate(0, 0, 1)
			if next.Sub(tc.day) != tc.dayLength {
				t.Fatalf("the day has %v", next.Sub(tc.day))
			}
			rooms := report(t, svc, admin, tc.day, next, "")
			wantFigures(t, "library", rowOf(t, rooms, "library").Figures, booking.Figures{Open: tc.open})
			cells := report(t, svc, admin, tc.day, next, booking.GroupHour)
			for hour, open := range tc.cells {
				wantFigures(t, fmt.Sprintf("library (Sunday, %02d)", hour), cell(t, cells, "library", 7, hour).Figures, booking.Figures{Open: open})
			}
			// Minute by minute, the rule's arithmetic says each cell's open time.
			want := map[[2]int]time.Duration{}
			var total time.Duration
			for x := tc.day; x.Before(next); x = x.Add(m) {
				if !booking.QuietOverlap(ws, x, x.Add(m), berlin) {
					lt := x.In(berlin)
					want[[2]int{(int(lt.Weekday())+6)%7 + 1, lt.Hour()}] += m
					total += m
				}
			}
			if total != tc.open {
				t.Errorf("the rule's open minutes add up to %v, want %v", total, tc.open)
			}
			for _, r := range cells.Rows {
				if r.Room == "library" && r.Open != want[[2]int{r.Weekday, r.Hour}] {
					t.Errorf("cell (%d, %02d): open %v, the rule says %v", r.Weekday, r.Hour, r.Open, want[[2]int{r.Weekday, r.Hour}])
				}
			}
		})
	}
}
