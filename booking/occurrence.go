package booking

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// Occurrence kinds.
const (
	KindBooking = "booking"
	KindSeries  = "series"
)

// MaxWindow bounds a listing: longer windows would let one request expand
// unbounded amounts of recurrence.
const MaxWindow = 366 * 24 * time.Hour

// bookedTitle replaces a resident's own title wherever others can see it.
const bookedTitle = "已预约 Booked"

// Occurrence is one stretch of time a room is taken: a booking, or one
// date of a series (possibly moved).
type Occurrence struct {
	Kind     string    `json:"kind"`
	ID       string    `json:"id"`
	SeriesID string    `json:"series_id,omitempty"`
	Team     string    `json:"team,omitempty"`
	Room     string    `json:"room"`
	Title    string    `json:"title"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	// Original is a series occurrence's start as the rule placed it, the
	// key for cancelling or moving it.
	Original time.Time `json:"original_start,omitzero"`
	Moved    bool      `json:"moved,omitempty"`
	// UserID is the booker of a one-off booking, for redaction.
	UserID string `json:"-"`
}

// OccurrenceQuery selects what occupies rooms in [From, To).
type OccurrenceQuery struct {
	Room, Team string
	From, To   time.Time
	// Closures lists the closures in the window as occupants too (Kind
	// "closure"): for placing a one-off booking or moving a date.
	Closures bool
}

// validateWindow checks a listing window.
func validateWindow(from, to time.Time) error {
	switch {
	case from.IsZero():
		return Invalid("from", "缺少开始时间 from is required (RFC 3339)")
	case to.IsZero():
		return Invalid("to", "缺少结束时间 to is required (RFC 3339)")
	case checkWindowTime("from", from) != nil:
		return checkWindowTime("from", from)
	case checkWindowTime("to", to) != nil:
		return checkWindowTime("to", to)
	case !to.After(from):
		return Invalid("to", "结束须晚于开始 to must be after from")
	case to.Sub(from) > MaxWindow:
		return Invalid("to", "查询范围不能超过366天 the window may span at most 366 days")
	}
	return nil
}

// Occurrences lists bookings and series occurrences in the window, sorted
// by start. Titles of other people's bookings are hidden from viewer
// unless viewer is staff (viewer may be nil for anonymous callers).
func (s *Service) Occurrences(ctx context.Context, viewer *User, q OccurrenceQuery) ([]Occurrence, error) {
	if err := validateWindow(q.From, q.To); err != nil {
		return nil, err
	}
	cs, err := s.warmReads(ctx) // before the View, never inside it
	if err != nil {
		return nil, err
	}
	list, err := s.seriesForRead(ctx, SeriesFilter{Room: q.Room, Team: q.Team, From: q.From, To: q.To})
	if err != nil {
		return nil, err
	}
	var out []Occurrence
	err = s.store.View(ctx, func(tx Tx) error {
		if q.Room != "" {
			if _, err := tx.Room(q.Room); err != nil {
				return err
			}
		}
		if q.Team != "" {
			if _, err := tx.Team(q.Team); err != nil {
				return err
			}
		}
		var err error
		out, err = s.occupancyWith(tx, q, "", list, cs.filter)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		s.present(&out[i], viewer)
	}
	return out, nil
}

// present puts times in the site zone and hides private titles.
func (s *Service) present(o *Occurrence, viewer *User) {
	o.Start, o.End, o.Original = s.local(o.Start), s.local(o.End), s.local(o.Original)
	if o.Kind == KindBooking && !viewer.IsStaff() && (viewer == nil || viewer.ID != o.UserID) {
		o.Title = bookedTitle
	}
}

// occupancy gathers everything in the query's window: confirmed bookings
// (unless a team is asked for), series occurrences and moved occurrences.
// skipSeries leaves one series out, for re-checking a series being edited.
func (s *Service) occupancy(tx Tx, q OccurrenceQuery, skipSeries string) ([]Occurrence, error) {
	list, err := tx.SeriesList(SeriesFilter{Room: q.Room, Team: q.Team, From: q.From, To: q.To})
	if err != nil {
		return nil, err
	}
	return s.occupancyWith(tx, q, skipSeries, list, tx.Closures)
}

// occupancyWith is occupancy over a given list of candidate series and a
// source of closures: the transaction's for a write, which must be
// exact, or the cached ones for a read.
func (s *Service) occupancyWith(tx Tx, q OccurrenceQuery, skipSeries string, list []*Series, closures closureSource) ([]Occurrence, error) {
	var out []Occurrence
	if q.Team == "" {
		bs, err := tx.Bookings(BookingFilter{Room: q.Room, From: q.From, To: q.To, Holding: true})
		if err != nil {
			return nil, err
		}
		for _, b := range bs {
			out = append(out, bookingOccurrence(b))
		}
	}
	for _, se := range list {
		if se.ID == skipSeries {
			continue
		}
		occ, err := s.seriesOccurrences(se, q.Room, q.From, q.To)
		if err != nil {
			return nil, err
		}
		out = append(out, occ...)
	}
	out, err := s.closureOccupancy(closures, q, out)
	sortOccurrences(out)
	return out, err
}

func bookingOccurrence(b Booking) Occurrence {
	return Occurrence{Kind: KindBooking, ID: b.ID, Room: b.Room, Title: b.Title,
		Start: b.Start, End: b.End, UserID: b.UserID}
}

// seriesOccurrences expands one series inside [from, to), in room (all
// rooms if room is ""), including its moved occurrences.
func (s *Service) seriesOccurrences(se *Series, room string, from, to time.Time) ([]Occurrence, error) {
	var out []Occurrence
	for i, p := range se.Parts {
		if room != "" && p.Room != room {
			continue
		}
		rule, err := s.partRule(se, i)
		if err != nil {
			return nil, err
		}
		occ, err := rule.Between(from, to)
		if err != nil {
			return nil, err
		}
		for _, o := range occ {
			out = append(out, Occurrence{Kind: KindSeries, ID: se.ID, SeriesID: se.ID, Team: se.Team,
				Room: p.Room, Title: se.Title, Start: o.Start, End: o.End, Original: o.Start})
		}
	}
	for _, m := range se.moves() {
		if (room == "" || m.Room == room) && Overlaps(m.Start, m.End, from, to) {
			out = append(out, Occurrence{Kind: KindSeries, ID: se.ID, SeriesID: se.ID, Team: se.Team,
				Room: m.Room, Title: se.Title, Start: m.Start, End: m.End, Original: m.Original, Moved: true})
		}
	}
	return out, nil
}

// sortOccurrences orders by start, then end, kind and id, so that equal
// inputs always list the same way.
func sortOccurrences(out []Occurrence) {
	slices.SortFunc(out, func(a, b Occurrence) int {
		return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
}
