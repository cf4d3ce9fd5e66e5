package booking

import (
	"slices"
	"time"
)

// A series that skips holidays leaves its dates on days off out, so the
// room is free then and may be booked. A holiday change that makes a day
// off an ordinary day (removing it, or replacing it by a working day)
// brings those dates back; checkRevival refuses such a change when a
// returning date would clash with what holds the room then, or with
// another date the same change brings back. (Adding a day off only takes
// dates away, so it never clashes.)

// errRevivalClash is the refusal of a holiday change that would bring
// classes back on top of other uses.
func errRevivalClash(cs []Clash) error {
	e := Errorf(ECONFLICT, "恢复该日会让课程与已有预约冲突，请先处理冲突 restoring this day would make classes clash with existing uses; resolve them first")
	e.Clashes = cs
	n := len(cs)
	e.Total = &n
	return e
}

// isDayOff reports whether date is a day off in list (a merged year).
func isDayOff(list []Holiday, date string) bool {
	return slices.ContainsFunc(list, func(h Holiday) bool { return h.Date == date && !h.Work })
}

// checkRevival refuses, with the clashes, a change that turns the day off
// date (a civil date of the site) into a day with classes, when a
// returning class date would clash. It reads only tx and builds the
// returning dates from the series' rules without the holiday cache, which
// still holds the calendar before the change (and must: it reads what is
// committed, keyed by HolidaysStamp, which moves only after the commit).
func (s *Service) checkRevival(tx Tx, actor *User, date string) error {
	back, err := s.returningDates(tx, date)
	if err != nil || len(back) == 0 {
		return err
	}
	var cs []Clash
	for i, o := range back {
		occ, err := s.occupancy(tx, OccurrenceQuery{Room: o.Room, From: o.Start, To: o.End}, "")
		if err != nil {
			return err
		}
		// The others returning too: the occupancy above still has them off.
		for _, w := range append(occ, back[i+1:]...) {
			if w.Room == o.Room && Overlaps(o.Start, o.End, w.Start, w.End) {
				cs = append(cs, s.revivalClash(o, w))
			}
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return errRevivalClash(s.presentClashes(cs, actor))
}

// returningDates lists the class dates on date that skip_holidays series
// left out for the day off and would hold once it is an ordinary day:
// dates cancelled or moved stay away, and dates inside a closure stay
// suspended.
func (s *Service) returningDates(tx Tx, date string) ([]Occurrence, error) {
	day, err := time.ParseInLocation(time.DateOnly, date, s.loc)
	if err != nil {
		return nil, err // the callers checked date (parseHolidayDate)
	}
	list, err := tx.SeriesList(SeriesFilter{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		return nil, err
	}
	var out []Occurrence
	for _, se := range list {
		for _, p := range se.Parts {
			o, ok, err := s.returningDate(se, p, day)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, o)
			}
		}
	}
	cs, err := tx.Closures(ClosureFilter{From: day, To: day.AddDate(0, 0, 2)})
	if err != nil {
		return nil, err
	}
	out = slices.DeleteFunc(out, func(o Occurrence) bool { return suspended(cs, o) })
	sortOccurrences(out)
	return out, nil
}

// returningDate is part p's date on day, if p skips holidays and its rule
// (with the series' exceptions, without holidays) puts one there: at the
// wall clock of its first date, as holidayStarts skips it.
func (s *Service) returningDate(se *Series, p Part, day time.Time) (Occurrence, bool, error) {
	if !p.SkipHolidays {
		return Occurrence{}, false, nil
	}
	rule, err := s.storedRule(p, se.excluded())
	if err != nil {
		return Occurrence{}, false, err
	}
	h, m, sec := s.local(p.Start).Clock()
	t := time.Date(day.Year(), day.Month(), day.Day(), h, m, sec, 0, s.loc)
	if !rule.IsOccurrence(t) {
		return Occurrence{}, false, nil
	}
	occ, err := rule.Between(t, t.Add(time.Second))
	if err != nil {
		return Occurrence{}, false, tooMuchWork(err)
	}
	for _, o := range occ {
		if o.Start.Equal(t) {
			return Occurrence{Kind: KindSeries, ID: se.ID, SeriesID: se.ID, Team: se.Team, Room: p.Room,
				Title: se.Title, Start: o.Start, End: o.End, Original: o.Start}, true, nil
		}
	}
	return Occurrence{}, false, nil
}

// revivalClash pairs returning date o with what it would clash with.
func (s *Service) revivalClash(o, with Occurrence) Clash {
	class := Conflict{Kind: o.Kind, ID: o.ID, Title: o.Title, Start: s.local(o.Start), End: s.local(o.End)}
	return Clash{OccurrenceStart: s.local(o.Start), OccurrenceEnd: s.local(o.End), Class: &class,
		With: Conflict{Kind: with.Kind, ID: with.ID, Title: with.Title, UserID: with.UserID,
			Start: s.local(with.Start), End: s.local(with.End)}}
}
