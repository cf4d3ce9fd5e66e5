package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/web"
)

// BenchmarkHomePage serves GET / through the real router on the demo
// seed: anonymous from the cache (plain and gzip, what the load tool
// measures), anonymous with the cache missed every time (the clock moves
// a minute per request), and logged in (always rendered afresh).
func BenchmarkHomePage(b *testing.B) {
	clk := startOfTests()
	svc, _ := newService(b, "demo", clk)
	srv := web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	sess, err := svc.Login(context.Background(), booking.Client{}, "admin", adminPassword)
	if err != nil {
		b.Fatal(err)
	}
	serve := func(b *testing.B, header ...string) {
		req := httptest.NewRequest("GET", "/", nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Body.Len() < 2000 {
			b.Fatalf("status %d, %d bytes", rec.Code, rec.Body.Len())
		}
	}
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			serve(b)
		}
	})
	b.Run("cached-gzip", func(b *testing.B) {
		for b.Loop() {
			serve(b, "Accept-Encoding", "gzip")
		}
	})
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			clk.Add(time.Minute)
			serve(b, "Accept-Encoding", "gzip")
		}
	})
	b.Run("logged-in", func(b *testing.B) {
		for b.Loop() {
			serve(b, "Cookie", "mingzhu_session="+sess.Token)
		}
	})
}

// BenchmarkRoomWeekPage renders a room's week holding 100 weekly classes
// (and the week's share of 5,000 bookings) server-side, through the real
// router. Target: under 5 ms.
func BenchmarkRoomWeekPage(b *testing.B) {
	_, srv := bigRoom(b)
	size := 0
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/rooms/activity?week=2026-12-07", nil))
		if rec.Code != 200 || strings.Count(rec.Body.String(), "课程") < 100 {
			b.Fatalf("status %d, %d classes", rec.Code, strings.Count(rec.Body.String(), "课程"))
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size), "B/page")
}
