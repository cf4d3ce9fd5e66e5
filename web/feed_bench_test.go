package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/calendar/ical"
	"mingzhu/web"
)

// bigRoom is a room holding 100 weekly series and 5,000 future bookings.
func bigRoom(b testing.TB) (*booking.Service, *web.Server) {
	b.Helper()
	ctx := context.Background()
	svc, db := newService(b, "none", startOfTests())
	now := startOfTests().Now()
	sess, err := svc.Login(ctx, booking.Client{}, "admin", adminPassword)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.CreateTeam(ctx, sess.User, booking.Team{ID: "choir", Name: "明珠合唱队", NameEN: "Mingzhu Choir"}); err != nil {
		b.Fatal(err)
	}
	monday := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	for i := 0; i < 100; i++ { // days 0-6, hours 0-13: distinct weekly slots
		s := monday.AddDate(0, 0, i%7).Add(time.Duration(i/7) * time.Hour)
		if _, err := svc.CreateSeries(ctx, sess.User, booking.NewSeries{Team: "choir", Room: "activity", Title: "课程 Class",
			Start: s, End: s.Add(time.Hour), RRule: "FREQ=WEEKLY"}); err != nil {
			b.Fatal(err)
		}
	}
	err = db.Update(ctx, func(tx booking.Tx) error { // hours 15-23, every day
		for i := 0; i < 5000; i++ {
			s := monday.AddDate(0, 0, i/9).Add(time.Duration(15+i%9) * time.Hour)
			bk := &booking.Booking{ID: booking.NewID(s), Room: "activity", Start: s, End: s.Add(time.Hour), Title: "b",
				Attendees: 1, Status: booking.StatusConfirmed, UserID: sess.User.ID, CreatedAt: now}
			if err := tx.InsertBooking(bk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return svc, web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// BenchmarkRoomFeedBuild builds and encodes the room feed from the
// database (what a cache miss costs). Target: under 20 ms.
func BenchmarkRoomFeedBuild(b *testing.B) {
	svc, _ := bigRoom(b)
	ctx := context.Background()
	for b.Loop() {
		cal, err := svc.Feed(ctx, booking.FeedRoom, "activity")
		if err != nil || len(cal.Events) != 5100 {
			b.Fatalf("%v, %d events", err, len(cal.Events))
		}
		if err := ical.Encode(io.Discard, cal); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRoomFeed304 is a conditional GET answered from the cache: the
// handler's own time, through the real router. Target: under 100 µs.
func BenchmarkRoomFeed304(b *testing.B) {
	_, srv := bigRoom(b)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/calendar/rooms/activity.ics", nil))
	etag := rec.Header().Get("ETag")
	for b.Loop() {
		req := httptest.NewRequest("GET", "/calendar/rooms/activity.ics", nil)
		req.Header.Set("If-None-Match", etag)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 304 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkOccurrencesWeek lists one room-week (classes expanded, bookings)
// through the real router.
func BenchmarkOccurrencesWeek(b *testing.B) {
	_, srv := bigRoom(b)
	url := "/api/v1/occurrences?room=activity&from=2026-12-07T00:00:00%2B08:00&to=2026-12-14T00:00:00%2B08:00"
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
