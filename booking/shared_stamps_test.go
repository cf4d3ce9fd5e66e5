package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestSharedBookingMovesStamps: a booking written through instance A
// moves, on instance B's very next read, the stamps of its room's
// listing and feed and of its owner's private feed, and B lists it; the
// stamp of another room stays, since a booking names its own keys.
func TestSharedBookingMovesStamps(t *testing.T) {
	in := twoInstances(t, "demo")
	ctx := context.Background()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	lib := booking.OccurrenceQuery{Room: "library", From: day, To: day.AddDate(0, 0, 1)}
	music := booking.OccurrenceQuery{Room: "music", From: day, To: day.AddDate(0, 0, 1)}
	stamps := func() []string {
		feed, _ := in.b.PublicFeedStamp(context.Background(), booking.FeedRoom, "library")
		private, err := in.b.FeedStamp(ctx, booking.FeedPrivate, in.admin.FeedToken)
		if err != nil {
			t.Fatal(err)
		}
		return []string{in.b.OccurrencesStamp(context.Background(), lib), feed, private}
	}
	before, musicBefore := stamps(), in.b.OccurrencesStamp(context.Background(), music)
	if n := bookingsIn(t, in.b, lib); n != 0 {
		t.Fatalf("B lists %d bookings before any", n)
	}
	start := day.Add(14 * time.Hour)
	if _, err := in.a.CreateBooking(ctx, in.admin, booking.NewBooking{Room: "library", Start: start, End: start.Add(time.Hour), Attendees: 1}); err != nil {
		t.Fatal(err)
	}
	for i, after := range stamps() {
		if after == before[i] {
			t.Errorf("stamp %d on B did not move after A's booking: %s", i, after)
		}
	}
	if got := in.b.OccurrencesStamp(context.Background(), music); got != musicBefore {
		t.Errorf("the music room's stamp moved for a booking in the library: %s -> %s", musicBefore, got)
	}
	if n := bookingsIn(t, in.b, lib); n != 1 {
		t.Errorf("B lists %d bookings after A's, want 1", n)
	}
}

// TestSharedSeriesEditMovesEverything: a change that is not a booking
// (here a class renamed through A) moves every stamp on B, of rooms and
// teams it never touched too, and B's cached timetable serves the new
// title at once.
func TestSharedSeriesEditMovesEverything(t *testing.T) {
	in := twoInstances(t, "demo")
	ctx := context.Background()
	list, err := in.a.SeriesList(ctx, booking.SeriesFilter{Team: "choir"})
	if err != nil || len(list) == 0 {
		t.Fatalf("choir's classes: %v %v", list, err)
	}
	from := in.clk.now()
	q := booking.OccurrenceQuery{Team: "choir", From: from, To: from.AddDate(0, 0, 14)}
	stamps := func() []string {
		var out []string
		for _, kind := range [][2]string{{booking.FeedRoom, "music"}, {booking.FeedTeam, "dance"}, {booking.FeedCourses, ""}} {
			st, _ := in.b.PublicFeedStamp(context.Background(), kind[0], kind[1])
			out = append(out, st)
		}
		return append(out, in.b.OccurrencesStamp(context.Background(), q), in.b.OccurrencesStamp(context.Background(), booking.OccurrenceQuery{}), in.b.HolidaysStamp(context.Background()))
	}
	before := stamps()
	if title := firstClassTitle(t, in.b, q); title != list[0].Title {
		t.Fatalf("B lists %q, want %q", title, list[0].Title)
	}
	title := "合唱新排练 New rehearsal"
	if _, err := in.a.PatchSeries(ctx, in.admin, list[0].ID, booking.SeriesPatch{Title: &title}); err != nil {
		t.Fatal(err)
	}
	for i, after := range stamps() {
		if after == before[i] {
			t.Errorf("stamp %d on B did not move after A's series edit: %s", i, after)
		}
	}
	if got := firstClassTitle(t, in.b, q); got != title {
		t.Errorf("B lists %q after A's edit, want %q", got, title)
	}
}

// firstClassTitle is the title of the first class svc lists for q.
func firstClassTitle(t *testing.T, svc *booking.Service, q booking.OccurrenceQuery) string {
	t.Helper()
	occ, err := svc.Occurrences(context.Background(), nil, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range occ {
		if o.Kind == booking.KindSeries {
			return o.Title
		}
	}
	t.Fatalf("no class listed for %+v", q)
	return ""
}
