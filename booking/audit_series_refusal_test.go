package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestAuditSeriesRefusal: a class refused by a house rule (quiet hours
// bind everyone) leaves one refused line naming the rule, whether it was
// asked for new, changed into them or moved there for one date; a dry
// run is a question and writes nothing.
func TestAuditSeriesRefusal(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	late := time.Date(2026, 12, 7, 22, 30, 0, 0, shanghai) // the music room is quiet 22:00-07:00
	n := booking.NewSeries{Team: "choir", Room: "music", Title: "夜练", RRule: "FREQ=WEEKLY", Start: late, End: late.Add(time.Hour)}
	before := len(auditAll(t, svc, admin))
	dry := n
	dry.DryRun = true
	if _, err := svc.CreateSeries(ctx, admin, dry); booking.ErrorCode(err) != booking.EPOLICY {
		t.Fatalf("dry run in quiet hours: %v", err)
	}
	if got := len(auditAll(t, svc, admin)); got != before {
		t.Fatalf("a dry run wrote %d lines", got-before)
	}
	if _, err := svc.CreateSeries(ctx, admin, n); booking.ErrorCode(err) != booking.EPOLICY {
		t.Fatalf("a class in quiet hours: %v", err)
	}
	day := time.Date(2026, 12, 7, 19, 0, 0, 0, shanghai)
	ok, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "music", Title: "练", RRule: "FREQ=WEEKLY",
		Start: day, End: day.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	start, end := late, late.Add(time.Hour)
	if _, err := svc.PatchSeries(ctx, admin, ok.Series.ID, booking.SeriesPatch{Start: &start, End: &end}); booking.ErrorCode(err) != booking.EPOLICY {
		t.Fatalf("a change into quiet hours: %v", err)
	}
	if _, err := svc.AddException(ctx, admin, ok.Series.ID, booking.ExceptionRequest{Occurrence: day, Action: booking.ActionMove,
		Start: late, End: late.Add(time.Hour), Room: "music"}); booking.ErrorCode(err) != booking.EPOLICY {
		t.Fatalf("a date moved into quiet hours: %v", err)
	}
	lines := auditAll(t, svc, admin)
	var refused int
	for _, l := range lines {
		if l.Action == booking.AuditRefused {
			refused++
			if l.Entity != booking.AuditSeries || l.Rule != "quiet_hours" || l.ActorID != admin.ID {
				t.Errorf("refused line %+v", l)
			}
		}
	}
	if refused != 3 {
		t.Errorf("%d refused lines, want 3 (create, change, move)", refused)
	}
}
