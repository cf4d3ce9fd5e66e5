package booking

import (
	"context"
	"sync"
)

// closureSource gives the closures a filter selects.
type closureSource func(ClosureFilter) ([]Closure, error)

// closureCache keeps every closure (a few a year) for reads, loaded at a
// closures stamp: every listing and the read-pool precheck would
// otherwise pay a query for a table that is nearly always empty in the
// window (a third of a refused booking's cost). Writes never use it: they
// read closures inside their transaction. A read that sees the stamp
// before a closure's change is touched answers as of just before the
// change, which it overlapped; once the change's answer is sent, the
// stamp has moved.
type closureCache struct {
	mu     sync.Mutex
	stamp  string
	loaded bool
	list   closureList
}

// closureList is a set of closures filtered in memory as the store does.
type closureList []Closure

// filter selects the closures f would: of f.Room or the whole centre,
// overlapping [From, To) (open bounds when zero), by start as stored.
func (l closureList) filter(f ClosureFilter) ([]Closure, error) {
	var out []Closure
	for _, c := range l {
		if (f.Room == "" || c.Room == "" || c.Room == f.Room) &&
			(f.To.IsZero() || c.Start.Before(f.To)) && (f.From.IsZero() || c.End.After(f.From)) {
			out = append(out, c)
		}
	}
	return out, nil
}

// closuresForRead returns every closure, cached by the closures stamp;
// callers must not modify them. Call it before opening a read
// transaction, never inside one: a load takes a connection of its own,
// and requests that each held one while waiting for another would
// exhaust the read pool and wait forever. It does not catch up with
// other instances itself: warmReads, its one caller, has just done so.
func (s *Service) closuresForRead(ctx context.Context) (closureList, error) {
	stamp := s.vers.stamp(closuresKey)
	s.cl.mu.Lock()
	if s.cl.loaded && s.cl.stamp == stamp {
		defer s.cl.mu.Unlock()
		return s.cl.list, nil
	}
	s.cl.mu.Unlock()
	var all []Closure
	err := s.store.View(ctx, func(tx Tx) (err error) {
		all, err = tx.Closures(ClosureFilter{})
		return err
	})
	if err != nil {
		return nil, err
	}
	s.cl.mu.Lock()
	defer s.cl.mu.Unlock()
	s.cl.stamp, s.cl.list, s.cl.loaded = stamp, all, true
	return all, nil
}
