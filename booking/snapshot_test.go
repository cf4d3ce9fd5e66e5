package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestSnapshotRoundTripEarlyClass: a Tuesday 07:00 class in Shanghai is a
// Monday in UTC; export and import must both work in the site zone.
func TestSnapshotRoundTripEarlyClass(t *testing.T) {
	ctx := context.Background()
	open := func(name string) *booking.Service { svc, _ := openService(t, name); return svc }
	src := open("src.db")
	seed, err := data.Seed("none")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Bootstrap(ctx, seed, "snapshot-pass"); err != nil {
		t.Fatal(err)
	}
	// A second start on the same database with a too-short password is
	// fine: nothing is seeded, so nothing is checked.
	if creds, err := src.Bootstrap(ctx, seed, "short"); err != nil || creds != nil {
		t.Fatalf("second bootstrap: %v %v", creds, err)
	}
	sess, err := src.Login(ctx, booking.Client{}, "admin", "snapshot-pass")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.CreateTeam(ctx, sess.User, booking.Team{ID: "taichi", Name: "太极队", NameEN: "Tai Chi"}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai)
	if _, err := src.CreateSeries(ctx, sess.User, booking.NewSeries{Team: "taichi", Room: "activity", Title: "太极", Start: start,
		End: start.Add(90 * time.Minute), RRule: "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T155959Z"}); err != nil {
		t.Fatal(err)
	}
	snap, err := src.Export(ctx)
	if err != nil || snap.Zone != "Asia/Shanghai" {
		t.Fatalf("export: %v %q", err, snap.Zone)
	}
	dst := open("dst.db")
	if _, err := dst.ImportSnapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	got, err := dst.Occurrences(ctx, nil, booking.OccurrenceQuery{Team: "taichi", From: start, To: start.AddDate(0, 0, 7)})
	if err != nil || len(got) != 2 || !got[0].Start.Equal(start) {
		t.Fatalf("imported occurrences: %v %v", got, err)
	}
}
