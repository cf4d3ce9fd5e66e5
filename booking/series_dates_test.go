package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// UpcomingDates lists the next dates from now as the rule places them,
// with cancelled and moved ones marked (Occurrences drops a cancelled
// date), dates skipped at creation left out, and a sparse rule found
// beyond the first window.
func TestUpcomingDates(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	d := func(m time.Month, day, h int) time.Time { return time.Date(2026, m, day, h, 0, 0, 0, shanghai) }
	res, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "读书",
		Start: d(12, 1, 19), End: d(12, 1, 20), RRule: "FREQ=WEEKLY;BYDAY=TU", ExDates: []time.Time{d(12, 15, 19)}})
	if err != nil {
		t.Fatal(err)
	}
	id := res.Series.ID
	if _, err := svc.AddException(ctx, admin, id, booking.ExceptionRequest{Occurrence: d(12, 8, 19), Action: booking.ActionCancel}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddException(ctx, admin, id, booking.ExceptionRequest{Occurrence: d(12, 22, 19), Action: booking.ActionMove,
		Start: d(12, 23, 19), End: d(12, 23, 20)}); err != nil {
		t.Fatal(err)
	}
	_, dates, err := svc.UpcomingDates(ctx, id, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []booking.ClassDate{
		{Original: d(12, 1, 19), Start: d(12, 1, 19), End: d(12, 1, 20), Room: "library"},
		{Original: d(12, 8, 19), Start: d(12, 8, 19), End: d(12, 8, 20), Room: "library", State: booking.ActionCancel},
		{Original: d(12, 22, 19), Start: d(12, 23, 19), End: d(12, 23, 20), Room: "library", State: booking.ActionMove},
		{Original: d(12, 29, 19), Start: d(12, 29, 19), End: d(12, 29, 20), Room: "library"},
	}
	if len(dates) != len(want) {
		t.Fatalf("dates = %+v", dates)
	}
	for i := range want {
		g, w := dates[i], want[i]
		if !g.Original.Equal(w.Original) || !g.Start.Equal(w.Start) || !g.End.Equal(w.End) || g.Room != w.Room || g.State != w.State {
			t.Errorf("date %d = %+v, want %+v", i, g, w)
		}
	}

	// Every 40 weeks: the second date lies beyond the first quarter.
	res, err = svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "lecture", Title: "年会",
		Start: d(12, 1, 9), End: d(12, 1, 10), RRule: "FREQ=WEEKLY;INTERVAL=40"})
	if err != nil {
		t.Fatal(err)
	}
	_, dates, err = svc.UpcomingDates(ctx, res.Series.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(dates) != 3 || !dates[1].Original.Equal(d(12, 1, 9).AddDate(0, 0, 280)) || !dates[2].Original.Equal(d(12, 1, 9).AddDate(0, 0, 560)) {
		t.Fatalf("sparse dates = %+v", dates)
	}
	if _, _, err := svc.UpcomingDates(ctx, "nope", 3); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("unknown series: %v", err)
	}
}
