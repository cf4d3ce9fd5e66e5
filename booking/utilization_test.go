package booking_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// Hand-computed utilisation figures: what counts as booked, the part of a
// use inside the span and inside each wall-clock hour, quiet hours taking
// open time, a class skipped on a day off, and DST days of 23 and 25 hours.

const h = time.Hour

// putBooking stores a booking as it stands (status, check-in) directly,
// as the states of later work (no-show, check-in, closure) leave it.
func putBooking(t *testing.T, db *data.DB, owner *booking.User, room, status string, start, end time.Time, checkedIn bool) {
	t.Helper()
	b := &booking.Booking{ID: booking.NewID(start), Room: room, Start: start, End: end, Title: "b", Attendees: 1,
		Status: status, UserID: owner.ID, CreatedAt: start.Add(-48 * h)}
	if checkedIn {
		at := start
		b.CheckedInAt = &at
	}
	if err := db.Update(context.Background(), func(tx booking.Tx) error { return tx.InsertBooking(b) }); err != nil {
		t.Fatal(err)
	}
}

// report asks for a report and fails the test on an error.
func report(t *testing.T, svc *booking.Service, actor *booking.User, from, to time.Time, group string) *booking.Utilization {
	t.Helper()
	u, err := svc.Utilization(context.Background(), actor, booking.UtilizationQuery{From: from, To: to, Group: group})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// rowOf finds a row by room or team; cell finds an hour-of-week cell.
func rowOf(t *testing.T, u *booking.Utilization, key string) booking.UtilizationRow {
	t.Helper()
	for _, r := range u.Rows {
		if (u.Group == booking.GroupRoom && r.Room == key) || (u.Group == booking.GroupTeam && r.Team == key && !r.OneOff) ||
			(key == "" && r.OneOff) {
			return r
		}
	}
	t.Fatalf("no row %q in %+v", key, u.Rows)
	return booking.UtilizationRow{}
}

func cell(t *testing.T, u *booking.Utilization, room string, weekday, hour int) booking.UtilizationRow {
	t.Helper()
	for _, r := range u.Rows {
		if r.Room == room && r.Weekday == weekday && r.Hour == hour {
			return r
		}
	}
	t.Fatalf("no cell %s %d %d", room, weekday, hour)
	return booking.UtilizationRow{}
}

func wantFigures(t *testing.T, what string, got booking.Figures, want booking.Figures) {
	t.Helper()
	if got != want {
		t.Errorf("%s: booked %v, checked in %v, no-show %v, open %v; want %v, %v, %v, %v", what,
			got.Booked, got.CheckedIn, got.NoShow, got.Open, want.Booked, want.CheckedIn, want.NoShow, want.Open)
	}
}

// TestUtilizationCounts: two weeks in Shanghai, Monday 7 to Monday 21
// December 2026 (336 hours).
func TestUtilizationCounts(t *testing.T) {
	svc, db, admin := testService(t, "none")
	ctx := context.Background()
	day := func(d, hh, mm int) time.Time { return time.Date(2026, 12, d, hh, mm, 0, 0, shanghai) }
	// Library: across midnight and an hour boundary, checked in (1.75 h);
	// a no-show (1 h reserved, booked only until its check-in deadline,
	// 15 min, when the rest was released); one partly past the span's end (1 h of 3 inside);
	// and what does not count: cancelled, pending, declined, closed.
	putBooking(t, db, admin, "library", booking.StatusConfirmed, day(7, 23, 30), day(8, 1, 15), true)
	putBooking(t, db, admin, "library", booking.StatusNoShow, day(9, 10, 0), day(9, 11, 0), false)
	putBooking(t, db, admin, "library", booking.StatusConfirmed, day(20, 23, 0), day(21, 2, 0), false)
	putBooking(t, db, admin, "library", booking.StatusCancelled, day(10, 10, 0), day(10, 12, 0), false)
	putBooking(t, db, admin, "library", booking.StatusPending, day(11, 10, 0), day(11, 11, 0), false)
	putBooking(t, db, admin, "library", booking.StatusDeclined, day(11, 12, 0), day(11, 13, 0), false)
	putBooking(t, db, admin, "library", booking.StatusCancelledByClosure, day(12, 12, 0), day(12, 13, 0), false)
	// Calligraphy: a weekly Tuesday class 14:00-16:00 skipping days off;
	// Tuesday 8 December is made one, so only the 15th takes place.
	if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: "choir", Name: "明珠合唱队", NameEN: "Mingzhu Choir"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "calligraphy", Title: "课",
		RRule: "FREQ=WEEKLY;BYDAY=TU", Start: day(1, 14, 0), End: day(1, 16, 0), SkipHolidays: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-12-08", Name: "社区日", Work: false}); err != nil {
		t.Fatal(err)
	}
	from, to := day(7, 0, 0), day(21, 0, 0)

	rooms := report(t, svc, admin, from, to, "")
	if rooms.Group != booking.GroupRoom || len(rooms.Rows) != 5 {
		t.Fatalf("group %q, %d rows", rooms.Group, len(rooms.Rows))
	}
	wantFigures(t, "library", rowOf(t, rooms, "library").Figures, booking.Figures{Booked: 3 * h,
		CheckedIn: h + 45*time.Minute, NoShow: h, Open: 336 * h})
	wantFigures(t, "calligraphy", rowOf(t, rooms, "calligraphy").Figures, booking.Figures{Booked: 2 * h, Open: 336 * h})
	// Music: quiet 22:00-07:00 daily; the span opens inside Sunday's
	// window (7 h on Monday 7th) and ends inside Sunday 20th's (2 h):
	// 7 + 13×9 + 2 = 126 quiet hours.
	wantFigures(t, "music", rowOf(t, rooms, "music").Figures, booking.Figures{Open: 210 * h})
	if got, want := rowOf(t, rooms, "library").Share(), 3.0/336; got != want {
		t.Errorf("library share %v, want %v", got, want)
	}

	teams := report(t, svc, admin, from, to, booking.GroupTeam)
	centre := (4*336 + 210) * h
	choir := rowOf(t, teams, "choir")
	wantFigures(t, "choir", choir.Figures, booking.Figures{Booked: 2 * h, Open: centre})
	if choir.Classes != 1 {
		t.Errorf("choir classes %d, want 1 (the 8th is a day off)", choir.Classes)
	}
	oneOff := rowOf(t, teams, "")
	wantFigures(t, "one-off", oneOff.Figures, booking.Figures{Booked: 3 * h, CheckedIn: h + 45*time.Minute, NoShow: h, Open: centre})
	if last := teams.Rows[len(teams.Rows)-1]; !last.OneOff || last.Name != "单次预约" {
		t.Errorf("last team row %+v, want the one-off bookings", last)
	}

	hours := report(t, svc, admin, from, to, booking.GroupHour)
	if len(hours.Rows) != 5*168 {
		t.Fatalf("%d cells", len(hours.Rows))
	}
	half, quarter := 30*time.Minute, 15*time.Minute
	wantFigures(t, "library Mon 23", cell(t, hours, "library", 1, 23).Figures, booking.Figures{Booked: half, CheckedIn: half, Open: 2 * h})
	wantFigures(t, "library Tue 0", cell(t, hours, "library", 2, 0).Figures, booking.Figures{Booked: h, CheckedIn: h, Open: 2 * h})
	wantFigures(t, "library Tue 1", cell(t, hours, "library", 2, 1).Figures, booking.Figures{Booked: quarter, CheckedIn: quarter, Open: 2 * h})
	wantFigures(t, "library Wed 10", cell(t, hours, "library", 3, 10).Figures, booking.Figures{Booked: quarter, NoShow: h, Open: 2 * h})
	wantFigures(t, "library Sun 23", cell(t, hours, "library", 7, 23).Figures, booking.Figures{Booked: h, Open: 2 * h})
	wantFigures(t, "library Mon 0", cell(t, hours, "library", 1, 0).Figures, booking.Figures{Open: 2 * h})
	wantFigures(t, "library Thu 10", cell(t, hours, "library", 4, 10).Figures, booking.Figures{Open: 2 * h})
	wantFigures(t, "calligraphy Tue 14", cell(t, hours, "calligraphy", 2, 14).Figures, booking.Figures{Booked: h, Open: 2 * h})
	wantFigures(t, "music Mon 6", cell(t, hours, "music", 1, 6).Figures, booking.Figures{})
	wantFigures(t, "music Mon 7", cell(t, hours, "music", 1, 7).Figures, booking.Figures{Open: 2 * h})
	var booked, open time.Duration
	for _, r := range hours.Rows {
		booked, open = booked+r.Booked, open+r.Open
	}
	if booked != 5*h || open != centre {
		t.Errorf("cells add up to %v booked, %v open; want 5h, %v", booked, open, centre)
	}
}

// berlinService is a service in Europe/Berlin with the rooms and admin.
func berlinService(t *testing.T) (*booking.Service, *data.DB, *booking.User) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "berlin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	berlin := mustZone("Europe/Berlin")
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, berlin)
	svc := booking.New(booking.Config{Store: db, Loc: berlin, Now: func() time.Time { return now }, PasswordCost: bcrypt.MinCost})
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
	return svc, db, sess.User
}

// TestUtilizationDST: Sunday 29 March 2026 has 23 hours in Berlin (02:00
// is skipped), Sunday 25 October 25 (02:00-03:00 comes twice); the hour
// cells get real time.
func TestUtilizationDST(t *testing.T) {
	svc, db, admin := berlinService(t)
	berlin := svc.Location()
	at := func(m time.Month, d, hh, mm int) time.Time { return time.Date(2026, m, d, hh, mm, 0, 0, berlin) }
	// 01:30 to 03:30 in spring is one real hour; in autumn (01:30 CEST to
	// 03:30 CET) three.
	putBooking(t, db, admin, "library", booking.StatusConfirmed, at(3, 29, 1, 30), at(3, 29, 3, 30), false)
	putBooking(t, db, admin, "library", booking.StatusConfirmed, at(10, 25, 1, 30), at(10, 25, 3, 30), false)

	spring := report(t, svc, admin, at(3, 29, 0, 0), at(3, 30, 0, 0), "")
	wantFigures(t, "spring library", rowOf(t, spring, "library").Figures, booking.Figures{Booked: h, Open: 23 * h})
	// Music's quiet hours 22:00-07:00: 00:00-07:00 is 6 real hours that
	// day, 22:00-24:00 two more.
	wantFigures(t, "spring music", rowOf(t, spring, "music").Figures, booking.Figures{Open: 15 * h})
	cells := report(t, svc, admin, at(3, 29, 0, 0), at(3, 30, 0, 0), booking.GroupHour)
	wantFigures(t, "spring 1", cell(t, cells, "library", 7, 1).Figures, booking.Figures{Booked: 30 * time.Minute, Open: h})
	wantFigures(t, "spring 2", cell(t, cells, "library", 7, 2).Figures, booking.Figures{})
	wantFigures(t, "spring 3", cell(t, cells, "library", 7, 3).Figures, booking.Figures{Booked: 30 * time.Minute, Open: h})

	autumn := report(t, svc, admin, at(10, 25, 0, 0), at(10, 26, 0, 0), "")
	wantFigures(t, "autumn library", rowOf(t, autumn, "library").Figures, booking.Figures{Booked: 3 * h, Open: 25 * h})
	wantFigures(t, "autumn music", rowOf(t, autumn, "music").Figures, booking.Figures{Open: 25*h - 10*h})
	cells = report(t, svc, admin, at(10, 25, 0, 0), at(10, 26, 0, 0), booking.GroupHour)
	wantFigures(t, "autumn 1", cell(t, cells, "library", 7, 1).Figures, booking.Figures{Booked: 30 * time.Minute, Open: h})
	wantFigures(t, "autumn 2", cell(t, cells, "library", 7, 2).Figures, booking.Figures{Booked: 2 * h, Open: 2 * h})
	wantFigures(t, "autumn 3", cell(t, cells, "library", 7, 3).Figures, booking.Figures{Booked: 30 * time.Minute, Open: h})
}

// TestUtilizationRefuses: only staff; a bad group, a span backwards or
// over 366 days is refused naming the field; a leap year's 366 days pass.
func TestUtilizationRefuses(t *testing.T) {
	svc, _, admin := testService(t, "none")
	ctx := context.Background()
	res, err := svc.CreateUser(ctx, admin, booking.NewUser{Username: "res", Password: "secret-pass", Name: "居民", Role: booking.RoleResident})
	if err != nil {
		t.Fatal(err)
	}
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, shanghai) }
	q := booking.UtilizationQuery{From: d(2026, 12, 1), To: d(2026, 12, 8)}
	if _, err := svc.Utilization(ctx, res, q); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Errorf("resident: %v, want forbidden", err)
	}
	if _, err := svc.Utilization(ctx, nil, q); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Errorf("anonymous: %v, want forbidden", err)
	}
	for _, tc := range []struct {
		name, field string
		q           booking.UtilizationQuery
	}{
		{"group", "group", booking.UtilizationQuery{From: q.From, To: q.To, Group: "day"}},
		{"no from", "from", booking.UtilizationQuery{To: q.To}},
		{"no to", "to", booking.UtilizationQuery{From: q.From}},
		{"backwards", "to", booking.UtilizationQuery{From: q.To, To: q.From}},
		{"empty", "to", booking.UtilizationQuery{From: q.From, To: q.From}},
		{"367 days", "to", booking.UtilizationQuery{From: d(2027, 1, 1), To: d(2028, 1, 3)}},
	} {
		_, err := svc.Utilization(ctx, admin, tc.q)
		var e *booking.Error
		if booking.ErrorCode(err) != booking.EINVALID || !errors.As(err, &e) || e.Field != tc.field {
			t.Errorf("%s: %v, want invalid %s", tc.name, err, tc.field)
		}
	}
	if _, err := svc.Utilization(ctx, admin, booking.UtilizationQuery{From: d(2028, 1, 1), To: d(2029, 1, 1)}); err != nil {
		t.Errorf("the 366 days of 2028: %v", err)
	}
}

// TestUtilizationClosures: a closure takes its room's hours out of the
// open time, a whole-centre one every room's, and the class date it
// suspends is not booked time.
func TestUtilizationClosures(t *testing.T) {
	svc, _, admin := testService(t, "none")
	ctx := context.Background()
	day := func(d, hh, mm int) time.Time { return time.Date(2026, 12, d, hh, mm, 0, 0, shanghai) }
	if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: "choir", Name: "明珠合唱队", NameEN: "Mingzhu Choir"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "calligraphy", Title: "课",
		RRule: "FREQ=WEEKLY;BYDAY=TU", Start: day(1, 14, 0), End: day(1, 16, 0)}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []booking.NewClosure{
		{Room: "calligraphy", Start: day(15, 13, 0), End: day(15, 17, 0), Reason: "维修 repairs"},
		{Room: "", Start: day(9, 0, 0), End: day(9, 12, 0), Reason: "停电 power cut"},
	} {
		if _, err := svc.CreateClosure(ctx, admin, c, false); err != nil {
			t.Fatal(err)
		}
	}
	rooms := report(t, svc, admin, day(7, 0, 0), day(21, 0, 0), "")
	wantFigures(t, "calligraphy", rowOf(t, rooms, "calligraphy").Figures, booking.Figures{Booked: 2 * h, Open: (336 - 4 - 12) * h})
	wantFigures(t, "library", rowOf(t, rooms, "library").Figures, booking.Figures{Open: (336 - 12) * h})
	teams := report(t, svc, admin, day(7, 0, 0), day(21, 0, 0), booking.GroupTeam)
	if choir := rowOf(t, teams, "choir"); choir.Classes != 1 || choir.Booked != 2*h {
		t.Errorf("choir: %d classes, %v booked; want 1 and 2h (the 15th is closed)", choir.Classes, choir.Booked)
	}
}
