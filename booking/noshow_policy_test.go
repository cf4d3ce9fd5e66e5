package booking_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestNoShowSuspension: the third no-show within 30 days suspends a
// resident from booking for 14 days from its deadline: refused (policy
// no_show_suspension, until when in both languages) by CreateBooking and
// CheckBooking alike, allowed again at the end; a second before the third
// deadline they may still book. A leader with as many no-shows is exempt.
func TestNoShowSuspension(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident).User
	lead := account(t, svc, admin, "lin", booking.RoleLeader).User
	day := func(d, hh, mm, ss int) time.Time { return time.Date(2026, 11, 28+d, hh, mm, ss, 0, shanghai) }
	for d := 1; d <= 3; d++ {
		ciBook(t, svc, res, day(d, 11, 0, 0))
		ciBook(t, svc, lead, day(d, 14, 0, 0))
	}
	next := func() booking.NewBooking {
		s := clk.now().Add(24 * time.Hour).Truncate(time.Hour)
		return booking.NewBooking{Room: "music", Start: s, End: s.Add(time.Hour), Attendees: 1}
	}
	clk.set(day(3, 11, 14, 59))
	if err := svc.CheckBooking(ctx, res, next()); err != nil {
		t.Fatalf("before the third deadline: %v", err)
	}
	clk.set(day(3, 11, 15, 0))
	for what, err := range map[string]error{"check": svc.CheckBooking(ctx, res, next()),
		"create": func() error { _, err := svc.CreateBooking(ctx, res, next()); return err }()} {
		var e *booking.Error
		if !errors.As(err, &e) || e.Code != booking.EPOLICY || e.Rule != "no_show_suspension" ||
			!strings.Contains(e.Message, "2026年12月15日 11:15") || !strings.Contains(e.Message, "until 15 Dec 2026 11:15") {
			t.Errorf("%s at the third deadline: %v", what, err)
		}
	}
	clk.set(day(3+14, 11, 14, 59))
	if err := svc.CheckBooking(ctx, res, next()); booking.ErrorCode(err) != booking.EPOLICY {
		t.Errorf("a second before the end: %v", err)
	}
	clk.set(day(3+14, 11, 15, 0))
	if _, err := svc.CreateBooking(ctx, res, next()); err != nil {
		t.Errorf("after 14 days: %v", err)
	}
	clk.set(day(3, 15, 0, 0))
	if _, err := svc.CreateBooking(ctx, lead, next()); err != nil {
		t.Errorf("leader with 3 no-shows: %v", err)
	}
}

// TestNoShowsFarApart: three no-shows spread over more than 30 days do
// not suspend.
func TestNoShowsFarApart(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident).User
	start := clk.now()
	for _, d := range []int{1, 16, 31} {
		clk.set(start.AddDate(0, 0, d-1))
		ciBook(t, svc, res, start.AddDate(0, 0, d).Add(time.Hour))
	}
	clk.set(start.AddDate(0, 0, 31).Add(2 * time.Hour))
	s := clk.now().Add(24 * time.Hour)
	if err := svc.CheckBooking(ctx, res, booking.NewBooking{Room: "music", Start: s, End: s.Add(time.Hour), Attendees: 1}); err != nil {
		t.Errorf("no-shows 30 days apart: %v", err)
	}
}
