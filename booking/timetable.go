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
}

// seriesForRead returns the cached series matching f. The values are
// shared: callers must not modify them.
func (s *Service) seriesForRead(ctx context.Context, f SeriesFilter) ([]*Series, error) {
	stamp := s.vers.stamp("courses")
	s.tt.mu.Lock()
	all, ok := s.tt.series, s.tt.stamp == stamp && s.tt.series != nil
	s.tt.mu.Unlock()
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
	return slices.DeleteFunc(slices.Clone(all), func(se *Series) bool { return !f.matches(se) }), nil
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
