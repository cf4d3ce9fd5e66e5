package booking

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"mingzhu/calendar"
)

// clashLimit is how many clashing occurrences a 409 lists; the full count
// travels beside it.
const clashLimit = 500

// denseSeries is the occurrence count above which a series is checked
// against a room's bookings by loading them all, rather than by one
// indexed range query per occurrence.
const denseSeries = 1000

// clashReport is everything a proposed series part collides with.
type clashReport struct {
	clashes   []Clash
	total     int
	unbounded bool
}

// add merges other clashes in.
func (r *clashReport) add(cs []Clash, total int, unbounded bool) {
	r.clashes = append(r.clashes, cs...)
	r.total += total
	r.unbounded = r.unbounded || unbounded
}

// sorted orders clashes earliest first and keeps at most limit.
func (r *clashReport) sorted(limit int) []Clash {
	r.clashes = slices.DeleteFunc(r.clashes, func(c Clash) bool {
		// Two open-ended series can first clash past LatestTime: such
		// clashes still count (and still refuse the series) but cannot be
		// listed, since RFC 3339 has four-digit years.
		return c.OccurrenceEnd.After(LatestTime) || c.With.End.After(LatestTime)
	})
	slices.SortFunc(r.clashes, func(a, b Clash) int {
		return cmp.Or(a.OccurrenceStart.Compare(b.OccurrenceStart), a.With.Start.Compare(b.With.Start),
			cmp.Compare(a.With.Kind, b.With.Kind), cmp.Compare(a.With.ID, b.With.ID))
	})
	if len(r.clashes) > limit {
		return r.clashes[:limit]
	}
	return r.clashes
}

// clashes finds every occurrence of rule (in room) that collides with a
// booking, another series or a moved occurrence there, exactly and at any
// date: series pairs go through calendar.Clashes, which sweeps their
// combined period. Series self is left out (it is being edited). At most
// limit clashes per other series are gathered; the totals are exact.
func (s *Service) clashes(tx Tx, rule *calendar.Rule, room string, self *Series, limit int) (*clashReport, error) {
	rep := &clashReport{}
	first := rule.First()
	last, bounded := rule.Last()
	f := SeriesFilter{Room: room, From: first.Start}
	if bounded {
		f.To = last.End
	}
	others, err := tx.SeriesList(f)
	if err != nil {
		return nil, err
	}
	for _, o := range others {
		if o.ID == self.ID {
			continue
		}
		if err := s.clashSeries(rep, rule, room, o, limit); err != nil {
			return nil, err
		}
	}
	// The series' own moved dates keep their slots too.
	if err := s.clashMoves(rep, rule, room, self); err != nil {
		return nil, err
	}
	if err := s.clashBookings(tx, rep, rule, room); err != nil {
		return nil, err
	}
	return rep, nil
}

// clashSeries compares rule with every part and move of o in room.
func (s *Service) clashSeries(rep *clashReport, rule *calendar.Rule, room string, o *Series, limit int) error {
	for i, p := range o.Parts {
		if p.Room != room {
			continue
		}
		other, err := s.partRule(o, i)
		if err != nil {
			return err
		}
		res, err := calendar.Clashes(rule, other, limit)
		if err != nil {
			return tooMuchWork(err)
		}
		cs := make([]Clash, 0, len(res.Pairs))
		for _, p := range res.Pairs {
			cs = append(cs, s.seriesClash(p.A, o, p.B.Start, p.B.End))
		}
		rep.add(cs, res.Total, res.Unbounded)
	}
	return s.clashMoves(rep, rule, room, o)
}

// clashMoves compares rule with the occurrences o moved into room.
func (s *Service) clashMoves(rep *clashReport, rule *calendar.Rule, room string, o *Series) error {
	for _, m := range o.moves() {
		if m.Room != room {
			continue
		}
		occ, err := rule.Between(m.Start, m.End)
		if err != nil {
			return tooMuchWork(err)
		}
		for _, a := range occ {
			rep.add([]Clash{s.seriesClash(a, o, m.Start, m.End)}, 1, false)
		}
	}
	return nil
}

// clashBookings compares rule with the room's confirmed bookings. A short
// series asks the index once per occurrence; a long or unbounded one loads
// the bookings from its first occurrence on (a finite set) and tests each.
func (s *Service) clashBookings(tx Tx, rep *clashReport, rule *calendar.Rule, room string) error {
	n, bounded := rule.Count()
	first := rule.First()
	if bounded && n <= denseSeries {
		last, _ := rule.Last()
		occ, err := rule.Between(first.Start, last.End)
		if err != nil {
			return tooMuchWork(err)
		}
		for chunk := range slices.Chunk(occ, windowsPerQuery) {
			if err := s.clashBookingWindows(tx, rep, room, chunk); err != nil {
				return err
			}
		}
		return nil
	}
	f := BookingFilter{Room: room, From: first.Start, Holding: true}
	if last, ok := rule.Last(); ok {
		f.To = last.End
	}
	bs, err := tx.Bookings(f)
	if err != nil {
		return err
	}
	for _, b := range bs {
		occ, err := rule.Between(b.Start, b.End)
		if err != nil {
			return tooMuchWork(err)
		}
		for _, a := range occ {
			rep.add([]Clash{s.bookingClash(a, b)}, 1, false)
		}
	}
	return nil
}

// windowsPerQuery keeps one query's parameters well under SQLite's limit.
const windowsPerQuery = 200

// clashBookingWindows asks for the bookings overlapping any of occ in one
// query, then pairs each with the occurrences it overlaps.
func (s *Service) clashBookingWindows(tx Tx, rep *clashReport, room string, occ []calendar.Occurrence) error {
	f := BookingFilter{Room: room, Holding: true}
	for _, a := range occ {
		f.Windows = append(f.Windows, Window{From: a.Start, To: a.End})
	}
	bs, err := tx.Bookings(f)
	if err != nil {
		return err
	}
	for _, b := range bs {
		i, _ := slices.BinarySearchFunc(occ, b.Start, func(o calendar.Occurrence, t time.Time) int { return o.End.Compare(t) })
		for ; i < len(occ) && occ[i].Start.Before(b.End); i++ {
			if Overlaps(occ[i].Start, occ[i].End, b.Start, b.End) {
				rep.add([]Clash{s.bookingClash(occ[i], b)}, 1, false)
			}
		}
	}
	return nil
}

// seriesClash describes a clash of occurrence a with o's occurrence
// [start, end).
func (s *Service) seriesClash(a calendar.Occurrence, o *Series, start, end time.Time) Clash {
	return Clash{OccurrenceStart: s.local(a.Start), OccurrenceEnd: s.local(a.End),
		With: Conflict{Kind: KindSeries, ID: o.ID, Title: o.Title, Start: s.local(start), End: s.local(end)}}
}

// bookingClash describes a clash with a booking; presentClashes later
// hides its title from anyone but staff and the booker.
func (s *Service) bookingClash(a calendar.Occurrence, b Booking) Clash {
	return Clash{OccurrenceStart: s.local(a.Start), OccurrenceEnd: s.local(a.End),
		With: Conflict{Kind: KindBooking, ID: b.ID, Title: b.Title, UserID: b.UserID, Start: s.local(b.Start), End: s.local(b.End)}}
}

// tooMuchWork turns the calendar's work bound into a clear refusal.
func tooMuchWork(err error) error {
	if errors.Is(err, calendar.ErrTooMuchWork) {
		return Invalid("rrule", "重复规则展开过多，请缩短范围 the rule expands to too many occurrences to check; shorten it")
	}
	return err
}

// fieldError maps the calendar's validation errors onto the domain's.
func fieldError(err error) error {
	var fe *calendar.FieldError
	if errors.As(err, &fe) {
		return &Error{Code: EINVALID, Field: fe.Field, Message: fe.Error()}
	}
	return tooMuchWork(err)
}
