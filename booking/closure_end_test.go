package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestDeleteClosureKeepsThePast: taking a closure away never rewrites
// what happened. One still to come is deleted and its class dates come
// back; one under way ends now, so the date it already kept from taking
// place stays suspended while the later ones come back; one that has
// ended is part of the record and stays (ECONFLICT).
func TestDeleteClosureKeepsThePast(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: "choir", Name: "明珠合唱队", NameEN: "Mingzhu Choir"}); err != nil {
		t.Fatal(err)
	}
	clk.t = day(1, 6, 0)
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=DAILY",
		Start: day(1, 9, 0), End: day(1, 10, 0)}); err != nil {
		t.Fatal(err)
	}
	closure := func(from, to time.Time) string {
		t.Helper()
		p, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Room: "library", Start: from, End: to, Reason: "维修 repairs"}, false)
		if err != nil {
			t.Fatal(err)
		}
		return p.Closure.ID
	}
	dates := func() int {
		t.Helper()
		occ, err := svc.Occurrences(ctx, admin, booking.OccurrenceQuery{Room: "library", From: day(1, 0, 0), To: day(11, 0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		return len(occ)
	}
	past, underWay := closure(day(1, 8, 0), day(2, 12, 0)), closure(day(3, 8, 0), day(6, 12, 0))
	future := closure(day(8, 8, 0), day(9, 12, 0))
	if got := dates(); got != 10-2-4-2 {
		t.Fatalf("%d class dates with the closures, want 2", got)
	}
	clk.t = day(4, 12, 0) // the 3rd and 4th kept from taking place by the second closure
	if err := svc.DeleteClosure(ctx, admin, past); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("deleting a closure that has ended: %v, want ECONFLICT", err)
	}
	if err := svc.DeleteClosure(ctx, admin, underWay); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteClosure(ctx, admin, future); err != nil {
		t.Fatal(err)
	}
	// 1st, 2nd (past closure) and 3rd, 4th (until now) stay suspended.
	if got := dates(); got != 10-4 {
		t.Errorf("%d class dates after the deletes, want 6", got)
	}
	cs, err := svc.Closures(ctx, booking.ClosureFilter{Room: "library"})
	if err != nil || len(cs) != 2 || !cs[1].End.Equal(day(4, 12, 0)) {
		t.Errorf("closures after the deletes: %v %+v (the one under way should end now)", err, cs)
	}
}
