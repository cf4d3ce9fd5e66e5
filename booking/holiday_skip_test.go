package booking_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// januaryService is testService("demo") with its clock at 2026-01-10, so
// classes over the 2026 Spring Festival lie ahead.
func januaryService(t *testing.T) (*booking.Service, *booking.User) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "hol.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 1, 10, 10, 0, 0, 0, shanghai)
	svc := booking.New(booking.Config{Store: db, Loc: shanghai, Now: func() time.Time { return now }, PasswordCost: bcrypt.MinCost})
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

// springClass is a weekly class Monday, Wednesday and Saturday at 19:00
// from 2 February 2026 for five weeks, over the Spring Festival.
func springClass(room string, skip bool) booking.NewSeries {
	return booking.NewSeries{Team: "choir", Room: room, Title: "合唱排练",
		Start: time.Date(2026, 2, 2, 19, 0, 0, 0, shanghai), End: time.Date(2026, 2, 2, 20, 30, 0, 0, shanghai),
		RRule: "FREQ=WEEKLY;BYDAY=MO,WE,SA;COUNT=15", SkipHolidays: skip}
}

// seriesDays lists the local dates of series id's occurrences in room
// over February and March 2026.
func seriesDays(t *testing.T, svc *booking.Service, room, id string) []string {
	t.Helper()
	occ, err := svc.Occurrences(context.Background(), nil, booking.OccurrenceQuery{Room: room,
		From: time.Date(2026, 2, 1, 0, 0, 0, 0, shanghai), To: time.Date(2026, 4, 1, 0, 0, 0, 0, shanghai)})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range occ {
		if o.SeriesID == id {
			out = append(out, o.Start.In(shanghai).Format(time.DateOnly))
		}
	}
	return out
}

// holidayDates are the dates of 2026 that are days off (work false) or
// working days (work true), from the service's own calendar.
func holidayDates(t *testing.T, svc *booking.Service, work bool) map[string]bool {
	t.Helper()
	list, err := svc.Holidays(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, h := range list {
		if h.Work == work {
			out[h.Date] = true
		}
	}
	return out
}

// TestSkipHolidays: a class that skips holidays leaves out exactly its
// dates on days off of the Spring Festival, keeps the adjusted working
// days, and follows staff's changes at once; the same class without the
// flag keeps every date.
func TestSkipHolidays(t *testing.T) {
	svc, admin := januaryService(t)
	ctx := context.Background()
	plain, err := svc.CreateSeries(ctx, admin, springClass("library", false))
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.CreateSeries(ctx, admin, springClass("activity", true))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Series.View().SkipHolidays || plain.Series.View().SkipHolidays {
		t.Fatal("skip_holidays not kept in the series view")
	}
	all := seriesDays(t, svc, "library", plain.Series.ID)
	if len(all) != 15 {
		t.Fatalf("without skip_holidays: %d dates %v, want all 15", len(all), all)
	}
	off, work := holidayDates(t, svc, false), holidayDates(t, svc, true)
	want := slices.DeleteFunc(slices.Clone(all), func(d string) bool { return off[d] })
	if len(want) == len(all) {
		t.Fatal("the class meets on no day off: the test proves nothing")
	}
	got := seriesDays(t, svc, "activity", res.Series.ID)
	if !slices.Equal(got, want) {
		t.Fatalf("skip_holidays dates %v\nwant %v", got, want)
	}
	kept := 0
	for _, d := range got {
		if work[d] {
			kept++
		}
	}
	if kept == 0 {
		t.Fatalf("no adjusted working day among %v (working days %v)", got, work)
	}

	// A local day off, on a Monday of the class: gone at once, back when removed.
	stamp := svc.OccurrencesStamp(context.Background(), booking.OccurrenceQuery{Room: "activity"})
	if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-03-02", Name: "社区活动日"}); err != nil {
		t.Fatal(err)
	}
	if svc.OccurrencesStamp(context.Background(), booking.OccurrenceQuery{Room: "activity"}) == stamp {
		t.Fatal("the room's stamp did not move with the holiday")
	}
	if got := seriesDays(t, svc, "activity", res.Series.ID); slices.Contains(got, "2026-03-02") || len(got) != len(want)-1 {
		t.Fatalf("after adding 2026-03-02 off: %v", got)
	}
	if got := seriesDays(t, svc, "library", plain.Series.ID); len(got) != 15 {
		t.Fatalf("a class without skip_holidays changed: %v", got)
	}
	if err := svc.RemoveHoliday(ctx, admin, "2026-03-02"); err != nil {
		t.Fatal(err)
	}
	if got := seriesDays(t, svc, "activity", res.Series.ID); !slices.Equal(got, want) {
		t.Fatalf("after removing 2026-03-02: %v\nwant %v", got, want)
	}
}

// TestSkipHolidaysClash: a class that skips holidays does not clash on a
// day off with what takes the room then; without the flag it does. And
// a PATCH turning the flag on goes through the same check.
func TestSkipHolidaysClash(t *testing.T) {
	svc, admin := januaryService(t)
	ctx := context.Background()
	// A one-off class of another team on the first Monday off, at the same time.
	var day string
	for _, d := range seriesDaysOff(t, svc) {
		day = d
		break
	}
	d, _ := time.ParseInLocation(time.DateOnly, day, shanghai)
	other := booking.NewSeries{Team: "dance", Room: "music", Title: "舞蹈",
		Start: d.Add(19 * time.Hour), End: d.Add(20 * time.Hour), RRule: "FREQ=DAILY;COUNT=1"}
	if _, err := svc.CreateSeries(ctx, admin, other); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateSeries(ctx, admin, springClass("music", false)); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Fatalf("without skip_holidays: %v, want a clash on %s", err, day)
	}
	res, err := svc.CreateSeries(ctx, admin, springClass("music", true))
	if err != nil {
		t.Fatalf("with skip_holidays: %v", err)
	}
	off := false
	if _, err := svc.PatchSeries(ctx, admin, res.Series.ID, booking.SeriesPatch{SkipHolidays: &off}); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Fatalf("PATCH skip_holidays=false: %v, want a clash on %s", err, day)
	}
}

// seriesDaysOff are the dates of springClass that are days off, in order.
func seriesDaysOff(t *testing.T, svc *booking.Service) []string {
	t.Helper()
	off := holidayDates(t, svc, false)
	var out []string
	for d := time.Date(2026, 2, 2, 0, 0, 0, 0, shanghai); d.Before(time.Date(2026, 3, 8, 0, 0, 0, 0, shanghai)); d = d.AddDate(0, 0, 1) {
		if w := d.Weekday(); (w == time.Monday || w == time.Wednesday || w == time.Saturday) && off[d.Format(time.DateOnly)] {
			out = append(out, d.Format(time.DateOnly))
		}
	}
	if len(out) == 0 {
		t.Fatal("no day off among the class's dates")
	}
	return out
}
