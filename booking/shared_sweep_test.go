package booking_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestSharedSweepersTogether: every instance runs the no-show sweeper;
// two sweeping the same bookings at once both succeed, between them mark
// each booking once, and write one no_show line per booking. (The sweep
// reads its candidates inside its own write transaction, and the store
// runs those one at a time: the second finds them stored already.)
func TestSharedSweepersTogether(t *testing.T) {
	in := twoInstances(t, "none")
	ctx := context.Background()
	var ids []string
	for _, h := range []int{10, 11, 12} {
		ids = append(ids, ciBook(t, in.a, in.admin, ciAt(h, 30, 0)).ID)
	}
	in.clk.set(ciAt(14, 0, 0))
	var wg sync.WaitGroup
	marked := make([]int, 2)
	errs := make([]error, 2)
	for i, svc := range []*booking.Service{in.a, in.b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			marked[i], _, errs[i] = svc.SweepNoShows(ctx, time.Time{})
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || marked[0]+marked[1] != len(ids) {
		t.Fatalf("sweeps: marked %v, errors %v; want %d marked in all", marked, errs, len(ids))
	}
	for _, id := range ids {
		lines, err := in.b.Audit(ctx, in.admin, booking.AuditFilter{Entity: booking.AuditBooking, EntityID: id, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, l := range lines {
			if l.Action == booking.AuditNoShow {
				n++
			}
		}
		if n != 1 {
			t.Errorf("booking %s has %d no_show lines, want 1", id, n)
		}
	}
}
