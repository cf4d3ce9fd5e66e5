package booking

import (
	"cmp"
	"context"
	"slices"
	"time"

	"mingzhu/calendar"
)

// MaxQuietBreaches is how many breaches QuietBreaches lists; the count
// beside them is exact.
const MaxQuietBreaches = 100

// QuietBreaches lists the future uses of a room that its quiet hours
// forbid, earliest first (at most MaxQuietBreaches, with the full count):
// confirmed bookings that have not ended, series whose next dates fall in
// quiet hours (named by the next such date: every later date of that part
// does too) and moved dates not yet over. Staff only.
//
// It exists because a change of quiet hours does not undo what was
// already agreed: PATCH /rooms/:id keeps every booking and class that the
// new windows would refuse (cancelling people's plans silently would be
// worse than a noisy night the staff can arrange), and answers with this
// list so staff can speak to those people; the room's rules page shows it
// too. New requests are refused from the moment the rules change.
func (s *Service) QuietBreaches(ctx context.Context, actor *User, id string) ([]Conflict, int, error) {
	if !actor.IsStaff() {
		return nil, 0, Errorf(EFORBIDDEN, "仅工作人员可查看 only staff may see this")
	}
	now := s.clock()
	var out []Conflict
	err := s.viewWarm(ctx, func(tx Tx) error {
		room, err := tx.Room(id)
		if err != nil || len(room.Rules.QuietHours) == 0 {
			return err
		}
		ws := quietWindows(room.Rules.QuietHours)
		if out, err = s.bookingBreaches(tx, ws, id, now); err != nil {
			return err
		}
		more, err := s.seriesBreaches(tx, ws, id, now)
		out = append(out, more...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	slices.SortFunc(out, func(a, b Conflict) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	total := len(out)
	return out[:min(total, MaxQuietBreaches)], total, nil
}

// bookingBreaches are the room's confirmed bookings not yet over that
// overlap the windows.
func (s *Service) bookingBreaches(tx Tx, ws []quietWindow, room string, now time.Time) ([]Conflict, error) {
	bs, err := tx.Bookings(BookingFilter{Room: room, From: now, Holding: true})
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, b := range bs {
		if _, ok := quietOverlap(ws, b.Start, b.End, s.loc); ok {
			out = append(out, Conflict{Kind: KindBooking, ID: b.ID, Title: b.Title, UserID: b.UserID,
				Start: s.local(b.Start), End: s.local(b.End)})
		}
	}
	return out, nil
}

// seriesBreaches are the series with a part in room whose dates fall in
// the windows, each named by its next such date, and their moved dates
// into room that do.
func (s *Service) seriesBreaches(tx Tx, ws []quietWindow, room string, now time.Time) ([]Conflict, error) {
	list, err := tx.SeriesList(SeriesFilter{Room: room, From: now})
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, se := range list {
		for i, p := range se.Parts {
			if p.Room != room {
				continue
			}
			rule, err := s.partRule(se, i)
			if err != nil {
				return nil, err
			}
			if o, ok := nextOccurrence(rule, now); ok {
				if _, hit := quietOverlap(ws, o.Start, o.End, s.loc); hit {
					out = append(out, Conflict{Kind: KindSeries, ID: se.ID, Title: se.Title, Start: s.local(o.Start), End: s.local(o.End)})
				}
			}
		}
		for _, m := range se.moves() {
			if _, hit := quietOverlap(ws, m.Start, m.End, s.loc); hit && m.Room == room && m.End.After(now) {
				out = append(out, Conflict{Kind: KindSeries, ID: se.ID, Title: se.Title, Start: s.local(m.Start), End: s.local(m.End)})
			}
		}
	}
	return out, nil
}

// nextOccurrence is rule's first occurrence not over at now, looked for a
// year at a time over ten years (a class meets more often than that).
func nextOccurrence(rule *calendar.Rule, now time.Time) (calendar.Occurrence, bool) {
	if n, bounded := rule.Count(); bounded && n == 0 {
		return calendar.Occurrence{}, false
	}
	if f := rule.First(); f.End.After(now) {
		return f, true
	}
	for from := now; from.Before(now.AddDate(10, 0, 0)); from = from.AddDate(1, 0, 0) {
		occ, err := rule.Between(from, from.AddDate(1, 0, 0))
		if err != nil {
			return calendar.Occurrence{}, false
		}
		for _, o := range occ {
			if o.End.After(now) {
				return o, true
			}
		}
		if last, ok := rule.Last(); ok && !last.End.After(from) {
			break
		}
	}
	return calendar.Occurrence{}, false
}
