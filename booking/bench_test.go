package booking_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// benchService is testService with no demo data and one team, "choir".
func benchService(b *testing.B) (*booking.Service, *data.DB, *booking.User) {
	b.Helper()
	svc, db, admin := testService(b, "none")
	if _, err := svc.CreateTeam(context.Background(), admin, booking.Team{ID: "choir", Name: "明珠合唱队", NameEN: "Mingzhu Choir"}); err != nil {
		b.Fatal(err)
	}
	return svc, db, admin
}

// fillBookings puts n one-hour bookings in room, 10:00-22:00 each day from
// start on, in one transaction (setup, not the thing measured).
func fillBookings(b *testing.B, db *data.DB, user *booking.User, room string, start time.Time, n int) {
	b.Helper()
	err := db.Update(context.Background(), func(tx booking.Tx) error {
		for i := 0; i < n; i++ {
			s := start.AddDate(0, 0, i/12).Add(time.Duration(10+i%12) * time.Hour)
			bk := &booking.Booking{ID: booking.NewID(s), Room: room, Start: s, End: s.Add(time.Hour), Title: "b",
				Attendees: 1, Status: booking.StatusConfirmed, UserID: user.ID, CreatedAt: s}
			if err := tx.InsertBooking(bk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSeriesCheck52 checks a year of weekly occurrences (52) against
// a room already holding 10,000 bookings, as a dry run: the whole request
// path below HTTP, with its transaction. Target: under 1 ms.
func BenchmarkSeriesCheck52(b *testing.B) {
	svc, db, admin := benchService(b)
	day0 := time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)
	fillBookings(b, db, admin, "activity", day0, 10000)
	n := booking.NewSeries{Team: "choir", Room: "activity", Title: "晨练 Morning", RRule: "FREQ=WEEKLY;COUNT=52",
		Start: day0.Add(7 * time.Hour), End: day0.Add(8*time.Hour + 30*time.Minute), DryRun: true}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		res, err := svc.CreateSeries(ctx, admin, n)
		if err != nil || *res.Occurrences != 52 || len(res.Clashes) != 0 {
			b.Fatalf("%v %+v", err, res)
		}
	}
}

// BenchmarkBookingCreate is one booking write with its conflict check, in
// a room with 10,000 bookings and a weekly class (synchronous=FULL).
func BenchmarkBookingCreate(b *testing.B) {
	svc, db, admin := benchService(b)
	day0 := time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)
	fillBookings(b, db, admin, "library", day0, 10000)
	ctx := context.Background()
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=WEEKLY",
		Start: day0.Add(7 * time.Hour), End: day0.Add(8 * time.Hour)}); err != nil {
		b.Fatal(err)
	}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		s := day0.AddDate(3, 0, i/6).Add(time.Duration(1+i%6) * time.Hour)
		i++
		if _, err := svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Start: s, End: s.Add(time.Hour), Attendees: 1}); err != nil {
			b.Fatal(fmt.Errorf("booking %d: %w", i, err))
		}
	}
}
