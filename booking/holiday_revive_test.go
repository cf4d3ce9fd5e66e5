package booking_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"mingzhu/booking"
)

// A day off that stops being one brings back the dates of the classes
// that skip holidays; the change is refused when one would land on
// another use of its room (or on another class coming back), and
// nothing changes.

// reviveDay is a local day off of the tests below, a Wednesday.
const reviveDay = "2026-12-09"

// wedClass is a weekly Wednesday class 19:00–20:30 in room from first,
// count dates.
func wedClass(team, room, title string, first time.Time, count int, skip bool) booking.NewSeries {
	start := time.Date(first.Year(), first.Month(), first.Day(), 19, 0, 0, 0, shanghai)
	return booking.NewSeries{Team: team, Room: room, Title: title, Start: start, End: start.Add(90 * time.Minute),
		RRule: fmt.Sprintf("FREQ=WEEKLY;BYDAY=WE;COUNT=%d", count), SkipHolidays: skip}
}

// dayOccurrences lists room's uses on date as "kind id start".
func dayOccurrences(t *testing.T, svc *booking.Service, room, date string) []string {
	t.Helper()
	day, _ := time.ParseInLocation(time.DateOnly, date, shanghai)
	occ, err := svc.Occurrences(context.Background(), nil, booking.OccurrenceQuery{Room: room, From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range occ {
		out = append(out, o.Kind+" "+o.ID+" "+o.Start.Format(time.RFC3339))
	}
	return out
}

// mustGet stops the test on err.
func mustGet[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// isDayOff reports whether date is a day off in the service's calendar.
func isDayOff(t *testing.T, svc *booking.Service, date string) bool {
	t.Helper()
	d, _ := time.Parse(time.DateOnly, date)
	for _, h := range mustGet(svc.Holidays(context.Background(), d.Year()))(t) {
		if h.Date == date {
			return !h.Work
		}
	}
	return false
}

// wantRevivalRefused checks err is the 409 naming class id's date
// clashing with with (either way round, for two classes coming back), and that date and room's uses did not change.
func wantRevivalRefused(t *testing.T, svc *booking.Service, err error, date, room string, before []string, class, with string) {
	t.Helper()
	var e *booking.Error
	if !errors.As(err, &e) || e.Code != booking.ECONFLICT {
		t.Fatalf("holiday change: %v, want a conflict", err)
	}
	found := false
	for _, c := range e.Clashes {
		pair := c.Class != nil && (c.Class.ID == class && c.With.ID == with || c.Class.ID == with && c.With.ID == class)
		if pair && c.OccurrenceStart.Format(time.DateOnly) == date {
			found = true
		}
	}
	if !found || e.Total == nil || *e.Total != len(e.Clashes) {
		t.Fatalf("clashes %+v (total %v), want %s's date on %s against %s", e.Clashes, e.Total, class, date, with)
	}
	if !isDayOff(t, svc, date) {
		t.Fatalf("%s is no longer a day off after the refusal", date)
	}
	if after := dayOccurrences(t, svc, room, date); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("uses of %s on %s changed: %v, before %v", room, date, after, before)
	}
}

// TestHolidayRevivalRefused: removing a day off, or making it a working
// day, is refused while a returning class date would clash with a
// booking or with another series' date on that day.
func TestHolidayRevivalRefused(t *testing.T) {
	first := time.Date(2026, 12, 2, 0, 0, 0, 0, shanghai)
	undo := map[string]func(*booking.Service, *booking.User, string) error{
		"remove": func(svc *booking.Service, admin *booking.User, date string) error {
			return svc.RemoveHoliday(context.Background(), admin, date)
		},
		"working day": func(svc *booking.Service, admin *booking.User, date string) error {
			_, err := svc.AddHoliday(context.Background(), admin, booking.Holiday{Date: date, Name: "补班", Work: true})
			return err
		},
	}
	for how, change := range undo {
		t.Run("booking/"+how, func(t *testing.T) {
			svc, _, admin := testService(t, "demo")
			ctx := context.Background()
			mustGet(svc.AddHoliday(ctx, admin, booking.Holiday{Date: reviveDay, Name: "本地假日"}))(t)
			class := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "合唱", first, 5, true)))(t)
			b := mustGet(svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Title: "读书会", Attendees: 3,
				Start: time.Date(2026, 12, 9, 19, 30, 0, 0, shanghai), End: time.Date(2026, 12, 9, 21, 0, 0, 0, shanghai)}))(t)
			before := dayOccurrences(t, svc, "library", reviveDay)
			wantRevivalRefused(t, svc, change(svc, admin, reviveDay), reviveDay, "library", before, class.Series.ID, b.ID)
		})
		t.Run("two skipping series/"+how, func(t *testing.T) {
			svc, _, admin := testService(t, "demo")
			ctx := context.Background()
			mustGet(svc.AddHoliday(ctx, admin, booking.Holiday{Date: reviveDay, Name: "本地假日"}))(t)
			// 2 and 9 December, and 9 and 16: they share only the day off.
			a := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "合唱", first, 2, true)))(t)
			b := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "声乐", first.AddDate(0, 0, 7), 2, true)))(t)
			before := dayOccurrences(t, svc, "library", reviveDay)
			wantRevivalRefused(t, svc, change(svc, admin, reviveDay), reviveDay, "library", before, a.Series.ID, b.Series.ID)
		})
		t.Run("plain series/"+how, func(t *testing.T) {
			svc, _, admin := testService(t, "demo")
			ctx := context.Background()
			mustGet(svc.AddHoliday(ctx, admin, booking.Holiday{Date: reviveDay, Name: "本地假日"}))(t)
			a := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "合唱", first, 5, true)))(t)
			plain := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "讲座", first.AddDate(0, 0, 7), 1, false)))(t)
			before := dayOccurrences(t, svc, "library", reviveDay)
			wantRevivalRefused(t, svc, change(svc, admin, reviveDay), reviveDay, "library", before, a.Series.ID, plain.Series.ID)
		})
	}
}

// TestHolidayRevivalOfficial: the library's own day off (元旦 2027-01-01)
// is taken away through the same check.
func TestHolidayRevivalOfficial(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	const date = "2027-01-01"
	if !isDayOff(t, svc, date) {
		t.Fatalf("%s is not an official day off: the test proves nothing", date)
	}
	start := time.Date(2026, 12, 25, 19, 0, 0, 0, shanghai)
	class := mustGet(svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "合唱",
		Start: start, End: start.Add(90 * time.Minute), RRule: "FREQ=WEEKLY;BYDAY=FR;COUNT=3", SkipHolidays: true}))(t)
	b := mustGet(svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Title: "读书会", Attendees: 3,
		Start: time.Date(2027, 1, 1, 18, 0, 0, 0, shanghai), End: time.Date(2027, 1, 1, 19, 30, 0, 0, shanghai)}))(t)
	before := dayOccurrences(t, svc, "library", date)
	wantRevivalRefused(t, svc, svc.RemoveHoliday(ctx, admin, date), date, "library", before, class.Series.ID, b.ID)
}

// TestHolidayRevivalAllowed: with nothing in the way the day off goes and
// the class date comes back; a date cancelled before the day off was set
// stays cancelled and does not count.
func TestHolidayRevivalAllowed(t *testing.T) {
	first := time.Date(2026, 12, 2, 0, 0, 0, 0, shanghai)
	classAt := time.Date(2026, 12, 9, 19, 0, 0, 0, shanghai)
	t.Run("no clash", func(t *testing.T) {
		svc, _, admin := testService(t, "demo")
		ctx := context.Background()
		mustGet(svc.AddHoliday(ctx, admin, booking.Holiday{Date: reviveDay, Name: "本地假日"}))(t)
		class := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "合唱", first, 5, true)))(t)
		// Another room, and the library before the class: no clash.
		mustGet(svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "activity", Title: "乒乓", Attendees: 2,
			Start: classAt, End: classAt.Add(time.Hour)}))(t)
		early := mustGet(svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Title: "读书会", Attendees: 2,
			Start: classAt.Add(-time.Hour), End: classAt}))(t)
		if err := svc.RemoveHoliday(ctx, admin, reviveDay); err != nil {
			t.Fatalf("remove the day off: %v", err)
		}
		want := []string{"booking " + early.ID + " 2026-12-09T18:00:00+08:00", "series " + class.Series.ID + " 2026-12-09T19:00:00+08:00"}
		if got := dayOccurrences(t, svc, "library", reviveDay); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("library on %s: %v, want %v", reviveDay, got, want)
		}
	})
	t.Run("cancelled date", func(t *testing.T) {
		svc, _, admin := testService(t, "demo")
		ctx := context.Background()
		class := mustGet(svc.CreateSeries(ctx, admin, wedClass("choir", "library", "合唱", first, 5, true)))(t)
		mustGet(svc.AddException(ctx, admin, class.Series.ID, booking.ExceptionRequest{Occurrence: classAt, Action: booking.ActionCancel}))(t)
		mustGet(svc.AddHoliday(ctx, admin, booking.Holiday{Date: reviveDay, Name: "本地假日"}))(t)
		b := mustGet(svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Title: "读书会", Attendees: 3,
			Start: classAt, End: classAt.Add(time.Hour)}))(t)
		if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: reviveDay, Name: "补班", Work: true}); err != nil {
			t.Fatalf("make the day a working day: %v", err)
		}
		want := []string{"booking " + b.ID + " 2026-12-09T19:00:00+08:00"}
		if got := dayOccurrences(t, svc, "library", reviveDay); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("library on %s: %v, want %v", reviveDay, got, want)
		}
	})
}
