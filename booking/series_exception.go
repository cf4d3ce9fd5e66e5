package booking

import (
	"context"
	"slices"
	"time"
)

// ExceptionRequest cancels or moves one occurrence, named by its original
// start.
type ExceptionRequest struct {
	Occurrence time.Time
	Action     string
	Start, End time.Time
	Room       string
}

// AddException cancels or moves one future occurrence of a series. A move
// is checked like a booking; the occurrence's own original slot does not
// count against it. A later exception for the same date replaces an
// earlier one.
func (s *Service) AddException(ctx context.Context, actor *User, id string, r ExceptionRequest) (_ *Series, err error) {
	ctx = actingAs(ctx, actor)
	defer func() {
		err = s.auditRefusalOf(ctx, AuditSeries, actor, seriesRequest{Series: id, Room: r.Room, Start: utc(r.Start), End: utc(r.End)}, err)
	}()
	if r.Occurrence.IsZero() {
		return nil, Invalid("occurrence", "缺少原定开始时间 occurrence (the original start) is required")
	}
	if r.Action != ActionCancel && r.Action != ActionMove {
		return nil, Invalid("action", "须为cancel（取消）或move（改期） action must be cancel or move")
	}
	now := s.clock()
	var se *Series
	var keys []string
	err = s.store.Update(ctx, func(tx Tx) (err error) {
		if se, err = tx.Series(id); err != nil {
			return err
		}
		if err := s.mayManage(tx, actor, se.Team); err != nil {
			return err
		}
		keys = seriesKeys(se)
		return s.addException(tx, actor, se, r, now, false)
	})
	if err != nil {
		return nil, err
	}
	s.vers.touch(append(keys, seriesKeys(se)...)...)
	s.presentSeries(se)
	return se, nil
}

// addException applies one exception to se inside the caller's
// transaction and saves it.
//
// history is for imports: what a calendar file says already happened (a
// past date cancelled, or moved to a time now past) is recorded as it is;
// a past date moved into the future is checked like any move.
func (s *Service) addException(tx Tx, actor *User, se *Series, r ExceptionRequest, now time.Time, history bool) error {
	if err := checkTime("occurrence", r.Occurrence); err != nil {
		return err
	}
	part, err := s.partOf(se, r.Occurrence)
	if err != nil {
		return err
	}
	past := r.Occurrence.Before(now)
	if past && !history {
		return Invalid("occurrence", "该次活动已开始，不能更改 that occurrence has already begun")
	}
	e := Exception{Original: r.Occurrence, Action: r.Action}
	if r.Action == ActionMove {
		// A past date that a calendar file says was held elsewhere, at a
		// time also past, is recorded as it was; every other move is
		// checked like one through the API.
		record := history && past && !r.End.After(now)
		if e, err = s.checkMove(tx, actor, se, part, r, now, record); err != nil {
			return err
		}
	}
	se.Exceptions = slices.DeleteFunc(se.Exceptions, func(x Exception) bool { return x.Original.Equal(r.Occurrence) })
	se.Exceptions = append(se.Exceptions, e)
	slices.SortFunc(se.Exceptions, func(a, b Exception) int { return a.Original.Compare(b.Original) })
	se.Sequence++
	se.UpdatedAt = now
	if s.allCancelled(se, *part) {
		// That was the part's last date: the part goes, and with its last
		// part the series (nothing of it takes place any more).
		gone := *part
		se.Parts = slices.DeleteFunc(se.Parts, func(p Part) bool { return p.Start.Equal(gone.Start) && p.From.Equal(gone.From) })
		if len(se.Parts) == 0 {
			return tx.DeleteSeries(se.ID)
		}
	}
	return s.save(tx, se, false)
}

// allCancelled reports whether every date of part p is excluded and none
// of them was moved (a moved date still takes place).
func (s *Service) allCancelled(se *Series, p Part) bool {
	if _, err := s.buildRule(p, se.excluded()); err == nil {
		return false
	}
	return !s.movedFrom(se, p)
}

// partOf finds the part whose rule (exdates aside) has an occurrence at t.
func (s *Service) partOf(se *Series, t time.Time) (*Part, error) {
	for i := range se.Parts {
		r, err := s.storedRule(se.Parts[i], se.ExDates)
		if err != nil {
			return nil, err
		}
		if r.IsOccurrence(t) {
			return &se.Parts[i], nil
		}
	}
	return nil, Invalid("occurrence", "该时间不是本课程的一次活动 that is not an occurrence of this series")
}

// checkMove validates a move and checks its new slot against the room,
// its quiet hours included; a move recorded as history (see addException)
// may lie in the past, but must not overlap anything either (another date
// of its own class, say); it is what took place, so quiet hours (today's
// rules) do not undo it.
func (s *Service) checkMove(tx Tx, actor *User, se *Series, part *Part, r ExceptionRequest, now time.Time, record bool) (Exception, error) {
	if err := validateInterval(r.Start, r.End, "start", "end"); err != nil {
		return Exception{}, err
	}
	if err := s.checkWallClock(r.Start, r.End, "start", "end"); err != nil {
		return Exception{}, err
	}
	if r.Room == "" {
		r.Room = part.Room
	}
	room, err := tx.Room(r.Room)
	if err != nil {
		return Exception{}, err
	}
	if !r.End.After(now) && !record {
		return Exception{}, Invalid("start", "不能移到已过去的时间 cannot move to a time that has passed")
	}
	occ, err := s.occupancy(tx, OccurrenceQuery{Room: r.Room, From: r.Start, To: r.End, Closures: true}, "")
	if err != nil {
		return Exception{}, err
	}
	occ = slices.DeleteFunc(occ, func(o Occurrence) bool {
		return o.SeriesID == se.ID && o.Original.Equal(r.Occurrence)
	})
	if len(occ) > 0 {
		return Exception{}, s.conflictError(occ, actor)
	}
	if err := s.checkQuiet(room, r.Start, r.End); err != nil && !record {
		return Exception{}, err
	}
	return Exception{Original: r.Occurrence, Action: ActionMove, Start: r.Start, End: r.End, Room: r.Room}, nil
}
