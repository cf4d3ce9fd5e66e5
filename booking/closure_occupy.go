package booking

import "slices"

// closureOccupancy applies the closures bearing on q to out, the
// occupants of q's window: series occurrences inside a closure of their
// room (or of the whole centre) are suspended, so they are dropped; and
// when q.Closures is set the closures themselves join as occupants
// (Kind "closure"), so a one-off booking or a moved date inside one is
// refused like a clash. A closure is never a clash for a series: it
// suspends the dates instead, which return when it is deleted.
// closures gives the closures a filter selects: the transaction's own
// (tx.Closures, exact, for writes) or the cached ones (closuresForRead,
// for reads).
func (s *Service) closureOccupancy(closures closureSource, q OccurrenceQuery, out []Occurrence) ([]Occurrence, error) {
	cs, err := closures(ClosureFilter{Room: q.Room, From: q.From, To: q.To})
	if err != nil || len(cs) == 0 {
		return out, err
	}
	out = slices.DeleteFunc(out, func(o Occurrence) bool { return o.Kind == KindSeries && suspended(cs, o) })
	if q.Closures {
		for _, c := range cs {
			out = append(out, closureOccurrence(c, q.Room))
		}
	}
	return out, nil
}

// suspended reports whether a closure in cs suspends class date o
// (Closure.Suspends).
func suspended(cs []Closure, o Occurrence) bool {
	return slices.ContainsFunc(cs, func(c Closure) bool { return c.Suspends(o.Room, o.Start, o.End) })
}

// covered reports whether a closure in cs shuts o's room during o at
// all: for a slot about to be taken, which nothing may take inside a
// closure.
func covered(cs []Closure, o Occurrence) bool {
	return slices.ContainsFunc(cs, func(c Closure) bool { return c.Covers(o.Room, o.Start, o.End) })
}

// closureOccurrence lists closure c as an occupant of room (the room
// asked about, for a whole-centre closure).
func closureOccurrence(c Closure, room string) Occurrence {
	if c.Room != "" {
		room = c.Room
	}
	return Occurrence{Kind: KindClosure, ID: c.ID, Room: room, Title: c.Reason, Start: c.Start, End: c.End}
}
