package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// CheckBooking answers as CreateBooking would, field for field, and
// writes nothing: the page's live check and its submit cannot disagree.
func TestCheckBookingAgreesWithCreate(t *testing.T) {
	ctx := context.Background()
	svc, db, admin := testService(t, "demo")
	res, err := svc.CreateUser(ctx, admin, booking.NewUser{Username: "liming", Password: "secret-pass", Name: "李明", Role: booking.RoleResident})
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, shanghai) }
	cases := []struct {
		name      string
		n         booking.NewBooking
		code, fld string
		conflicts int
	}{
		{"free", booking.NewBooking{Room: "library", Start: at(29, 14, 0), End: at(29, 15, 0), Attendees: 3}, "", "", 0},
		{"past", booking.NewBooking{Room: "library", Start: at(28, 8, 0), End: at(28, 9, 0), Attendees: 3}, booking.EINVALID, "start", 0},
		{"too many", booking.NewBooking{Room: "library", Start: at(29, 16, 0), End: at(29, 17, 0), Attendees: 21}, booking.EINVALID, "attendees", 0},
		{"end first", booking.NewBooking{Room: "library", Start: at(29, 15, 0), End: at(29, 14, 0), Attendees: 1}, booking.EINVALID, "end", 0},
		{"tai chi", booking.NewBooking{Room: "activity", Start: at(29, 7, 0), End: at(29, 8, 0), Attendees: 1}, booking.ECONFLICT, "", 1},
		{"no room", booking.NewBooking{Room: "nope", Start: at(29, 14, 0), End: at(29, 15, 0), Attendees: 1}, booking.ENOTFOUND, "room", 0},
	}
	var before int
	db.QueryRow(ctx, "SELECT count(*) FROM bookings").Scan(&before)
	for _, c := range cases {
		err := svc.CheckBooking(ctx, res, c.n)
		if booking.ErrorCode(err) != c.code || fieldOf(err) != c.fld || len(conflictsOf(err)) != c.conflicts {
			t.Errorf("%s: check = %v (field %q, %d conflicts), want %q %q %d", c.name, err, fieldOf(err), len(conflictsOf(err)), c.code, c.fld, c.conflicts)
		}
		if c.conflicts > 0 && conflictsOf(err)[0].Title != "太极晨练 Morning tai chi" {
			t.Errorf("%s: conflict %+v does not name the class", c.name, conflictsOf(err)[0])
		}
	}
	var after int
	db.QueryRow(ctx, "SELECT count(*) FROM bookings").Scan(&after)
	if after != before {
		t.Fatalf("checking wrote %d bookings", after-before)
	}
	for _, c := range cases {
		_, err := svc.CreateBooking(ctx, res, c.n)
		if booking.ErrorCode(err) != c.code || fieldOf(err) != c.fld {
			t.Errorf("%s: create = %v, but check said %q %q", c.name, err, c.code, c.fld)
		}
	}
	// The booking just made is now what the same request clashes with.
	if err := svc.CheckBooking(ctx, res, cases[0].n); booking.ErrorCode(err) != booking.ECONFLICT || conflictsOf(err)[0].Title == booking.BookedTitle {
		t.Fatalf("check after booking = %v: want a conflict naming the booker's own title", err)
	}
	other, err := svc.CreateUser(ctx, admin, booking.NewUser{Username: "wangfang", Password: "secret-pass", Name: "王芳", Role: booking.RoleResident})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.CheckBooking(ctx, other, cases[0].n); len(conflictsOf(err)) != 1 || conflictsOf(err)[0].Title != booking.BookedTitle {
		t.Fatalf("another resident's check = %v: want the title hidden", err)
	}
}

// Schedule names the rooms and teams beside the occurrences, and keeps to
// the room asked for.
func TestScheduleOfOneRoom(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := testService(t, "demo")
	from := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	sc, err := svc.Schedule(ctx, nil, booking.OccurrenceQuery{Room: "music", From: from, To: from.AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Rooms) != 1 || sc.Rooms[0].ID != "music" || len(sc.Teams) < 5 {
		t.Fatalf("rooms %v, %d teams", sc.Rooms, len(sc.Teams))
	}
	if len(sc.Occurrences) != 4 { // drum band TU,FR; drum kit SA,SU
		t.Fatalf("music room week: %d occurrences", len(sc.Occurrences))
	}
	for _, o := range sc.Occurrences {
		if o.Room != "music" || o.Start.Location() != shanghai {
			t.Fatalf("occurrence %+v", o)
		}
	}
	if _, err := svc.Schedule(ctx, nil, booking.OccurrenceQuery{Room: "nope", From: from, To: from.AddDate(0, 0, 7)}); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("unknown room: %v", err)
	}
}

func fieldOf(err error) string {
	if e, ok := err.(*booking.Error); ok {
		return e.Field
	}
	return ""
}

func conflictsOf(err error) []booking.Conflict {
	if e, ok := err.(*booking.Error); ok {
		return e.Conflicts
	}
	return nil
}
