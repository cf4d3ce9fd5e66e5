package booking_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// movableService is testService("demo") whose clock reads *now.
func movableService(t *testing.T, now *time.Time) (*booking.Service, *booking.User) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "closure.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := booking.New(booking.Config{Store: db, Loc: shanghai, Now: func() time.Time { return *now }, PasswordCost: bcrypt.MinCost})
	seed, err := data.Seed("demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, "test-admin-pass"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		t.Fatal(err)
	}
	return svc, sess.User
}

// TestClosureKeepsThePast: a closure wholly in the past is refused (422,
// field end) and changes nothing; one that began before now (a pipe burst
// at dawn, closed at 09:10) changes only what is still to come. It cancels
// the bookings not yet over and not checked in (the one in progress
// included), keeps a booking already over and one in progress whose
// people checked in; it suspends the class dates that had not ended when
// it was made (the one in progress included), and every view agrees: the
// dry run, occurrences, the feeds' EXDATEs and the utilisation report
// keep the dates that took place.
func TestClosureKeepsThePast(t *testing.T) {
	ctx := context.Background()
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, shanghai) }
	now := at(28, 10, 0)
	svc, admin := movableService(t, &now)
	wang := account(t, svc, admin, "wang", booking.RoleResident).User
	daily, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "晨读",
		Start: at(29, 7, 0), End: at(29, 8, 0), RRule: "FREQ=DAILY;COUNT=5"}) // 11-29 … 12-03
	if err != nil {
		t.Fatal(err)
	}
	running, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "activity", Title: "合唱",
		Start: at(31, 9, 0), End: at(31, 10, 0), RRule: "FREQ=DAILY;COUNT=1"}) // 12-01 09:00, in progress at 09:30
	if err != nil {
		t.Fatal(err)
	}
	missed := mustBook(t, svc, wang, "library", at(30, 14, 0), at(30, 15, 0)) // a no-show by 12-01
	inProgress := mustBook(t, svc, wang, "library", at(31, 9, 0), at(31, 10, 0))
	checkedIn := mustBook(t, svc, wang, "music", at(31, 9, 0), at(31, 10, 0))
	coming := mustBook(t, svc, wang, "library", at(32, 9, 0), at(32, 10, 0))

	now = at(30, 10, 30) // staff record a booking that has begun: it stays confirmed, over by 12-01
	over := mustBook(t, svc, admin, "library", at(30, 10, 0), at(30, 11, 0))
	now = at(31, 9, 5)
	if _, err := svc.CheckIn(ctx, wang, checkedIn.ID); err != nil {
		t.Fatal(err)
	}
	now = at(31, 9, 10) // 2026-12-01 09:10, inside the check-in grace of 09:00

	for _, end := range []time.Time{now, now.Add(-time.Minute)} {
		_, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Start: at(20, 0, 0), End: end}, true)
		var e *booking.Error
		if !errors.As(err, &e) || e.Code != booking.EINVALID || e.Field != "end" {
			t.Fatalf("a closure ending at %v (now %v): %v, want 422 end", end, now, err)
		}
	}
	n := booking.NewClosure{Start: at(20, 0, 0), End: at(32, 12, 0), Reason: "水管爆裂 burst pipe"}
	dry, err := svc.CreateClosure(ctx, admin, n, true)
	if err != nil {
		t.Fatal(err)
	}
	var cancels, suspends []string
	for _, c := range dry.Cancels {
		cancels = append(cancels, c.ID)
	}
	for _, s := range dry.Suspends {
		if s.SeriesID != daily.Series.ID && s.SeriesID != running.Series.ID {
			continue // the demo's classes
		}
		suspends = append(suspends, s.Room+" "+s.Start.Format("01-02T15:04"))
	}
	if want := []string{inProgress.ID, coming.ID}; !slices.Equal(cancels, want) {
		t.Errorf("dry run cancels %v, want the booking in progress and the coming one %v", cancels, want)
	}
	if want := []string{"activity 12-01T09:00", "library 12-02T07:00"}; !slices.Equal(suspends, want) {
		t.Errorf("dry run suspends %v, want %v", suspends, want)
	}

	if _, err := svc.CreateClosure(ctx, admin, n, false); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{over.ID: false, missed.ID: false, inProgress.ID: true, checkedIn.ID: false, coming.ID: true} {
		owner := wang
		if id == over.ID {
			owner = admin
		}
		if got := statusOf(t, svc, owner, id).Status == booking.StatusCancelledByClosure; got != want {
			t.Errorf("booking %s cancelled by the closure: %v, want %v", id, got, want)
		}
	}
	win := booking.OccurrenceQuery{Room: "library", From: at(28, 0, 0), To: at(35, 0, 0)}
	if got, want := classDays(t, svc, win, daily.Series.ID), []string{"11-29T07:00", "11-30T07:00", "12-01T07:00", "12-03T07:00"}; !slices.Equal(got, want) {
		t.Errorf("occurrences %v, want %v", got, want)
	}
	win.Room = "activity"
	if got := classDays(t, svc, win, running.Series.ID); len(got) != 0 {
		t.Errorf("the class in progress still takes place: %v", got)
	}
	if got := feedExDates(t, svc, booking.FeedRoom, "library", daily.Series.ID); !slices.Equal(got, []string{"12-02T07:00"}) {
		t.Errorf("library feed EXDATEs %v, want only 12-02T07:00", got)
	}
	if got := feedExDates(t, svc, booking.FeedTeam, "choir", running.Series.ID); !slices.Equal(got, []string{"12-01T09:00"}) {
		t.Errorf("team feed EXDATEs of the class in progress %v", got)
	}
	rep, err := svc.Utilization(ctx, admin, booking.UtilizationQuery{From: at(29, 0, 0), To: at(30, 0, 0), Group: booking.GroupRoom})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Rows {
		if r.Room == "library" && (r.Booked != time.Hour || r.Open <= 0) {
			t.Errorf("report of 11-29, library: booked %v open %v; want the class's hour, in open time", r.Booked, r.Open)
		}
	}
}

// TestClosureRefusalSaysClosed: a booking refused by a closure says the
// room is closed, with the reason, in both languages; the conflicts still
// name the closure.
func TestClosureRefusalSaysClosed(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	wang := account(t, svc, admin, "wang", booking.RoleResident).User
	day := func(h int) time.Time { return time.Date(2026, 12, 1, h, 0, 0, 0, shanghai) }
	if _, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Room: "library", Start: day(9), End: day(12), Reason: "维修 repairs"}, false); err != nil {
		t.Fatal(err)
	}
	for _, check := range []bool{false, true} {
		n := booking.NewBooking{Room: "library", Start: day(10), End: day(11), Title: "练习 practice", Attendees: 1}
		var err error
		if check {
			err = svc.CheckBooking(ctx, wang, n)
		} else {
			_, err = svc.CreateBooking(ctx, wang, n)
		}
		refusedByClosure(t, "booking", err)
		var e *booking.Error
		errors.As(err, &e)
		msg := e.Message
		if !strings.HasPrefix(msg, "该时段闭馆") || !strings.Contains(msg, "closed") || !strings.Contains(msg, "维修 repairs") {
			t.Errorf("check %v: message %q does not say the room is closed, and why", check, msg)
		}
	}
}
