package booking

import (
	"context"
	"slices"
	"sync"
)

// timetable caches every series for reads. Series change rarely and are
// read on every listing and feed, so listings use this copy instead of
// loading them per request. It is reloaded whenever the "courses" version
// moved, which every series write touches after it commits; the version is
// read before loading, so a reload can never be tagged newer than its data.
// Writes never use it: their checks read inside their own transaction.
type timetable struct {
	mu     sync.Mutex
	stamp  string
	series []*Series
	// loading is held by the one reader that reloads: the others wait for
	// it rather than each load every series at once (after an import of
	// hundreds of series, four readers loading them together cost the
	// bookings behind them tens of milliseconds).
	loading sync.Mutex
}

// seriesForRead returns the cached series matching f. The values are
// shared: callers must not modify them. Call warmReads first.
func (s *Service) seriesForRead(ctx context.Context, f SeriesFilter) ([]*Series, error) {
	all, err := s.timetableNow(ctx)
	if err != nil {
		return nil, err
	}
	return matching(all, f), nil
}

// matching is the series of all that f selects, in a list of its own.
func matching(all []*Series, f SeriesFilter) []*Series {
	return slices.DeleteFunc(slices.Clone(all), func(se *Series) bool { return !f.matches(se) })
}

// timetableNow is every series as of the courses stamp, loaded if the
// cache is stale; the values are shared. Call it outside transactions
// only: a reload takes a connection of its own. It does not catch up
// with other instances itself: every read calls warmReads first, which
// does.
func (s *Service) timetableNow(ctx context.Context) ([]*Series, error) {
	stamp := s.vers.stamp("courses")
	all, ok := s.tt.cached(stamp)
	if !ok {
		s.tt.loading.Lock()
		defer s.tt.loading.Unlock()
		all, ok = s.tt.cached(stamp) // loaded while this one waited?
	}
	if !ok {
		err := s.store.View(ctx, func(tx Tx) (err error) {
			all, err = tx.SeriesList(SeriesFilter{})
			return err
		})
		if err != nil {
			return nil, err
		}
		if all == nil {
			all = []*Series{}
		}
		s.tt.mu.Lock()
		s.tt.stamp, s.tt.series = stamp, all
		s.tt.mu.Unlock()
	}
	return all, nil
}

// warmReads loads whatever read caches are stale (the timetable, the
// holiday overrides, the closures) before a read opens its transaction.
// Each load takes a read connection of its own; inside a transaction,
// requests that each held a connection while waiting for another would
// exhaust the pool and wait forever. A change landing between the warm-up
// and the read may still make one load inside: rare, and one at a time
// per cache. It returns the closures, which the caller may filter. On a
// shared store it applies other instances' changes once, for all three.
func (s *Service) warmReads(ctx context.Context) (closureList, error) {
	s.catchUpFor(ctx)
	if _, err := s.timetableNow(ctx); err != nil {
		return nil, err
	}
	if err := s.loadHolidays(s.viewIn(ctx)); err != nil {
		return nil, err
	}
	return s.closuresForRead(ctx)
}

// cached returns the series loaded at stamp, if those are the ones held.
func (tt *timetable) cached(stamp string) ([]*Series, bool) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return tt.series, tt.stamp == stamp && tt.series != nil
}

// matches applies a filter in memory, as the store does in SQL.
func (f SeriesFilter) matches(se *Series) bool {
	if f.Team != "" && se.Team != f.Team {
		return false
	}
	for _, p := range se.Parts {
		if (f.Room == "" || p.Room == f.Room) && (f.To.IsZero() || p.FirstStart.Before(f.To)) &&
			(f.From.IsZero() || p.LastEnd.IsZero() || p.LastEnd.After(f.From)) {
			return true
		}
	}
	for _, m := range se.moves() {
		if (f.Room == "" || m.Room == f.Room) && (f.To.IsZero() || m.Start.Before(f.To)) && (f.From.IsZero() || m.End.After(f.From)) {
			return true
		}
	}
	return false
}
