package booking

import (
	"context"
	"slices"
	"time"

	"mingzhu/calendar"
)

// SeriesPatch changes a series from now on; nil fields stay as they are.
type SeriesPatch struct {
	Title      *string
	Room       *string
	Start, End *time.Time
	RRule      *string
	// SkipHolidays turns skipping days off on or off from now on.
	SkipHolidays *bool
	OnConflict   string
}

// request is the image of p for the audit line of its refusal.
func (p *SeriesPatch) request(id string) seriesRequest {
	r := seriesRequest{Series: id}
	if p.Room != nil {
		r.Room = *p.Room
	}
	if p.Start != nil {
		r.Start = utc(*p.Start)
	}
	if p.End != nil {
		r.End = utc(*p.End)
	}
	if p.RRule != nil {
		r.RRule = *p.RRule
	}
	return r
}

// field names the first thing p reshapes, for refusals of the result.
func (p *SeriesPatch) field() string {
	switch {
	case p.RRule != nil:
		return "rrule"
	case p.Start != nil:
		return "start"
	case p.End != nil:
		return "end"
	case p.SkipHolidays != nil:
		return "skip_holidays"
	}
	return "room"
}

func (p *SeriesPatch) reshapes() bool {
	return p.Room != nil || p.Start != nil || p.End != nil || p.RRule != nil || p.SkipHolidays != nil
}

// PatchSeries edits a series. A new title applies to all of it; a new
// room, time or rule applies to occurrences from now on, which are checked
// again, while past occurrences stay as they were.
func (s *Service) PatchSeries(ctx context.Context, actor *User, id string, p SeriesPatch) (_ *SeriesResult, err error) {
	ctx = actingAs(ctx, actor)
	defer func() { err = s.auditRefusalOf(ctx, AuditSeries, actor, p.request(id), err) }()
	if p.Title != nil {
		if err := checkSeriesTitle(*p.Title); err != nil {
			return nil, err
		}
	}
	if p.OnConflict != "" && p.OnConflict != OnConflictReject && p.OnConflict != OnConflictSkip {
		return nil, Invalid("on_conflict", "须为reject（拒绝）或skip（跳过） on_conflict must be reject or skip")
	}
	now := s.clock()
	var res *SeriesResult
	var keys []string
	err = s.store.Update(ctx, func(tx Tx) error {
		se, err := tx.Series(id)
		if err != nil {
			return err
		}
		if err := s.mayManage(tx, actor, se.Team); err != nil {
			return err
		}
		keys = seriesKeys(se)
		res = &SeriesResult{Series: se, Skipped: []time.Time{}}
		if p.Title != nil {
			se.Title = *p.Title
		}
		if p.reshapes() {
			if res, err = s.reshape(tx, actor, se, p, now); err != nil {
				return err
			}
		}
		se.Sequence++
		se.UpdatedAt = now
		keys = append(keys, seriesKeys(se)...)
		return s.save(tx, se, false)
	})
	if err != nil {
		return nil, err
	}
	s.vers.touch(keys...)
	s.presentSeries(res.Series)
	return res, nil
}

// reshape closes the current part at the cutoff (or replaces it if none
// of its dates is past) and opens the changed definition from the cutoff
// on, then checks the new part against the room. The cutoff is now, or
// the end of an occurrence in progress: that one stays as it was, and the
// new definition cannot overlap it.
func (s *Service) reshape(tx Tx, actor *User, se *Series, p SeriesPatch, now time.Time) (*SeriesResult, error) {
	if len(se.Parts) == 0 { // only moved dates that took place remain
		return nil, Invalid("id", "课程已结束，不能再改时间或地点；请新建课程 the series has ended; create a new one to schedule it again")
	}
	cur := se.Current()
	next, err := s.patchedPart(tx, *cur, p)
	if err != nil {
		return nil, err
	}
	if !cur.Until.IsZero() && !cur.Until.After(now) {
		return nil, Invalid("id", "课程已结束，不能再改时间或地点；请新建课程 the series has ended; create a new one to schedule it again")
	}
	curRule, err := s.storedRule(*cur, se.excluded())
	if err != nil {
		return nil, err
	}
	cutoff, err := inProgressEnd(curRule, now)
	if err != nil {
		return nil, err
	}
	curBare, err := s.buildRule(*cur, nil)
	if err != nil {
		return nil, err
	}
	if last, ok := curBare.Last(); ok && last.Start.Before(cutoff) {
		return nil, Invalid("id", "课程的所有日期都已过去，不能再改时间或地点；请新建课程 every date of the series is past; create a new one to schedule it again")
	}
	next.From, next.Until = cutoff, time.Time{}
	if curBare.First().Start.Before(cutoff) {
		// Some of the current part is past (held, cancelled or moved): it
		// stays on record up to the cutoff.
		cur.Until = cutoff
		se.Parts = append(se.Parts, next)
		s.dropEmptyPart(se, len(se.Parts)-2)
	} else {
		next.From = cur.From
		*cur = next
	}
	bare, err := s.buildRule(next, nil)
	if err != nil {
		return nil, fieldError(err)
	}
	s.carryOver(se, bare, next.Start, cutoff)
	rule, err := s.redefinePart(se, se.Current(), p.field())
	if err != nil {
		return nil, err
	}
	res, err := s.placeSeries(tx, actor, se, rule, p.OnConflict, false)
	return res, quietPatchField(err, p)
}

// patchedPart is cur with the patch's room, time and rule applied.
func (s *Service) patchedPart(tx Tx, next Part, p SeriesPatch) (Part, error) {
	if p.Room != nil {
		if _, err := tx.Room(*p.Room); err != nil {
			return next, err
		}
		next.Room = *p.Room
	}
	if p.Start != nil {
		d := next.End.Sub(next.Start)
		next.Start, next.End = *p.Start, p.Start.Add(d)
	}
	if p.End != nil {
		next.End = *p.End
	}
	if p.RRule != nil {
		rr, err := calendar.CanonicalRRule(*p.RRule)
		if err != nil {
			return next, fieldError(err)
		}
		next.RRule = rr
	}
	if p.SkipHolidays != nil {
		next.SkipHolidays = *p.SkipHolidays
	}
	return next, validateInterval(next.Start, next.End, "start", "end")
}

// inProgressEnd is the end of rule's occurrence in progress at now, or now.
func inProgressEnd(rule *calendar.Rule, now time.Time) (time.Time, error) {
	occ, err := rule.Between(now.Add(-MaxDuration), now.Add(time.Second))
	if err != nil {
		return time.Time{}, tooMuchWork(err)
	}
	cutoff := now
	for _, o := range occ {
		if o.Start.Before(now) && o.End.After(cutoff) {
			cutoff = o.End
		}
	}
	return cutoff, nil
}

// dropEmptyPart removes part i when every one of its dates was cancelled
// or excluded, so none takes place: such a part says nothing, and its
// cancellations go with it. A part whose remaining dates were moved stays
// (see storedRule).
func (s *Service) dropEmptyPart(se *Series, i int) {
	p := se.Parts[i]
	if _, err := s.buildRule(p, se.excluded()); err == nil {
		return
	}
	bare, err := s.buildRule(p, nil)
	if err != nil || s.movedFrom(se, p) {
		return
	}
	se.Parts = slices.Delete(se.Parts, i, i+1)
	se.ExDates = slices.DeleteFunc(se.ExDates, bare.IsOccurrence)
	se.Exceptions = slices.DeleteFunc(se.Exceptions, func(e Exception) bool {
		return e.Action == ActionCancel && bare.IsOccurrence(e.Original)
	})
}

// DeleteSeries ends a series now: future occurrences go, past ones stay
// on record. A series with no past at all is removed entirely.
func (s *Service) DeleteSeries(ctx context.Context, actor *User, id string) error {
	ctx = actingAs(ctx, actor)
	now := s.clock()
	var keys []string
	defer func() { s.vers.touch(keys...) }()
	return s.store.Update(ctx, func(tx Tx) error {
		se, err := tx.Series(id)
		if err != nil {
			return err
		}
		if err := s.mayManage(tx, actor, se.Team); err != nil {
			return err
		}
		keys = seriesKeys(se)
		var parts []Part
		for _, p := range se.Parts {
			bare, err := s.buildRule(p, nil)
			if err != nil {
				return err
			}
			if bare.First().Start.Before(now) { // some of it is past: held, cancelled or moved
				if p.Until.IsZero() || p.Until.After(now) {
					p.Until = now
				}
				parts = append(parts, p)
			}
		}
		se.Exceptions = endExceptions(se.Exceptions, now)
		if len(parts) == 0 && len(se.moves()) == 0 {
			return tx.DeleteSeries(id)
		}
		// What remains: the parts with a past, and moved dates that took
		// place (one moved earlier may outlive its part, and stands alone).
		se.Parts = parts
		se.ExDates = slices.DeleteFunc(se.ExDates, func(t time.Time) bool { return !t.Before(now) })
		se.Sequence++
		se.UpdatedAt = now
		return s.save(tx, se, false)
	})
}

// endExceptions keeps what exceptions did to the past when a series ends
// at now: those wholly in the future go; a past date moved into the
// future becomes a cancellation, so its original slot stays free.
func endExceptions(list []Exception, now time.Time) []Exception {
	var out []Exception
	for _, e := range list {
		past := e.Original.Before(now)
		switch {
		case e.Action == ActionMove && past && !e.Start.Before(now):
			out = append(out, Exception{Original: e.Original, Action: ActionCancel})
		case past || (e.Action == ActionMove && e.Start.Before(now)):
			out = append(out, e)
		}
	}
	return out
}

// carryOver moves future exdates and exceptions onto the new definition:
// a date cancelled or moved at the old time stays cancelled or moved at
// the new time on the same local day. Those whose day the new rule does
// not hold are dropped.
func (s *Service) carryOver(se *Series, bare *calendar.Rule, newStart, cutoff time.Time) {
	remap := func(t time.Time) (time.Time, bool) {
		if t.Before(cutoff) || bare.IsOccurrence(t) {
			return t, true
		}
		y, m, d := t.In(s.loc).Date()
		h, mi, sec := newStart.In(s.loc).Clock()
		c := time.Date(y, m, d, h, mi, sec, 0, s.loc)
		return c, bare.IsOccurrence(c)
	}
	var ex []time.Time
	for _, t := range se.ExDates {
		if c, ok := remap(t); ok {
			ex = append(ex, c)
		}
	}
	var exc []Exception
	for _, e := range se.Exceptions {
		if e.Action == ActionMove && e.Start.Before(cutoff) {
			exc = append(exc, e) // it took place (or has begun) where it was moved to
			continue
		}
		if c, ok := remap(e.Original); ok {
			e.Original = c
			exc = append(exc, e)
		}
	}
	se.ExDates, se.Exceptions = ex, exc
}

// movedFrom reports whether some date of part p was moved (and so still
// takes place).
func (s *Service) movedFrom(se *Series, p Part) bool {
	bare, err := s.buildRule(p, nil)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(se.moves(), func(m Exception) bool { return bare.IsOccurrence(m.Original) })
}
