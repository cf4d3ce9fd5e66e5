package web

import (
	"context"
	"slices"
	"time"

	"mingzhu/booking"
)

// withClosures adds the room's closures in [from, to) to occ (sorted by
// start) as occupants of kind closure, so that the week grid shows them
// in their cells ("闭馆：维修") and offers no free time inside them.
func (s *Server) withClosures(ctx context.Context, room string, from, to time.Time, occ []booking.Occurrence) ([]booking.Occurrence, error) {
	cs, err := s.svc.Closures(ctx, booking.ClosureFilter{Room: room, From: from, To: to})
	if err != nil || len(cs) == 0 {
		return occ, err
	}
	out := slices.Clone(occ)
	for _, c := range cs {
		out = append(out, booking.Occurrence{Kind: booking.KindClosure, ID: c.ID, Room: room, Title: c.Reason, Start: c.Start, End: c.End})
	}
	slices.SortStableFunc(out, func(a, b booking.Occurrence) int { return a.Start.Compare(b.Start) })
	return out, nil
}
