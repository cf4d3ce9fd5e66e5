package booking

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestRoomTurns: one holder per room; a waiter checks again once the
// holder leaves and then takes the turn; another room never waits; a
// refused check or an ended context returns without the turn; nothing
// stays behind in the map.
func TestRoomTurns(t *testing.T) {
	var rt roomTurns
	ctx := context.Background()
	pass := func() error { return nil }
	if err := rt.await(ctx, "music", pass); err != nil {
		t.Fatal(err)
	}
	if err := rt.await(ctx, "library", pass); err != nil {
		t.Fatalf("another room waited or failed: %v", err)
	}
	var checks atomic.Int32
	got := make(chan error, 1)
	go func() {
		got <- rt.await(ctx, "music", func() error { checks.Add(1); return nil })
	}()
	select {
	case err := <-got:
		t.Fatalf("a second booking of the room entered while the first was inside: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	if n := checks.Load(); n != 1 {
		t.Fatalf("checks before the holder left: %d, want 1", n)
	}
	rt.leave("music")
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if n := checks.Load(); n != 2 {
		t.Errorf("checks after the holder left: %d, want 2 (the waiter must check again)", n)
	}

	taken := errors.New("slot taken")
	refused := make(chan error, 1)
	go func() {
		refused <- rt.await(ctx, "music", func() error {
			if checks.Add(1) > 2 {
				return taken
			}
			return nil
		})
	}()
	time.Sleep(20 * time.Millisecond)
	rt.leave("music")
	if err := <-refused; !errors.Is(err, taken) {
		t.Fatalf("a waiter whose second check fails: %v, want the check's error", err)
	}
	if ok, _ := rt.enter("music"); !ok {
		t.Fatal("a refused waiter kept the turn")
	}

	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := rt.await(short, "music", pass); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting past the deadline: %v", err)
	}
	rt.leave("music")
	rt.leave("library")
	if len(rt.busy) != 0 {
		t.Errorf("rooms left busy: %v", rt.busy)
	}
}
