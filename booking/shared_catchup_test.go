package booking_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mingzhu/booking"
)

// slowLog is sharedDB whose change-log reads, while hold is set, stop
// after reading until hold is closed: a read that began before a commit
// and ends after it.
type slowLog struct {
	sharedDB
	mu   sync.Mutex
	hold chan struct{}
	read chan struct{} // told when a held read has read
}

func (d *slowLog) ChangesSince(ctx context.Context, mark int64) (booking.Changes, error) {
	ch, err := d.sharedDB.ChangesSince(ctx, mark)
	d.mu.Lock()
	hold, read := d.hold, d.read
	d.mu.Unlock()
	if hold != nil {
		read <- struct{}{}
		<-hold
	}
	return ch, err
}

// setHold makes the next reads stop (hold not nil) or not (nil).
func (d *slowLog) setHold(hold, read chan struct{}) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.hold, d.read = hold, read
}

// TestCatchUpWaitsForAFreshRead: a request that arrives while a read of
// the change log is under way, begun before a commit it must see, does
// not take that read's answer: it waits for the next read.
func TestCatchUpWaitsForAFreshRead(t *testing.T) {
	in := twoInstances(t, "none")
	log := &slowLog{sharedDB: sharedDB{in.dbB}}
	b := in.service(log)
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	q := booking.OccurrenceQuery{Room: "library", From: day, To: day.AddDate(0, 0, 1)}
	s0 := b.OccurrencesStamp(context.Background(), q)
	hold := make(chan struct{})
	log.setHold(hold, make(chan struct{}, 1))
	var s1, s2 string
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s1 = b.OccurrencesStamp(context.Background(), q) }()
	<-log.read // the early read has read: before the booking
	log.setHold(nil, nil)
	start := day.Add(14 * time.Hour)
	if _, err := in.a.CreateBooking(context.Background(), in.admin, booking.NewBooking{Room: "library", Start: start, End: start.Add(time.Hour), Attendees: 1}); err != nil {
		t.Fatal(err)
	}
	go func() { defer wg.Done(); s2 = b.OccurrencesStamp(context.Background(), q) }()
	time.Sleep(50 * time.Millisecond) // the late request waits on the early read
	close(hold)
	wg.Wait()
	if s1 != s0 {
		t.Fatalf("the early read saw the booking (%s -> %s): the test did not hold it", s0, s1)
	}
	if s2 == s0 {
		t.Errorf("a request after the booking got the stamp from before it: %s", s2)
	}
}

// TestSharedReadersStayExact: 32 readers on B serve listings from a cache
// keyed by B's stamp, as the web layer does, while A writes bookings; no
// reader ever gets an answer missing a booking committed before it
// asked, however the reads of the change log are shared among them.
func TestSharedReadersStayExact(t *testing.T) {
	in := twoInstances(t, "none")
	ctx := context.Background()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	q := booking.OccurrenceQuery{Room: "library", From: day, To: day.AddDate(0, 0, 2)}
	var committed atomic.Int64
	var mu sync.Mutex
	cache := map[string]int{}
	served := func() (int, error) {
		stamp := in.b.OccurrencesStamp(context.Background(), q)
		mu.Lock()
		n, ok := cache[stamp]
		mu.Unlock()
		if ok {
			return n, nil
		}
		n, err := countBookings(in.b, q)
		mu.Lock()
		defer mu.Unlock()
		if _, ok := cache[stamp]; !ok && err == nil {
			cache[stamp] = n
		}
		return n, err
	}
	done := make(chan struct{})
	fail := make(chan error, 32)
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				before := committed.Load()
				if n, err := served(); err != nil || int64(n) < before {
					fail <- fmt.Errorf("served %d bookings (%v), %d committed before the request", n, err, before)
					return
				}
			}
		}()
	}
	const writes = 40
	for i := range writes {
		start := day.Add(8*time.Hour + time.Duration(i)*30*time.Minute)
		if _, err := in.a.CreateBooking(ctx, in.admin, booking.NewBooking{Room: "library", Start: start, End: start.Add(30 * time.Minute), Attendees: 1}); err != nil {
			t.Fatal(err)
		}
		committed.Store(int64(i + 1))
	}
	close(done)
	wg.Wait()
	close(fail)
	for err := range fail {
		t.Error(err)
	}
	if n, err := served(); n != writes || err != nil {
		t.Errorf("after the writes: %d %v, want %d", n, err, writes)
	}
	if len(cache) < 2 {
		t.Errorf("the readers saw %d stamps: they never overlapped the writes", len(cache))
	}
}

// countBookings counts the one-off bookings svc lists for q.
func countBookings(svc *booking.Service, q booking.OccurrenceQuery) (int, error) {
	occ, err := svc.Occurrences(context.Background(), nil, q)
	n := 0
	for _, o := range occ {
		if o.Kind == booking.KindBooking {
			n++
		}
	}
	return n, err
}

// TestSharedFailedReadMovesEverything: when B cannot read the change log
// (here its connections are closed), it assumes everything changed:
// every stamp moves and the token it had verified is asked of the store
// again, which fails visibly instead of a cached answer being served.
func TestSharedFailedReadMovesEverything(t *testing.T) {
	in := twoInstances(t, "none")
	ctx := context.Background()
	if _, err := in.a.CreateUser(ctx, in.admin, booking.NewUser{Username: "wang", Password: "secret-pass", Name: "王"}); err != nil {
		t.Fatal(err)
	}
	tok := login(t, in.a, "wang")
	if _, err := in.b.Authenticate(ctx, tok); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	q := booking.OccurrenceQuery{Room: "library", From: day, To: day.AddDate(0, 0, 1)}
	s0, h0 := in.b.OccurrencesStamp(context.Background(), q), in.b.HolidaysStamp(context.Background())
	if s0 != in.b.OccurrencesStamp(context.Background(), q) {
		t.Fatal("the stamp moves with nothing written")
	}
	if err := in.dbB.Close(); err != nil {
		t.Fatal(err)
	}
	if s1, h1 := in.b.OccurrencesStamp(context.Background(), q), in.b.HolidaysStamp(context.Background()); s1 == s0 || h1 == h0 {
		t.Errorf("stamps after a failed read: %s, %s; before %s, %s", s1, h1, s0, h0)
	}
	if u, err := in.b.Authenticate(ctx, tok); err == nil {
		t.Errorf("B served %s from its token cache with the change log unreadable", u.Username)
	}
}
