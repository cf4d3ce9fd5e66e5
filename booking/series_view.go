package booking

import (
	"context"
	"time"
)

// SeriesView is a series as clients see it: its current definition at the
// top, earlier definitions under History.
type SeriesView struct {
	ID    string    `json:"id"`
	Team  string    `json:"team"`
	Room  string    `json:"room"`
	Title string    `json:"title"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	RRule string    `json:"rrule"`
	// SkipHolidays: the current definition leaves out days off.
	SkipHolidays bool        `json:"skip_holidays"`
	From         time.Time   `json:"from,omitzero"`
	Until        time.Time   `json:"until,omitzero"`
	ExDates      []time.Time `json:"exdates"`
	Exceptions   []Exception `json:"exceptions"`
	History      []Part      `json:"history,omitempty"`
	Sequence     int         `json:"sequence"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// View flattens a series for clients.
func (se *Series) View() SeriesView {
	if len(se.Parts) == 0 {
		// Every date was cancelled (the series is gone), or only dates
		// moved earlier remain: show the first of those.
		v := SeriesView{ID: se.ID, Team: se.Team, Title: se.Title, ExDates: []time.Time{}, Exceptions: se.Exceptions,
			Sequence: se.Sequence, UpdatedAt: se.UpdatedAt}
		if v.Exceptions == nil {
			v.Exceptions = []Exception{}
		}
		if m := se.moves(); len(m) > 0 {
			v.Room, v.Start, v.End = m[0].Room, m[0].Start, m[0].End
		}
		return v
	}
	cur := se.Current()
	v := SeriesView{ID: se.ID, Team: se.Team, Room: cur.Room, Title: se.Title, Start: cur.Start, End: cur.End,
		RRule: cur.RRule, SkipHolidays: cur.SkipHolidays, From: cur.From, Until: cur.Until, ExDates: se.ExDates, Exceptions: se.Exceptions,
		History: se.Parts[:len(se.Parts)-1], Sequence: se.Sequence, UpdatedAt: se.UpdatedAt}
	if v.ExDates == nil {
		v.ExDates = []time.Time{}
	}
	if v.Exceptions == nil {
		v.Exceptions = []Exception{}
	}
	return v
}

// presentSeries puts every time of se in the site zone.
func (s *Service) presentSeries(se *Series) {
	for i := range se.Parts {
		p := &se.Parts[i]
		p.Start, p.End, p.From, p.Until = s.local(p.Start), s.local(p.End), s.local(p.From), s.local(p.Until)
	}
	for i := range se.ExDates {
		se.ExDates[i] = s.local(se.ExDates[i])
	}
	for i := range se.Exceptions {
		e := &se.Exceptions[i]
		e.Original, e.Start, e.End = s.local(e.Original), s.local(e.Start), s.local(e.End)
	}
	se.CreatedAt, se.UpdatedAt = s.local(se.CreatedAt), s.local(se.UpdatedAt)
}

// Series returns one series, ENOTFOUND when there is none.
func (s *Service) Series(ctx context.Context, id string) (*Series, error) {
	var se *Series
	err := s.store.View(ctx, func(tx Tx) (err error) {
		se, err = tx.Series(id)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.presentSeries(se)
	return se, nil
}

// SeriesList lists series, optionally of one team or in one room.
func (s *Service) SeriesList(ctx context.Context, f SeriesFilter) ([]*Series, error) {
	var list []*Series
	err := s.store.View(ctx, func(tx Tx) (err error) {
		list, err = tx.SeriesList(f)
		return err
	})
	for _, se := range list {
		s.presentSeries(se)
	}
	return list, err
}
