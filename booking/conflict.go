package booking

import (
	"slices"
	"time"
)

// Conflict names something that already occupies a room at a time asked
// for: a booking, or an occurrence of a series.
type Conflict struct {
	Kind  string    `json:"kind"`
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// UserID is a booking's booker, for hiding its title from others.
	UserID string `json:"-"`
}

// Clash is one occurrence of a proposed series that collides with an
// existing occupant.
type Clash struct {
	OccurrenceStart time.Time `json:"occurrence_start"`
	OccurrenceEnd   time.Time `json:"occurrence_end"`
	With            Conflict  `json:"with"`
	// Class is, for a refused holiday change, the class date the change
	// would bring back (OccurrenceStart to OccurrenceEnd): which series.
	Class *Conflict `json:"class,omitempty"`
}

// conflictOf describes an occupant, hiding a booking's title from anyone
// but its owner and staff.
func (s *Service) conflictOf(o Occurrence, viewer *User) Conflict {
	s.present(&o, viewer)
	return Conflict{Kind: o.Kind, ID: o.ID, Title: o.Title, Start: o.Start, End: o.End}
}

// conflictError is the 409 for a one-off request (booking or move). When
// a closure is among the occupants its message says the room is closed,
// with the closure's reason: "taken" would send a resident looking for
// who took it.
func (s *Service) conflictError(occ []Occurrence, viewer *User) error {
	e := Errorf(ECONFLICT, "该时段已被占用 the room is already taken at that time")
	if i := slices.IndexFunc(occ, func(o Occurrence) bool { return o.Kind == KindClosure }); i >= 0 {
		e = Errorf(ECONFLICT, "该时段闭馆 the room is closed at that time: %s", occ[i].Title)
	}
	for _, o := range occ {
		e.Conflicts = append(e.Conflicts, s.conflictOf(o, viewer))
	}
	return e
}
