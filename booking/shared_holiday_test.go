package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestSharedHolidayReachesWrites: staff take a day off away through A,
// so a class that skips holidays is back on it; a class then asked for
// at that time through B, whose holiday cache still holds the day off,
// is refused. Creating a series has no read before its write
// transaction, so only the write's own catching up can tell it; a
// booking through B is refused too (its precheck catches up).
func TestSharedHolidayReachesWrites(t *testing.T) {
	in := twoInstances(t, "demo")
	ctx := context.Background()
	first := time.Date(2026, 12, 7, 19, 0, 0, 0, shanghai)
	if _, err := in.a.CreateSeries(ctx, in.admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=DAILY",
		Start: first, End: first.Add(time.Hour), SkipHolidays: true}); err != nil {
		t.Fatal(err)
	}
	day := first.AddDate(0, 0, 3)
	date := day.Format(time.DateOnly)
	if _, err := in.a.AddHoliday(ctx, in.admin, booking.Holiday{Date: date, Name: "社区日"}); err != nil {
		t.Fatal(err)
	}
	q := booking.OccurrenceQuery{Room: "library", From: day, To: day.Add(time.Hour)}
	if occ, err := in.b.Occurrences(ctx, nil, q); err != nil || len(occ) != 0 { // B caches the day off
		t.Fatalf("B on the day off: %v %v", occ, err)
	}
	if err := in.a.RemoveHoliday(ctx, in.admin, date); err != nil {
		t.Fatal(err)
	}
	_, err := in.b.CreateSeries(ctx, in.admin, booking.NewSeries{Team: "dance", Room: "library", Title: "舞",
		RRule: "FREQ=DAILY;COUNT=1", Start: day, End: day.Add(time.Hour)})
	if booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("a class through B on the class that came back through A: %v, want ECONFLICT", err)
	}
	_, err = in.b.CreateBooking(ctx, in.admin, booking.NewBooking{Room: "library", Start: day, End: day.Add(time.Hour), Attendees: 1})
	if booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("a booking through B on the class that came back through A: %v, want ECONFLICT", err)
	}
}
