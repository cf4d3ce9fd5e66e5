package main

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"
)

// VerifyReport is the outcome of the final check.
type VerifyReport struct {
	OK               bool      `json:"ok"`
	From             time.Time `json:"from"`
	To               time.Time `json:"to"`
	RoomsChecked     int       `json:"rooms_checked"`
	Occurrences      int       `json:"occurrences"`
	Overlaps         []overlap `json:"overlaps"`
	BookingsChecked  int       `json:"bookings_checked"`
	BookingsPresent  int       `json:"bookings_present"`
	BookingsMissing  []string  `json:"bookings_missing"`   // GET /bookings/:id not 200, or not confirmed
	NotInOccurrences []string  `json:"not_in_occurrences"` // 201 but absent from the room's occurrences
	Problems         []string  `json:"problems"`           // the check itself could not run
	Warnings         []string  `json:"warnings"`
}

// verifyParallel bounds the check's concurrency; it runs after the load.
const verifyParallel = 16

// verify reads every room's occurrences over [from, to) and checks no two
// confirmed ones overlap, then checks every booking answered 201 is
// readable (200, confirmed) and listed among its room's occurrences.
func verify(ctx context.Context, api *API, fx *fixture, bookings []created, from, to time.Time) VerifyReport {
	v := VerifyReport{From: from, To: to, Overlaps: []overlap{}, BookingsMissing: []string{},
		NotInOccurrences: []string{}, Problems: []string{}, Warnings: []string{}}
	tok := fx.adminTok
	if tok == "" {
		tok = fx.users[0].Token
	}
	occ := map[string][]Occurrence{}
	for _, r := range fx.rooms {
		var out struct {
			Occurrences []Occurrence `json:"occurrences"`
		}
		if _, err := api.doJSON(ctx, "GET", occurrencesPath(r.ID, from, to), tok, nil, &out, 200); err != nil {
			v.Problems = append(v.Problems, err.Error())
			continue
		}
		v.RoomsChecked++
		v.Occurrences += len(out.Occurrences)
		occ[r.ID] = out.Occurrences
		v.Overlaps = append(v.Overlaps, findOverlaps(r.ID, out.Occurrences)...)
		v.Warnings = append(v.Warnings, listWarnings(r.ID, out.Occurrences)...)
	}
	for _, b := range missingFromOccurrences(bookings, occ) {
		if _, ok := occ[b.Room]; ok {
			v.NotInOccurrences = append(v.NotInOccurrences, describe(b))
		}
	}
	v.BookingsChecked = len(bookings)
	v.BookingsMissing = append(v.BookingsMissing, checkBookings(ctx, api, fx.adminTok, bookings)...)
	v.BookingsPresent = len(bookings) - len(v.BookingsMissing)
	v.OK = len(v.Overlaps) == 0 && len(v.BookingsMissing) == 0 && len(v.NotInOccurrences) == 0 && len(v.Problems) == 0
	return v
}

// listWarnings notes shape problems that do not break the invariants: wrong
// room, unsorted list, empty or inverted intervals.
func listWarnings(room string, occ []Occurrence) []string {
	var w []string
	for _, o := range occ {
		if o.Room != room {
			w = append(w, fmt.Sprintf("occurrences?room=%s listed %s %s of room %q", room, o.Kind, o.ID, o.Room))
			break
		}
	}
	if !slices.IsSortedFunc(occ, func(a, b Occurrence) int { return a.Start.Compare(b.Start) }) {
		w = append(w, fmt.Sprintf("occurrences of %s are not sorted by start", room))
	}
	for _, o := range badIntervals(occ) {
		w = append(w, fmt.Sprintf("%s %s in %s has end %s not after start %s", o.Kind, o.ID, room, o.End.Format(time.RFC3339), o.Start.Format(time.RFC3339)))
	}
	return w
}

func describe(b created) string {
	return fmt.Sprintf("booking %s (%s %s–%s)", b.ID, b.Room, b.Start.Format(time.RFC3339), b.End.Format("15:04"))
}

// checkBookings GETs every booking, as admin if possible, else as its owner,
// and returns a line for each one not answered 200 and confirmed.
func checkBookings(ctx context.Context, api *API, adminTok string, bookings []created) []string {
	var mu sync.Mutex
	var missing []string
	sem := make(chan struct{}, verifyParallel)
	var wg sync.WaitGroup
	for _, b := range bookings {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			problem := checkBooking(ctx, api, adminTok, b)
			if problem != "" {
				mu.Lock()
				missing = append(missing, describe(b)+": "+problem)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(missing)
	return missing
}

func checkBooking(ctx context.Context, api *API, adminTok string, b created) string {
	if b.ID == "" {
		return "201 answer carried no booking id"
	}
	tok := adminTok
	if tok == "" {
		tok = b.Owner.Token
	}
	var out struct {
		Booking Booking `json:"booking"`
	}
	_, err := retrying(ctx, func() (int, error) {
		return api.doJSON(ctx, "GET", "/api/v1/bookings/"+url.PathEscape(string(b.ID)), tok, nil, &out, 200)
	})
	switch {
	case err != nil:
		return err.Error()
	case out.Booking.Status != "" && out.Booking.Status != "confirmed":
		return "status " + out.Booking.Status
	case !out.Booking.Start.Equal(b.Start) || !out.Booking.End.Equal(b.End) || out.Booking.Room != b.Room:
		return fmt.Sprintf("reads back as %s %s–%s", out.Booking.Room, out.Booking.Start.Format(time.RFC3339), out.Booking.End.Format(time.RFC3339))
	}
	return ""
}
