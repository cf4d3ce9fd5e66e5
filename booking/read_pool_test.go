package booking_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestReadCachesNeverNestReads: right after a closure or a holiday change
// every read cache is stale, and many readers arrive at once. A cache
// that loaded inside a reader's open transaction took a second read
// connection; with more readers than connections, each held one while
// waiting for another, and none ever finished (review). Here 32 readers
// at a time (listings, booking checks, feeds) must all answer within
// their deadline, round after round of changes.
func TestReadCachesNeverNestReads(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, shanghai)
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=DAILY",
		Start: start, End: start.Add(time.Hour), SkipHolidays: true}); err != nil {
		t.Fatal(err)
	}
	q := booking.OccurrenceQuery{Room: "library", From: start, To: start.AddDate(0, 0, 7)}
	for round := 0; round < 300; round++ {
		day := start.AddDate(0, 0, 20+round)
		if round%2 == 0 {
			if _, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Room: "library", Start: day, End: day.Add(time.Hour)}, false); err != nil {
				t.Fatal(err)
			}
		} else if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: day.Format("2006-01-02"), Name: "社区日"}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 32)
		for i := 0; i < 32; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
				defer cancel()
				var err error
				switch i % 3 {
				case 0:
					_, err = svc.Occurrences(rctx, admin, q)
				case 1:
					s := day.Add(3 * time.Hour)
					err = svc.CheckBooking(rctx, admin, booking.NewBooking{Room: "library", Start: s, End: s.Add(time.Hour), Attendees: 1})
				default:
					_, err = svc.Feed(rctx, booking.FeedRoom, "library")
				}
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", i, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}
