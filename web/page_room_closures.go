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
	return addClosures(occ, cs, room), err
}

// addClosures adds the closures in cs that shut room (its own and the
// whole centre's) to occ as occupants, keeping the order by start.
func addClosures(occ []booking.Occurrence, cs []booking.Closure, room string) []booking.Occurrence {
	out := occ
	for _, c := range cs {
		if c.Room == "" || c.Room == room {
			if len(out) == len(occ) {
				out = slices.Clone(occ) // occ may be shared by every room's card
			}
			out = append(out, booking.Occurrence{Kind: booking.KindClosure, ID: c.ID, Room: room, Title: c.Reason, Start: c.Start, End: c.End})
		}
	}
	if len(out) == len(occ) {
		return occ
	}
	slices.SortStableFunc(out, func(a, b booking.Occurrence) int { return a.Start.Compare(b.Start) })
	return out
}
