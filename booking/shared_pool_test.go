package booking_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestSharedReadersNeverNestLoads: on a shared store every change that
// is not a booking moves every stamp, the holiday calendar's and the
// timetable's too, while listings and feeds are inside their read
// transactions. Were a cache reloaded there, by a second connection,
// readers holding the pool's connections would wait for one another
// forever. 32 readers of B's listings and feeds of a class that skips
// holidays, while A renames the class again and again, must all finish.
func TestSharedReadersNeverNestLoads(t *testing.T) {
	in := twoInstances(t, "demo")
	ctx := context.Background()
	first := time.Date(2026, 12, 7, 19, 0, 0, 0, shanghai)
	res, err := in.a.CreateSeries(ctx, in.admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=DAILY",
		Start: first, End: first.Add(time.Hour), SkipHolidays: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.a.AddHoliday(ctx, in.admin, booking.Holiday{Date: "2026-12-09", Name: "社区日"}); err != nil {
		t.Fatal(err)
	}
	watchdog := time.AfterFunc(60*time.Second, func() { panic("readers and the writer still waiting after a minute: deadlocked") })
	defer watchdog.Stop()
	q := booking.OccurrenceQuery{Room: "library", From: first, To: first.AddDate(0, 0, 14)}
	done := make(chan struct{})
	fail := make(chan error, 32)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				var err error
				if i%2 == 0 {
					_, err = in.b.Occurrences(ctx, nil, q)
				} else {
					_, err = in.b.Feed(ctx, booking.FeedRoom, "library")
				}
				if err != nil {
					fail <- fmt.Errorf("reader %d: %w", i, err)
					return
				}
			}
		}()
	}
	for i := range 30 {
		title := fmt.Sprintf("课 %d", i)
		if _, err := in.a.PatchSeries(ctx, in.admin, res.Series.ID, booking.SeriesPatch{Title: &title}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	close(fail)
	for err := range fail {
		t.Error(err)
	}
}
