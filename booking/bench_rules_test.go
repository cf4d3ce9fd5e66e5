package booking_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// BenchmarkBookingCreateResident is BenchmarkBookingCreate for a
// resident, so that every house rule runs: how far ahead, how long, the
// turnover buffer, quiet hours and the weekly quota (and, as they land,
// approval, suspension, closures and the audit line). The room holds
// 10,000 past bookings and a weekly class; 500 residents take turns, so
// nobody's quota runs out, and bookings sit 90 minutes apart, clear of the
// 30-minute buffer and of the quiet hours 23:00-06:00.
func BenchmarkBookingCreateResident(b *testing.B) {
	svc, db, admin := benchService(b)
	ctx := context.Background()
	now := svc.Now().In(shanghai)
	day0 := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, shanghai)
	fillBookings(b, db, admin, "library", day0.AddDate(0, 0, -900), 10000)
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "课", RRule: "FREQ=WEEKLY",
		Start: day0.Add(7 * time.Hour), End: day0.Add(8 * time.Hour)}); err != nil {
		b.Fatal(err)
	}
	days, buffer := booking.MaxAdvanceLimit-1, 30
	quiet := []booking.QuietWindow{{Start: "23:00", End: "06:00"}}
	rooms := []string{"library", "calligraphy"} // the second only once the first is full
	for _, room := range rooms {
		if _, err := svc.PatchRoom(ctx, admin, room, booking.RoomPatch{Rules: &booking.RulesPatch{
			MaxAdvanceDays: &days, BufferMinutes: &buffer, QuietHours: &quiet}}); err != nil {
			b.Fatal(err)
		}
	}
	residents := benchResidents(b, db, 500)
	// One-hour bookings every 90 minutes from 08:30 to 22:00-23:00: clear
	// of the class (07:00-08:00) and of each other by the buffer, the last
	// ending as the quiet hours begin.
	const perDay = 10
	room := perDay * (days - 1) // the last day is partly beyond now + days
	i := 0
	b.ResetTimer()
	for b.Loop() {
		if i >= room*len(rooms) {
			b.Fatalf("more than %d bookings: run with a smaller -benchtime", room*len(rooms))
		}
		j := i % room
		s := day0.AddDate(0, 0, j/perDay).Add(8*time.Hour + 30*time.Minute + time.Duration(j%perDay)*90*time.Minute)
		u := residents[i%len(residents)]
		n := booking.NewBooking{Room: rooms[i/room], Start: s, End: s.Add(time.Hour), Attendees: 1}
		i++
		if _, err := svc.CreateBooking(ctx, u, n); err != nil {
			b.Fatal(fmt.Errorf("booking %d: %w", i, err))
		}
	}
}

// benchResidents stores n resident accounts in one transaction (setup).
func benchResidents(b *testing.B, db *data.DB, n int) []*booking.User {
	b.Helper()
	out := make([]*booking.User, n)
	err := db.Update(context.Background(), func(tx booking.Tx) error {
		for i := range out {
			u := &booking.User{ID: fmt.Sprintf("bench-resident-%03d", i), Username: fmt.Sprintf("bench%03d", i), Name: "居民",
				Role: booking.RoleResident, PasswordHash: "x", CreatedAt: time.Unix(0, 0)}
			if err := tx.InsertUser(u); err != nil {
				return err
			}
			out[i] = u
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}
