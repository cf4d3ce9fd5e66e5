package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// BenchmarkUtilizationYear is the report of one year for all rooms, over
// the demo seed's weekly classes and 6,000 bookings spread over that year
// in the five rooms (a tenth checked in, a twentieth no-shows, some
// cancelled), by group: the whole call below HTTP, with its snapshot read.
// Target: under 50 ms.
func BenchmarkUtilizationYear(b *testing.B) {
	svc, db, admin := testService(b, "demo")
	from := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	to := from.AddDate(1, 0, 0)
	rooms := []string{"activity", "library", "calligraphy", "music", "lecture"}
	statuses := []string{booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusCancelled,
		booking.StatusPending, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed,
		booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed,
		booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed, booking.StatusConfirmed,
		booking.StatusNoShow}
	const n = 6000
	err := db.Update(context.Background(), func(tx booking.Tx) error {
		for i := range n {
			s := from.Add(time.Duration(i) * (365 * 24 * time.Hour / n)).Truncate(30 * time.Minute)
			bk := &booking.Booking{ID: booking.NewID(s), Room: rooms[i%len(rooms)], Start: s, End: s.Add(90 * time.Minute),
				Title: "b", Attendees: 1, Status: statuses[i%len(statuses)], UserID: admin.ID, CreatedAt: s}
			if i%10 == 0 && bk.Status == booking.StatusConfirmed {
				bk.CheckedInAt = &s
			}
			if err := tx.InsertBooking(bk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, group := range []string{booking.GroupRoom, booking.GroupTeam, booking.GroupHour} {
		b.Run(group, func(b *testing.B) {
			q := booking.UtilizationQuery{From: from, To: to, Group: group}
			for b.Loop() {
				u, err := svc.Utilization(ctx, admin, q)
				if err != nil || len(u.Rows) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}
