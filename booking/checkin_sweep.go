package booking

import (
	"context"
	"log/slog"
	"time"
)

// SweepNoShows stores no_show on every booking that EffectiveStatus
// already reads as one, starting at from (zero: all history), in one
// transaction, as the system (no actor). Reads never depend on it; it
// keeps the stored record honest for the store's own filters, backups
// and reports. It returns how many it marked and the start to begin the
// next sweep at. Every instance sharing a store sweeps: the candidates
// are read inside the write transaction, which the store runs one at a
// time, so the second of two sweeps finds them stored and each booking
// is marked, and audited, once.
func (s *Service) SweepNoShows(ctx context.Context, from time.Time) (int, time.Time, error) {
	now := s.clock()
	to := now.Add(-CheckInGrace + time.Second) // deadline <= now
	var marked []Booking
	err := s.store.Update(ctx, func(tx Tx) error {
		list, err := tx.UncheckedBookings(from, to, 0)
		if err != nil {
			return err
		}
		for _, b := range list {
			if EffectiveStatus(b, now) == b.Status {
				continue // made after its deadline
			}
			effective(&b, now)
			if err := tx.SetBookingState(&b, now); err != nil {
				return err
			}
			marked = append(marked, b)
		}
		return nil
	})
	if err != nil {
		return 0, from, err
	}
	for _, b := range marked {
		s.vers.touch("room:"+b.Room, "user:"+b.UserID)
	}
	return len(marked), to, nil
}

// RunNoShowSweeper calls SweepNoShows every interval until ctx ends (main
// starts it beside the server); the first sweep covers all history, each
// later one only what began since. Errors are logged and retried.
func (s *Service) RunNoShowSweeper(ctx context.Context, every time.Duration, log *slog.Logger) {
	var from time.Time
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, next, err := s.SweepNoShows(ctx, from)
		if err != nil && ctx.Err() == nil {
			log.Error("no-show sweep", "err", err)
		} else if err == nil {
			from = next
			if n > 0 {
				log.Info("未到已记录 no-shows recorded", "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
