package booking

import (
	"context"
	"sync"
	"time"
)

// roomTurns lets one booking of a room at a time, on this instance, into
// the write transaction; the others wait here, outside the store, and
// when the one inside leaves they all check their slot again on the read
// pool. This is for speed, not for safety (the store's room lock and
// constraint guarantee that no two bookings overlap): in a rush for one
// slot the requests that pass the first check before the winner commits
// used to queue at the store's room lock, and each held it for several
// round trips only to learn it had lost. Waiting here, a loser learns it
// from a read that needs no lock, beside the other losers instead of
// after them; the store's queue holds at most one booking per instance
// and room. Bookings of a room are serialised by the store's room lock
// anyway. Waiting here is bounded by turnWait, like the store's own wait
// for a lock, so that a request that gets its turn late still has time
// left for its write. Waiters are not served in arrival order: each
// leave wakes them all to check again.
type roomTurns struct {
	mu sync.Mutex
	// busy holds, for each room with a booking inside, a channel closed
	// when it leaves.
	busy map[string]chan struct{}
}

// enter takes room's turn if it is free (and leave must follow); if it is
// not, it returns a channel that is closed when the holder leaves, and
// the caller checks again and retries.
func (t *roomTurns) enter(room string) (ok bool, wait <-chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if ch, busy := t.busy[room]; busy {
		return false, ch
	}
	if t.busy == nil {
		t.busy = map[string]chan struct{}{}
	}
	t.busy[room] = make(chan struct{})
	return true, nil
}

// leave gives room's turn back and wakes everyone waiting for it.
func (t *roomTurns) leave(room string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	close(t.busy[room])
	delete(t.busy, room)
}

// turnWait bounds the wait for a room's turn, as lock_timeout and
// SQLite's busy timeout bound the store's: past it the request answers
// 503 (context.DeadlineExceeded) with half its deadline still unspent.
const turnWait = 5 * time.Second

// await takes room's turn, running check before each try: first, and
// again each time a booking of the room has left (it may have taken the
// slot). A check's error, ctx's end, or turnWait passing is returned
// without the turn; with a nil error the caller holds the turn and must
// leave.
func (t *roomTurns) await(ctx context.Context, room string, check func() error) error {
	give := time.NewTimer(turnWait)
	defer give.Stop()
	for {
		if err := check(); err != nil {
			return err
		}
		ok, wait := t.enter(room)
		if ok {
			return nil
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return ctx.Err()
		case <-give.C:
			return context.DeadlineExceeded
		}
	}
}
