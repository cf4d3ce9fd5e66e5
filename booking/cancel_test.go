package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestCancelKeepsWhatWasUsed: what has been used stays used. A resident
// cannot cancel a booking that has ended (its hours would go back to the
// weekly quota and vanish from the report), one checked in, or one that
// has begun; staff may still end one in progress, not one that is over.
// A booking that holds no slot any more is not "cancelled" again, and
// cancelling twice changes nothing.
func TestCancelKeepsWhatWasUsed(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident).User
	book := func(d, hh int) *booking.Booking {
		t.Helper()
		b, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "library", Start: day(d, hh, 0), End: day(d, hh+2, 0), Attendees: 1})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	clk.t = day(1, 8, 0) // Tuesday of the ISO week 30 Nov - 6 Dec
	used, begun, third, later, twice, noShow := book(1, 9), book(1, 12), book(1, 15), book(8, 9), book(8, 12), book(8, 15)
	checkIn := func(b *booking.Booking) {
		t.Helper()
		clk.t = b.Start.Add(5 * time.Minute)
		if _, err := svc.CheckIn(ctx, res, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	refused := func(what string, u *booking.User, b *booking.Booking) {
		t.Helper()
		if err := svc.CancelBooking(ctx, u, b.ID); booking.ErrorCode(err) != booking.ECONFLICT {
			t.Errorf("%s: %v, want ECONFLICT", what, err)
		}
	}
	checkIn(used)
	refused("checked in", res, used)
	clk.t = day(1, 12, 1)
	refused("begun, by its owner", res, begun)
	checkIn(begun)
	checkIn(third)
	clk.t = day(1, 17, 30)
	refused("ended, by its owner", res, used)
	refused("ended, by staff", admin, begun)
	// All 6 hours of the week stay booked: one more is still over quota.
	_, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "library", Start: day(4, 9, 0), End: day(4, 10, 0), Attendees: 1})
	if booking.ErrorCode(err) != booking.EPOLICY {
		t.Errorf("a booking over the quota after refused cancels: %v", err)
	}
	if err := svc.CancelBooking(ctx, res, twice.ID); err != nil {
		t.Fatalf("a booking to come: %v", err)
	}
	if err := svc.CancelBooking(ctx, res, twice.ID); err != nil {
		t.Errorf("cancelling twice: %v", err)
	}
	clk.t = day(8, 9, 10)
	if err := svc.CancelBooking(ctx, admin, later.ID); err != nil {
		t.Errorf("staff end a booking in progress: %v", err)
	}
	clk.t = day(8, 15, 30)
	refused("a no-show", res, noShow)
	for _, b := range []*booking.Booking{used, begun, third} {
		if got, _ := svc.Booking(ctx, admin, b.ID); got.Status != booking.StatusConfirmed {
			t.Errorf("%s: %s after a refused cancel", b.ID, got.Status)
		}
	}
}
