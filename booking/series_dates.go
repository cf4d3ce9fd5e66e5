package booking

import (
	"cmp"
	"context"
	"slices"
	"time"

	"mingzhu/calendar"
)

// ClassDate is one date of a series as its class page lists it: the
// start its rule gave it (the key for cancelling or moving it), and what
// became of it. A moved date carries its new time and room; a cancelled
// one keeps the time it would have had.
type ClassDate struct {
	Original   time.Time
	Start, End time.Time
	Room       string
	// State is "" (takes place as planned), ActionMove or ActionCancel.
	State string
	// Closed is the reason of a closure that suspends this date (it is
	// not held, and returns if the closure is deleted); "" otherwise.
	Closed string
}

// upcomingStep and upcomingReach bound the search for a series' next
// dates: windows of a quarter, for at most about four years, so that a
// sparse rule (every 53 weeks, say) costs a few small expansions and a
// dense one a single window.
const (
	upcomingStep  = 92 * 24 * time.Hour
	upcomingReach = 16
)

// UpcomingDates returns series id and its next n dates that have not
// ended by now, in order of their original starts: the dates its parts'
// rules place (dates left out when it was created, such as skipped
// clashes, are not dates of the class), with cancelled and moved ones
// marked. Unlike Occurrences, it shows a cancelled date, so a leader can
// see what was called off. ENOTFOUND when there is no such series.
func (s *Service) UpcomingDates(ctx context.Context, id string, n int) (*Series, []ClassDate, error) {
	se, err := s.Series(ctx, id)
	if err == nil {
		err = s.warmHolidays(ctx) // skipHolidays below reads the cache
	}
	if err != nil {
		return nil, nil, err
	}
	rules := make([]*calendar.Rule, len(se.Parts))
	for i, p := range se.Parts {
		if rules[i], err = s.storedRule(p, se.ExDates); err == nil {
			rules[i], err = s.skipHolidays(p, rules[i], true)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	now := s.clock()
	var out []ClassDate
	for w := 0; w < upcomingReach && len(out) < n; w++ {
		from := now.Add(time.Duration(w) * upcomingStep)
		dates, err := s.datesBetween(se, rules, from, from.Add(upcomingStep))
		if err != nil {
			return nil, nil, err
		}
		// A date spanning the window's edge is listed by both windows.
		for _, d := range dates {
			if !slices.ContainsFunc(out, func(o ClassDate) bool { return o.Original.Equal(d.Original) }) {
				out = append(out, d)
			}
		}
	}
	out = append(out, earlyMoves(se, now, out)...)
	slices.SortFunc(out, func(a, b ClassDate) int { return cmp.Compare(a.Original.Unix(), b.Original.Unix()) })
	if len(out) > n {
		out = out[:n]
	}
	return se, out, s.markClosed(ctx, out)
}

// markClosed sets Closed on the dates a closure suspends, as Occurrences
// leaves them out.
func (s *Service) markClosed(ctx context.Context, dates []ClassDate) error {
	if len(dates) == 0 {
		return nil
	}
	from, to := dates[0].Start, dates[0].End
	for _, d := range dates {
		from, to = earlier(from, d.Start), later(to, d.End)
	}
	var cs []Closure
	err := s.store.View(ctx, func(tx Tx) (err error) {
		cs, err = tx.Closures(ClosureFilter{From: from, To: to})
		return err
	})
	for i, d := range dates {
		if j := slices.IndexFunc(cs, func(c Closure) bool { return c.Suspends(d.Room, d.Start, d.End) }); j >= 0 && d.State != ActionCancel {
			dates[i].Closed = cs[j].Reason
		}
	}
	return err
}

// datesBetween lists se's dates whose planned time overlaps [from, to),
// each marked with its exception, if any; rules[i] is part i's rule with
// se's exdates left out (but not its exceptions).
func (s *Service) datesBetween(se *Series, rules []*calendar.Rule, from, to time.Time) ([]ClassDate, error) {
	var out []ClassDate
	for i, p := range se.Parts {
		occ, err := rules[i].Between(from, to)
		if err != nil {
			return nil, tooMuchWork(err)
		}
		for _, o := range occ {
			d := ClassDate{Original: s.local(o.Start), Start: s.local(o.Start), End: s.local(o.End), Room: p.Room}
			if i := slices.IndexFunc(se.Exceptions, func(e Exception) bool { return e.Original.Equal(o.Start) }); i >= 0 {
				e := se.Exceptions[i]
				d.State = e.Action
				if e.Action == ActionMove {
					d.Start, d.End, d.Room = e.Start, e.End, e.Room
				}
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// earlyMoves are dates whose planned time is past but which were moved to
// a time still to come (a calendar import can record such a move), and
// are not listed yet.
func earlyMoves(se *Series, now time.Time, listed []ClassDate) []ClassDate {
	var out []ClassDate
	for _, m := range se.moves() {
		if m.End.After(now) && !m.Original.After(now) &&
			!slices.ContainsFunc(listed, func(d ClassDate) bool { return d.Original.Equal(m.Original) }) {
			out = append(out, ClassDate{Original: m.Original, Start: m.Start, End: m.End, Room: m.Room, State: ActionMove})
		}
	}
	return out
}
