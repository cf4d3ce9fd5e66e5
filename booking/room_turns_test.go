package booking

import (
	"context"
	"errors"
	"testing"
	"time"
)

// waiter runs await in a goroutine; checked receives once per check, so
// that the test knows, without sleeping, that the waiter has checked and
// is waiting; the check refuses when refuse says so.
type waiter struct {
	checked chan struct{}
	done    chan error
}

func startWaiter(ctx context.Context, rt *roomTurns, room string, refuse func(n int) error) *waiter {
	w := &waiter{checked: make(chan struct{}, 8), done: make(chan error, 1)}
	n := 0
	go func() {
		w.done <- rt.await(ctx, room, func() error {
			n++
			w.checked <- struct{}{}
			return refuse(n)
		})
	}()
	return w
}

// waiting fails the test unless w has checked once more and not returned.
func (w *waiter) waiting(t *testing.T, what string) {
	t.Helper()
	select {
	case <-w.checked:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: no check within 5 s", what)
	}
	select {
	case err := <-w.done:
		t.Fatalf("%s: returned (%v) while the room's turn was held", what, err)
	case <-time.After(20 * time.Millisecond):
	}
}

func (w *waiter) result(t *testing.T) error {
	t.Helper()
	select {
	case err := <-w.done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("the waiter did not return within 5 s of the turn's release")
		return nil
	}
}

func never(int) error { return nil }

// TestRoomTurns: one holder per room; a waiter checks again once the
// holder leaves and then takes the turn; another room never waits; a
// check refused after waiting returns without the turn; an ended context
// too; nothing stays behind in the map.
func TestRoomTurns(t *testing.T) {
	var rt roomTurns
	ctx := context.Background()
	if ok, _ := rt.enter("music"); !ok {
		t.Fatal("a free room's turn refused")
	}
	if ok, _ := rt.enter("library"); !ok {
		t.Fatal("another room's turn waited for music's")
	}

	w := startWaiter(ctx, &rt, "music", never)
	w.waiting(t, "a second booking of the room")
	rt.leave("music")
	if err := w.result(t); err != nil {
		t.Fatal(err)
	}
	if len(w.checked) != 1 {
		t.Errorf("checks after the holder left: %d more, want 1 (the waiter must check again)", len(w.checked))
	}

	taken := errors.New("slot taken")
	w = startWaiter(ctx, &rt, "music", func(n int) error {
		if n > 1 {
			return taken
		}
		return nil
	})
	w.waiting(t, "a waiter whose second check will fail")
	rt.leave("music")
	if err := w.result(t); !errors.Is(err, taken) {
		t.Fatalf("a waiter whose second check fails: %v, want the check's error", err)
	}
	if ok, _ := rt.enter("music"); !ok {
		t.Fatal("a refused waiter kept the turn")
	}

	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := rt.await(short, "music", func() error { return nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting past the deadline: %v", err)
	}
	rt.leave("music")
	rt.leave("library")
	if len(rt.busy) != 0 {
		t.Errorf("rooms left busy: %v", rt.busy)
	}
}
