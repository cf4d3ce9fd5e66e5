package main

import (
	"slices"
	"time"
)

// overlap is a pair of confirmed occupancies of one room that share time.
type overlap struct {
	Room string     `json:"room"`
	A    Occurrence `json:"a"`
	B    Occurrence `json:"b"`
}

// occupies says whether an occurrence holds its room: everything the
// occurrences endpoint lists does, unless the server marks it otherwise.
func occupies(o Occurrence) bool { return o.Status == "" || o.Status == "confirmed" }

// findOverlaps returns overlapping pairs among occ, all taken to be one
// room's. Intervals are half-open, [start, end): one ending at 10:00 and the
// next starting at 10:00 do not overlap. It sorts a copy by start and sweeps,
// keeping the interval that reaches furthest; anything starting before that
// end overlaps it. Every overlapping interval is reported at least once (paired
// with the furthest-reaching one), which is what a pass/fail check needs;
// instants compare as instants, whatever offset the server wrote.
func findOverlaps(room string, occ []Occurrence) []overlap {
	var live []Occurrence
	for _, o := range occ {
		if occupies(o) && o.End.After(o.Start) {
			live = append(live, o)
		}
	}
	slices.SortFunc(live, func(a, b Occurrence) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.End.Compare(b.End)
	})
	var out []overlap
	var reach *Occurrence
	for i := range live {
		o := &live[i]
		if reach != nil && o.Start.Before(reach.End) {
			out = append(out, overlap{Room: room, A: *reach, B: *o})
		}
		if reach == nil || o.End.After(reach.End) {
			reach = o
		}
	}
	return out
}

// intervalKey identifies an occupancy by room and instants, so a booking can
// be found among occurrences whatever form the server gives ids.
type intervalKey struct {
	room       string
	start, end int64
}

func keyOf(room string, start, end time.Time) intervalKey {
	return intervalKey{room, start.UnixNano(), end.UnixNano()}
}

// missingFromOccurrences returns the bookings that no listed occurrence of
// their room matches, by booking id or by exact interval.
func missingFromOccurrences(bookings []created, occ map[string][]Occurrence) []created {
	ids := map[string]bool{}
	spans := map[intervalKey]bool{}
	for room, list := range occ {
		for _, o := range list {
			if !occupies(o) {
				continue
			}
			if o.Kind == "" || o.Kind == "booking" {
				ids[room+"\x00"+string(o.ID)] = true
			}
			spans[keyOf(room, o.Start, o.End)] = true
		}
	}
	var out []created
	for _, b := range bookings {
		if ids[b.Room+"\x00"+string(b.ID)] || spans[keyOf(b.Room, b.Start, b.End)] {
			continue
		}
		out = append(out, b)
	}
	return out
}

// badIntervals returns occurrences whose end is not after their start; they
// cannot overlap anything but are wrong in themselves.
func badIntervals(occ []Occurrence) []Occurrence {
	var out []Occurrence
	for _, o := range occ {
		if !o.End.After(o.Start) {
			out = append(out, o)
		}
	}
	return out
}
