package booking_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
)

// The CLI's import of a snapshot is a door too: a hand-edited file cannot
// store a booking or series that listings and feeds could not show.
func TestSnapshotImportChecksWhatItStores(t *testing.T) {
	ctx := context.Background()
	src, _, admin := testService(t, "demo")
	good, err := src.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(good.Series) == 0 {
		t.Fatal("demo seed has no series")
	}
	far := time.Date(9999, 12, 31, 20, 0, 0, 0, shanghai)
	tests := []struct {
		name, want string
		edit       func(s *booking.Snapshot)
	}{
		{"booking in 9999", "start", func(s *booking.Snapshot) {
			s.Bookings = append(s.Bookings, booking.Booking{ID: "b-far", Room: "music", Start: far, End: far.Add(time.Hour),
				Title: "far", Attendees: 1, Status: booking.StatusConfirmed, UserID: admin.ID, CreatedAt: far})
		}},
		{"series title too long", "title", func(s *booking.Snapshot) { s.Series[0].Title = strings.Repeat("长", 101) }},
		{"rule with DTSTART", "rrule", func(s *booking.Snapshot) {
			s.Series[0].Parts[0].RRule = "FREQ=WEEKLY;DTSTART=20261201T090000"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			snap, err := src.Export(ctx) // a fresh copy to edit
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(snap)
			dst, _ := openService(t, "dst.db")
			_, err = dst.ImportSnapshot(ctx, snap)
			var e *booking.Error
			if !errorsAs(err, &e) || e.Field != tc.want {
				t.Fatalf("import: %v, want a refusal naming %s", err, tc.want)
			}
			if rooms, err := dst.Rooms(ctx); err != nil || len(rooms) != 0 {
				t.Fatalf("refused import left %d rooms (%v)", len(rooms), err)
			}
		})
	}
	// The untouched snapshot still imports.
	dst, _ := openService(t, "ok.db")
	if _, err := dst.ImportSnapshot(ctx, good); err != nil {
		t.Fatal(err)
	}
}

func errorsAs(err error, target **booking.Error) bool { return errors.As(err, target) }
