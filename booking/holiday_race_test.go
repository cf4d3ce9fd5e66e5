package booking_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestHolidayRemovalRacesBookings: staff take a day off away while
// residents race to book the time its class would take back. Whatever
// wins, the room never holds two uses at once: either the removal is
// refused (a booking got there first) or the bookings are (the class is
// back). Writes pass a gate a holiday change holds until its stamp has
// moved, so none can slip into the gap between its commit and the touch.
func TestHolidayRemovalRacesBookings(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	first := time.Date(2026, 12, 7, 19, 0, 0, 0, shanghai)
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=DAILY",
		Start: first, End: first.Add(time.Hour), SkipHolidays: true}); err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 40; round++ {
		day := first.AddDate(0, 0, 1+round)
		date := day.Format("2006-01-02")
		if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: date, Name: "社区日"}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wg.Add(9)
		go func() { defer wg.Done(); _ = svc.RemoveHoliday(ctx, admin, date) }()
		for i := 0; i < 8; i++ {
			go func() {
				defer wg.Done()
				_, _ = svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Start: day, End: day.Add(time.Hour), Attendees: 1})
			}()
		}
		wg.Wait()
		occ, err := svc.Occurrences(ctx, admin, booking.OccurrenceQuery{Room: "library", From: day, To: day.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if len(occ) != 1 {
			t.Fatalf("round %d: %d uses of the library at %s, want exactly one: %+v", round, len(occ), day, occ)
		}
	}
}

// TestNoWriteInTheHolidayGap: a booking asked for in the very gap between
// a day off's removal and the touch of the holiday stamp waits for the
// touch, then sees the class date back and is refused; without the gate
// it was placed on top of the class, from the stale holiday cache.
func TestNoWriteInTheHolidayGap(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	first := time.Date(2026, 12, 7, 19, 0, 0, 0, shanghai)
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=DAILY",
		Start: first, End: first.Add(time.Hour), SkipHolidays: true}); err != nil {
		t.Fatal(err)
	}
	day := first.AddDate(0, 0, 3)
	date := day.Format("2006-01-02")
	if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: date, Name: "社区日"}); err != nil {
		t.Fatal(err)
	}
	n := booking.NewBooking{Room: "library", Start: day, End: day.Add(time.Hour), Attendees: 1}
	if err := svc.CheckBooking(ctx, admin, n); err != nil { // warms the caches: the day is off
		t.Fatal(err)
	}
	done := make(chan error, 1)
	booking.SetAfterHolidayCommit(svc, func() {
		go func() { _, err := svc.CreateBooking(ctx, admin, n); done <- err }()
		time.Sleep(100 * time.Millisecond) // the booking would be placed now, without the gate
	})
	if err := svc.RemoveHoliday(ctx, admin, date); err != nil {
		t.Fatal(err)
	}
	if err := <-done; booking.ErrorCode(err) != booking.ECONFLICT {
		t.Fatalf("a booking in the gap: %v, want ECONFLICT (the class is back)", err)
	}
}
