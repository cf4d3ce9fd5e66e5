package booking

import (
	"slices"
	"time"
)

// Series is a team's recurring class. A series is edited over time without
// rewriting its past: each edit of the room, time or rule closes the
// current Part at the edit instant and opens a new one, so the series keeps
// one id (and one calendar UID) for its whole life.
type Series struct {
	ID    string
	Team  string
	Title string
	// Parts are in time order and their windows do not overlap; the last is
	// the current definition.
	Parts []Part
	// ExDates are original occurrence starts left out: given at creation,
	// skipped as clashes, or cancelled later.
	ExDates []time.Time
	// Exceptions are single occurrences cancelled or moved after creation.
	Exceptions []Exception
	// Sequence rises on every change (RFC 5545 SEQUENCE).
	Sequence  int
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Part is one stretch of a series' definition: the recurrence as written
// (first occurrence Start-End repeating by RRule), restricted to
// occurrences starting in [From, Until); zero bounds are open.
type Part struct {
	Room  string    `json:"room"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	RRule string    `json:"rrule"`
	From  time.Time `json:"from,omitzero"`
	Until time.Time `json:"until,omitzero"`
	// SkipHolidays leaves out the part's dates on days off of the holiday
	// calendar (see booking/holiday_skip.go); stored per part, so a change
	// applies from the edit on like any other.
	SkipHolidays bool `json:"skip_holidays,omitempty"`
	// FirstStart and LastEnd span the part's occurrences (LastEnd zero when
	// unbounded), so the store can skip parts outside a window. They are
	// derived: save fills them in.
	FirstStart time.Time `json:"-"`
	LastEnd    time.Time `json:"-"`
}

// Exception actions.
const (
	ActionCancel = "cancel"
	ActionMove   = "move"
)

// Exception changes one occurrence, named by its original start.
type Exception struct {
	Original time.Time `json:"occurrence"`
	Action   string    `json:"action"`
	// Start, End and Room are where a moved occurrence now takes place.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	Room  string    `json:"room,omitempty"`
}

// Current is the series' present definition.
func (s *Series) Current() *Part { return &s.Parts[len(s.Parts)-1] }

// excluded returns every original start that does not take place where the
// rule puts it: exdates, cancellations and moves.
func (s *Series) excluded() []time.Time {
	out := slices.Clone(s.ExDates)
	for _, e := range s.Exceptions {
		out = append(out, e.Original)
	}
	return out
}

// moves returns the moved occurrences, which occupy their new slot like a
// one-off booking does.
func (s *Series) moves() []Exception {
	var out []Exception
	for _, e := range s.Exceptions {
		if e.Action == ActionMove {
			out = append(out, e)
		}
	}
	return out
}

// save stores se after deriving each part's span from its rule.
func (s *Service) save(tx Tx, se *Series, insert bool) error {
	excluded := se.excluded()
	for i := range se.Parts {
		p := &se.Parts[i]
		// The span ignores holidays: they come and go without a save.
		r, err := s.storedRule(*p, excluded)
		if err != nil {
			return fieldError(err)
		}
		p.FirstStart, p.LastEnd = r.First().Start, time.Time{}
		if last, ok := r.Last(); ok {
			p.LastEnd = last.End
		}
	}
	if insert {
		return tx.InsertSeries(se)
	}
	return tx.UpdateSeries(se)
}
