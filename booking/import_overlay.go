package booking

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// planTx is a read snapshot with an import's own writes kept in memory on
// top. The importer runs on it exactly as it would inside a write
// transaction — each step sees the series and bookings the earlier steps
// made, and is checked against them and against the snapshot — but nothing
// reaches the store: what it would have written becomes the plan, which
// applyImport inserts after re-checking what was committed meanwhile.
type planTx struct {
	Tx       // the snapshot (read-only)
	series   []*Series
	bookings []*Booking
	// known caches the snapshot's series per room and team, unwindowed: the
	// snapshot cannot change, and the importer asks once per event.
	known map[[2]string][]*Series
}

// errNotOwn is what the store says of a series that is not there.
var errNotOwn = NotFound("series", "课程不存在 no such series")

func newPlanTx(snapshot Tx) *planTx {
	return &planTx{Tx: snapshot, known: map[[2]string][]*Series{}}
}

// InsertSeries keeps a copy of a new series.
func (p *planTx) InsertSeries(se *Series) error {
	p.series = append(p.series, cloneSeries(se))
	return nil
}

// UpdateSeries replaces one of the plan's own series. An import never
// changes a stored one; a series it dropped is gone, as in the store.
func (p *planTx) UpdateSeries(se *Series) error {
	i := slices.IndexFunc(p.series, func(x *Series) bool { return x.ID == se.ID })
	if i < 0 {
		return errNotOwn
	}
	p.series[i] = cloneSeries(se)
	return nil
}

// DeleteSeries drops one of the plan's own series (all its dates cancelled).
func (p *planTx) DeleteSeries(id string) error {
	n := len(p.series)
	p.series = slices.DeleteFunc(p.series, func(x *Series) bool { return x.ID == id })
	if len(p.series) == n {
		return errNotOwn
	}
	return nil
}

// Series finds the plan's own series first, then the snapshot's.
func (p *planTx) Series(id string) (*Series, error) {
	if i := slices.IndexFunc(p.series, func(x *Series) bool { return x.ID == id }); i >= 0 {
		return cloneSeries(p.series[i]), nil
	}
	return p.Tx.Series(id)
}

// SeriesList is the snapshot's series and the plan's, filtered alike
// (SeriesFilter.matches applies the store's conditions), in id order as
// the store returns them. The values are shared: callers only read them.
func (p *planTx) SeriesList(f SeriesFilter) ([]*Series, error) {
	if f.ChangedFrom != 0 {
		return nil, fmt.Errorf("import plan: no revisions on a snapshot")
	}
	key := [2]string{f.Room, f.Team}
	known, ok := p.known[key]
	if !ok {
		var err error
		if known, err = p.Tx.SeriesList(SeriesFilter{Room: f.Room, Team: f.Team}); err != nil {
			return nil, err
		}
		p.known[key] = known
	}
	var out []*Series
	for _, list := range [][]*Series{known, p.series} {
		for _, se := range list {
			if f.matches(se) {
				out = append(out, se)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Series) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// InsertBooking keeps a copy of a new booking.
func (p *planTx) InsertBooking(b *Booking) error {
	c := *b
	p.bookings = append(p.bookings, &c)
	return nil
}

// SetBookingStatus is refused: an import only adds bookings.
func (p *planTx) SetBookingStatus(id, _ string, _ time.Time) error {
	return fmt.Errorf("import plan: booking %s cannot change in a plan", id)
}

// Booking finds the plan's own booking first, then the snapshot's.
func (p *planTx) Booking(id string) (*Booking, error) {
	if i := slices.IndexFunc(p.bookings, func(b *Booking) bool { return b.ID == id }); i >= 0 {
		c := *p.bookings[i]
		return &c, nil
	}
	return p.Tx.Booking(id)
}

// Bookings is the snapshot's bookings and the plan's, filtered alike, in
// the store's order.
func (p *planTx) Bookings(f BookingFilter) ([]Booking, error) {
	if f.ChangedFrom != 0 {
		return nil, fmt.Errorf("import plan: no revisions on a snapshot")
	}
	out, err := p.Tx.Bookings(f)
	if err != nil {
		return nil, err
	}
	n := len(out)
	for _, b := range p.bookings {
		if f.matches(b) {
			out = append(out, *b)
		}
	}
	if len(out) == n {
		return out, nil
	}
	slices.SortStableFunc(out, func(a, b Booking) int {
		c := cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		if f.LatestFirst {
			return -c
		}
		return c
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// matches applies a booking filter in memory, as the store does in SQL
// (durations are capped, so the store's lower bound on the start is
// implied by the overlap).
func (f BookingFilter) matches(b *Booking) bool {
	switch {
	case f.Room != "" && b.Room != f.Room, f.UserID != "" && b.UserID != f.UserID,
		f.Holding && !HoldsSlot(b.Status),
		!f.From.IsZero() && !b.End.After(f.From), !f.To.IsZero() && !b.Start.Before(f.To):
		return false
	}
	return len(f.Windows) == 0 || slices.ContainsFunc(f.Windows, func(w Window) bool {
		return Overlaps(b.Start, b.End, w.From, w.To)
	})
}

// cloneSeries copies a series deeply enough that the plan's copy does not
// change when the importer goes on editing its own.
func cloneSeries(se *Series) *Series {
	c := *se
	c.Parts = slices.Clone(se.Parts)
	c.ExDates = slices.Clone(se.ExDates)
	c.Exceptions = slices.Clone(se.Exceptions)
	return &c
}
