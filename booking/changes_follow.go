package booking

import (
	"context"
	"strings"
	"sync"
	"time"
)

// changeFeed is a Service's side of the change log of a SharedStore
// (store.go): it reads what other instances committed and moves this
// instance's counters and token cache as their own writes would have. A
// Service over a store only it opens (SQLite) has none (nil), and every
// method is then a no-op: its caches follow its writes in memory.
type changeFeed struct {
	store SharedStore
	vers  *versions
	auth  *authCache

	mu sync.Mutex
	// mark is the log position applied so far; -1 until the first read.
	mark int64
	// started and finished count reads of the log (at most one runs at a
	// time); done is closed when the one running finishes.
	started, finished uint64
	done              chan struct{}
}

// catchUpTimeout bounds one read of the log: the stamp functions that
// wait for it have no context of their own.
const catchUpTimeout = 3 * time.Second

// gatherReads is how long a read of the log waits before it asks the
// store, so that the requests arriving meanwhile share it: under load,
// one read serves a handful of requests instead of one or two, which
// spares the database a query per request for a fraction of a
// millisecond of latency.
const gatherReads = 300 * time.Microsecond

// Key prefixes of the change log beyond the versions keys: the sessions
// of a user ended (the user's cached tokens go), one session ended.
const (
	authKeyPrefix  = "auth:"
	tokenKeyPrefix = "token:"
)

// newChangeFeed is the change feed of store if it is shared, else nil.
func newChangeFeed(store Store, vers *versions, auth *authCache) *changeFeed {
	shared, ok := store.(SharedStore)
	if !ok || !shared.Shared() {
		return nil
	}
	return &changeFeed{store: shared, vers: vers, auth: auth, mark: -1, done: make(chan struct{})}
}

// catchUp applies every change committed before it was called. It waits
// for a read of the log that starts after the call: a read already
// running may have begun before a change the caller must see. Callers
// arriving meanwhile share the next read, which the first of them
// starts, so a burst of requests costs two reads, not one each.
func (f *changeFeed) catchUp() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	want := f.started + 1
	for f.finished < want {
		if f.started > f.finished { // one running, begun too early
			done := f.done
			f.mu.Unlock()
			<-done
			f.mu.Lock()
			continue
		}
		f.read()
	}
}

// read runs one read of the log and applies it; f.mu is held on entry
// and on return, not while the store is asked. A failed read moves
// everything: the caches then rebuild from the store, which answers or
// fails visibly.
func (f *changeFeed) read() {
	f.started++
	from := f.mark
	f.mu.Unlock()
	ch := Changes{All: true, Next: from}
	defer func() {
		f.mu.Lock()
		f.apply(from, ch)
		f.finished++
		close(f.done)
		f.done = make(chan struct{})
	}()
	time.Sleep(gatherReads)
	ctx, cancel := context.WithTimeout(context.Background(), catchUpTimeout)
	defer cancel()
	if got, err := f.store.ChangesSince(ctx, from); err == nil {
		ch = got
	}
}

// catchUpIn applies, first thing in a write transaction, what the log
// holds before it: the store runs writes one at a time, so every cache
// the write uses (the holiday cache) is then exact for the whole write.
// A failed read fails the write.
func (f *changeFeed) catchUpIn(tx ChangeTx) error {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	from := f.mark
	f.mu.Unlock()
	ch, err := tx.ChangesSince(from)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.apply(from, ch)
	return nil
}

// apply moves what ch says changed since from; f.mu is held. A first
// read (from < 0: only the head) moves everything too, harmlessly when
// nothing is cached yet, and rightly if a failed first read let caches
// fill meanwhile. Reads may overlap (a write's beside a request's), so
// marks only move forward; applying a change twice only moves its
// counters twice.
func (f *changeFeed) apply(from int64, ch Changes) {
	var touch []string
	all := from < 0 || ch.All
	for _, k := range ch.Keys {
		switch {
		case all:
		case k == AllKeys:
			all = true
		case strings.HasPrefix(k, authKeyPrefix):
			f.auth.forget(strings.TrimPrefix(k, authKeyPrefix))
		case strings.HasPrefix(k, tokenKeyPrefix):
			f.auth.forgetToken(strings.TrimPrefix(k, tokenKeyPrefix))
		default:
			touch = append(touch, k)
		}
	}
	if all {
		f.vers.touchAll()
		f.auth.clear()
	} else if len(touch) > 0 {
		f.vers.touch(touch...)
	}
	f.mark = max(f.mark, ch.Next)
}

// catchUp is changeFeed.catchUp for the service's feed; the stamp
// functions and the read caches call it before trusting a counter.
func (s *Service) catchUp() { s.changes.catchUp() }

// caughtUpKey marks a context whose request has caught up already.
type caughtUpKey struct{}

// CatchUp applies, once for a whole request, every change other
// instances committed before it: the web layer calls it as a request
// begins, and the stamp functions and the token check given the context
// it returns need no read of the change log of their own. (Each would
// otherwise wait for a fresh read: two per request, the auth check's and
// the listing's.) Without a shared store it does nothing.
func (s *Service) CatchUp(ctx context.Context) context.Context {
	if s.changes == nil {
		return ctx
	}
	s.catchUp()
	return context.WithValue(ctx, caughtUpKey{}, true)
}

// catchUpFor is catchUp unless ctx's request has caught up already.
func (s *Service) catchUpFor(ctx context.Context) {
	if ctx.Value(caughtUpKey{}) == nil {
		s.catchUp()
	}
}
