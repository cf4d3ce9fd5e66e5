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
	"mingzhu/calendar/ical"
	"mingzhu/data"
)

// zoneService is testService("demo") in zone loc with its clock at now.
func zoneService(t *testing.T, loc *time.Location, now time.Time) (*booking.Service, *booking.User) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "closure.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := booking.New(booking.Config{Store: db, Loc: loc, Now: func() time.Time { return now }, PasswordCost: bcrypt.MinCost})
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

func mustBook(t *testing.T, svc *booking.Service, u *booking.User, room string, start, end time.Time) *booking.Booking {
	t.Helper()
	b, err := svc.CreateBooking(context.Background(), u, booking.NewBooking{Room: room, Start: start, End: end, Title: "练习 practice", Attendees: 1})
	if err != nil {
		t.Fatalf("booking %s %s: %v", room, start, err)
	}
	return b
}

// refusedByClosure asserts err is a 409 naming a closure.
func refusedByClosure(t *testing.T, what string, err error) {
	t.Helper()
	var e *booking.Error
	if !errors.As(err, &e) || e.Code != booking.ECONFLICT {
		t.Fatalf("%s: want a conflict, got %v", what, err)
	}
	if !slices.ContainsFunc(e.Conflicts, func(c booking.Conflict) bool { return c.Kind == booking.KindClosure }) {
		t.Fatalf("%s: conflicts %+v name no closure", what, e.Conflicts)
	}
}

func statusOf(t *testing.T, svc *booking.Service, u *booking.User, id string) booking.Booking {
	t.Helper()
	list, err := svc.Bookings(context.Background(), u, false, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range list {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("booking %s not in its owner's list", id)
	return booking.Booking{}
}

// TestClosureCancelsBookings: a dry run names the booking it would cancel
// and its owner, writing nothing; the closure then cancels it with the
// reason (its owner sees both), leaves a booking that ends exactly at its
// start alone, and refuses new bookings inside it for every role; deleting
// it does not bring the booking back but frees the slot.
func TestClosureCancelsBookings(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	wang := account(t, svc, admin, "wang", booking.RoleResident).User
	li := account(t, svc, admin, "lin", booking.RoleLeader).User
	day := func(h, m int) time.Time { return time.Date(2026, 12, 1, h, m, 0, 0, shanghai) }
	inside := mustBook(t, svc, wang, "library", day(10, 0), day(11, 0))
	before := mustBook(t, svc, wang, "library", day(8, 0), day(9, 0))
	n := booking.NewClosure{Room: "library", Start: day(9, 0), End: day(12, 0), Reason: " 维修 repairs "}

	dry, err := svc.CreateClosure(ctx, admin, n, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(dry.Cancels) != 1 || dry.Cancels[0].ID != inside.ID || dry.Cancels[0].Username != "wang" {
		t.Fatalf("dry run cancels %+v, want only %s of wang", dry.Cancels, inside.ID)
	}
	if got := statusOf(t, svc, wang, inside.ID).Status; got != booking.StatusConfirmed {
		t.Fatalf("a dry run changed the booking to %s", got)
	}
	if cs, _ := svc.Closures(ctx, booking.ClosureFilter{}); len(cs) != 0 {
		t.Fatalf("a dry run stored %d closures", len(cs))
	}

	plan, err := svc.CreateClosure(ctx, admin, n, false)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Closure.ID == "" || plan.Closure.Reason != "维修 repairs" || len(plan.Cancels) != 1 {
		t.Fatalf("created %+v", plan)
	}
	got := statusOf(t, svc, wang, inside.ID)
	if got.Status != booking.StatusCancelledByClosure || got.Reason != "维修 repairs" {
		t.Fatalf("owner sees %s %q, want cancelled_by_closure with the reason", got.Status, got.Reason)
	}
	if s := statusOf(t, svc, wang, before.ID).Status; s != booking.StatusConfirmed {
		t.Fatalf("a booking ending at the closure's start became %s", s)
	}
	for _, u := range []*booking.User{wang, li, admin} {
		_, err := svc.CreateBooking(ctx, u, booking.NewBooking{Room: "library", Start: day(11, 30), End: day(12, 30), Attendees: 1})
		refusedByClosure(t, string(u.Role)+" books into it", err)
	}
	err = svc.CheckBooking(ctx, wang, booking.NewBooking{Room: "library", Start: day(9, 0), End: day(9, 30), Attendees: 1})
	refusedByClosure(t, "check", err)
	mustBook(t, svc, wang, "library", day(12, 0), day(13, 0)) // from its end: half-open
	mustBook(t, svc, wang, "activity", day(10, 0), day(11, 0))

	if err := svc.DeleteClosure(ctx, admin, plan.Closure.ID); err != nil {
		t.Fatal(err)
	}
	if s := statusOf(t, svc, wang, inside.ID).Status; s != booking.StatusCancelledByClosure {
		t.Fatalf("after delete the booking is %s; it must stay cancelled", s)
	}
	mustBook(t, svc, wang, "library", day(10, 0), day(11, 0))
	if err := svc.DeleteClosure(ctx, admin, plan.Closure.ID); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("deleting twice: %v", err)
	}
}

// TestClosureWholeCentre: room "" shuts every room, and cancels a pending
// booking too (it holds its slot).
func TestClosureWholeCentre(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	wang := account(t, svc, admin, "wang", booking.RoleResident).User
	at := func(h int) time.Time { return time.Date(2026, 12, 2, h, 0, 0, 0, shanghai) }
	a := mustBook(t, svc, wang, "library", at(9), at(10))
	b := mustBook(t, svc, wang, "lecture", at(14), at(15)) // the lecture room asks for approval
	plan, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Start: at(0), End: at(24)}, false)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Closure.Room != "" || plan.Closure.Reason != booking.DefaultClosureReason || len(plan.Cancels) != 2 {
		t.Fatalf("whole-centre closure %+v", plan)
	}
	for _, id := range []string{a.ID, b.ID} {
		if s := statusOf(t, svc, wang, id); s.Status != booking.StatusCancelledByClosure || s.Reason != booking.DefaultClosureReason {
			t.Fatalf("%s is %s %q", id, s.Status, s.Reason)
		}
	}
	_, err = svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "music", Start: at(10), End: at(11), Attendees: 1})
	refusedByClosure(t, "music", err)
	list, err := svc.Closures(ctx, booking.ClosureFilter{Room: "music", From: at(0), To: at(1)})
	if err != nil || len(list) != 1 {
		t.Fatalf("music's closures %v %v", list, err)
	}
}

// classDays lists the local start times of series id in room in [from, to).
func classDays(t *testing.T, svc *booking.Service, q booking.OccurrenceQuery, id string) []string {
	t.Helper()
	occ, err := svc.Occurrences(context.Background(), nil, q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range occ {
		if o.SeriesID == id {
			out = append(out, o.Start.Format("01-02T15:04"))
		}
	}
	return out
}

// feedExDates are the EXDATEs of series id's master in a feed.
func feedExDates(t *testing.T, svc *booking.Service, kind, key, id string) []string {
	t.Helper()
	cal, err := svc.Feed(context.Background(), kind, key)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ev := range cal.Events {
		if strings.HasPrefix(ev.UID, id) && ev.RRule != "" {
			for _, d := range ev.ExDates {
				out = append(out, d.Format("01-02T15:04"))
			}
		}
	}
	return out
}

// TestClosureSuspendsClasses: a class date inside a closure is absent from
// every listing and an EXDATE in the room and team feeds (whose stamps
// move); a closure is no clash for a series, and a date cannot be moved
// into one; deleting the closure brings the date back.
func TestClosureSuspendsClasses(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	start := time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai)
	res, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "晨读",
		Start: start, End: start.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=4"})
	if err != nil {
		t.Fatal(err)
	}
	id := res.Series.ID
	win := booking.OccurrenceQuery{Room: "library", From: start.AddDate(0, 0, -1), To: start.AddDate(0, 0, 30)}
	team := win
	team.Room, team.Team = "", "choir"
	all := []string{"12-01T07:00", "12-08T07:00", "12-15T07:00", "12-22T07:00"}
	roomStamp, teamStamp := svc.OccurrencesStamp(context.Background(), win), svc.OccurrencesStamp(context.Background(), team)
	feedStamp, _ := svc.PublicFeedStamp(context.Background(), booking.FeedTeam, "choir")

	c := booking.NewClosure{Room: "library", Start: time.Date(2026, 12, 8, 6, 30, 0, 0, shanghai), End: time.Date(2026, 12, 8, 7, 30, 0, 0, shanghai), Reason: "停电 power cut"}
	dry, err := svc.CreateClosure(ctx, admin, c, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(dry.Suspends) != 1 || dry.Suspends[0].SeriesID != id || dry.Suspends[0].Team != "choir" || dry.Suspends[0].TeamName == "" {
		t.Fatalf("dry run suspends %+v", dry.Suspends)
	}
	if got := classDays(t, svc, win, id); !slices.Equal(got, all) {
		t.Fatalf("a dry run suspended dates: %v", got)
	}
	plan, err := svc.CreateClosure(ctx, admin, c, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{all[0], all[2], all[3]}
	for _, q := range []booking.OccurrenceQuery{win, team} {
		if got := classDays(t, svc, q, id); !slices.Equal(got, want) {
			t.Fatalf("listing %+v: %v, want %v", q, got, want)
		}
	}
	if got := feedExDates(t, svc, booking.FeedRoom, "library", id); !slices.Equal(got, []string{"12-08T07:00"}) {
		t.Fatalf("room feed EXDATEs %v", got)
	}
	if got := feedExDates(t, svc, booking.FeedTeam, "choir", id); !slices.Equal(got, []string{"12-08T07:00"}) {
		t.Fatalf("team feed EXDATEs %v", got)
	}
	// The class page still lists the date, marked with the closure's
	// reason, so its leader sees why it is off.
	_, dates, err := svc.UpcomingDates(ctx, id, 4)
	if err != nil || len(dates) != 4 {
		t.Fatalf("upcoming dates: %v %+v", err, dates)
	}
	for i, d := range dates {
		if want := map[bool]string{true: c.Reason}[i == 1]; d.Closed != want {
			t.Errorf("date %d (%v) closed %q, want %q", i, d.Start, d.Closed, want)
		}
	}
	fs, _ := svc.PublicFeedStamp(context.Background(), booking.FeedTeam, "choir")
	if svc.OccurrencesStamp(context.Background(), win) == roomStamp || svc.OccurrencesStamp(context.Background(), team) == teamStamp || fs == feedStamp {
		t.Fatal("a closure left a listing or feed stamp unchanged")
	}
	// Not a clash for a series: another class over the closure is made,
	// its date there suspended too.
	other, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "早课",
		Start: start.Add(-time.Hour), End: start, RRule: "FREQ=WEEKLY;COUNT=2"})
	if err != nil {
		t.Fatalf("a series over a closure: %v", err)
	}
	if got := classDays(t, svc, win, other.Series.ID); len(got) != 1 {
		t.Fatalf("the new class lists %v, want its first date only", got)
	}
	// A date cannot be moved into the closure.
	_, err = svc.AddException(ctx, admin, id, booking.ExceptionRequest{Occurrence: start.AddDate(0, 0, 14), Action: booking.ActionMove,
		Start: c.Start, End: c.Start.Add(time.Hour), Room: "library"})
	refusedByClosure(t, "move into the closure", err)

	stamp := svc.OccurrencesStamp(context.Background(), win)
	if err := svc.DeleteClosure(ctx, admin, plan.Closure.ID); err != nil {
		t.Fatal(err)
	}
	if got := classDays(t, svc, win, id); !slices.Equal(got, all) {
		t.Fatalf("after delete: %v, want %v", got, all)
	}
	if got := feedExDates(t, svc, booking.FeedRoom, "library", id); len(got) != 0 {
		t.Fatalf("after delete the feed still excludes %v", got)
	}
	if svc.OccurrencesStamp(context.Background(), win) == stamp {
		t.Fatal("deleting a closure left the listing stamp unchanged")
	}
}

// TestClosurePrivateFeed: the owner's own feed keeps a booking a closure
// cancelled, as STATUS:CANCELLED with the reason.
func TestClosurePrivateFeed(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	wang := account(t, svc, admin, "wang", booking.RoleResident).User
	at := func(h int) time.Time { return time.Date(2026, 12, 3, h, 0, 0, 0, shanghai) }
	b := mustBook(t, svc, wang, "library", at(9), at(10))
	if _, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Room: "library", Start: at(8), End: at(12), Reason: "漏水 leak"}, false); err != nil {
		t.Fatal(err)
	}
	cal, err := svc.Feed(ctx, booking.FeedPrivate, wang.FeedToken)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cal.Events, func(e ical.Event) bool { return strings.HasPrefix(e.UID, b.ID) })
	if i < 0 {
		t.Fatal("the cancelled booking is gone from its owner's feed")
	}
	if ev := cal.Events[i]; ev.Status != "CANCELLED" || !strings.Contains(ev.Description, "漏水 leak") || ev.Sequence == 0 {
		t.Fatalf("feed event %+v", ev)
	}
	room, err := svc.Feed(ctx, booking.FeedRoom, "library")
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(room.Events, func(e ical.Event) bool { return strings.HasPrefix(e.UID, b.ID) }) {
		t.Fatal("the room feed still shows the cancelled booking as busy")
	}
}

// TestClosureDST: in Europe/Berlin the day the clocks go back has 25
// hours; a closure of that whole day suspends its class date and refuses a
// booking at 23:00, and the next day from midnight is open.
func TestClosureDST(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	svc, admin := zoneService(t, berlin, time.Date(2026, 10, 20, 10, 0, 0, 0, berlin))
	ctx := context.Background()
	start := time.Date(2026, 10, 23, 10, 0, 0, 0, berlin)
	res, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "library", Title: "晨读",
		Start: start, End: start.Add(time.Hour), RRule: "FREQ=DAILY;COUNT=5"})
	if err != nil {
		t.Fatal(err)
	}
	day0, day1 := time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), time.Date(2026, 10, 26, 0, 0, 0, 0, berlin)
	if day1.Sub(day0) != 25*time.Hour {
		t.Fatalf("the test's day has %v", day1.Sub(day0))
	}
	if _, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Room: "library", Start: day0, End: day1}, false); err != nil {
		t.Fatal(err)
	}
	got := classDays(t, svc, booking.OccurrenceQuery{Room: "library", From: start, To: start.AddDate(0, 0, 7)}, res.Series.ID)
	want := []string{"10-23T10:00", "10-24T10:00", "10-26T10:00", "10-27T10:00"}
	if !slices.Equal(got, want) {
		t.Fatalf("class dates %v, want %v", got, want)
	}
	_, err = svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Start: day0.Add(23 * time.Hour), End: day0.Add(24 * time.Hour), Attendees: 1})
	refusedByClosure(t, "23:00 on the long day", err)
	mustBook(t, svc, admin, "library", day1, day1.Add(time.Hour))
	if got := feedExDates(t, svc, booking.FeedRoom, "library", res.Series.ID); !slices.Equal(got, []string{"10-25T10:00"}) {
		t.Fatalf("feed EXDATEs %v", got)
	}
}

// TestClosureRefusals: only staff close rooms; bad values are 422s naming
// their field, an unknown room is 404 naming room; none writes anything.
func TestClosureRefusals(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	wang := account(t, svc, admin, "wang", booking.RoleResident).User
	li := account(t, svc, admin, "lin", booking.RoleLeader).User
	s := time.Date(2026, 12, 5, 9, 0, 0, 0, shanghai)
	ok := booking.NewClosure{Room: "library", Start: s, End: s.Add(time.Hour)}
	with := func(f func(*booking.NewClosure)) booking.NewClosure { n := ok; f(&n); return n }
	tests := []struct {
		name, code, field string
		actor             *booking.User
		n                 booking.NewClosure
	}{
		{"resident", booking.EFORBIDDEN, "", wang, ok},
		{"leader", booking.EFORBIDDEN, "", li, ok},
		{"end before start", booking.EINVALID, "end", admin, with(func(n *booking.NewClosure) { n.End = s.Add(-time.Hour) })},
		{"end at start", booking.EINVALID, "end", admin, with(func(n *booking.NewClosure) { n.End = s })},
		{"no start", booking.EINVALID, "start", admin, with(func(n *booking.NewClosure) { n.Start = time.Time{} })},
		{"too long", booking.EINVALID, "end", admin, with(func(n *booking.NewClosure) { n.End = s.AddDate(1, 1, 0) })},
		{"long reason", booking.EINVALID, "reason", admin, with(func(n *booking.NewClosure) { n.Reason = strings.Repeat("修", 201) })},
		{"bad text", booking.EINVALID, "reason", admin, with(func(n *booking.NewClosure) { n.Reason = "\xff" })},
		{"unknown room", booking.ENOTFOUND, "room", admin, with(func(n *booking.NewClosure) { n.Room = "garage" })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, dry := range []bool{true, false} {
				_, err := svc.CreateClosure(ctx, tc.actor, tc.n, dry)
				var e *booking.Error
				if !errors.As(err, &e) || e.Code != tc.code || e.Field != tc.field {
					t.Fatalf("dry=%v: got %v, want %s on %q", dry, err, tc.code, tc.field)
				}
			}
		})
	}
	if err := svc.DeleteClosure(ctx, wang, "x"); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Fatalf("resident deletes: %v", err)
	}
	if cs, _ := svc.Closures(ctx, booking.ClosureFilter{}); len(cs) != 0 {
		t.Fatalf("refusals stored %v", cs)
	}
}

// TestClosureSnapshot: an export carries the closures (the whole centre
// as room null) and an import restores them, so a restored site still
// suspends the same dates.
func TestClosureSnapshot(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	ctx := context.Background()
	at := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, shanghai) }
	for _, room := range []string{"", "music"} {
		if _, err := svc.CreateClosure(ctx, admin, booking.NewClosure{Room: room, Start: at(4), End: at(5), Reason: "检修 maintenance"}, false); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := svc.Export(ctx)
	if err != nil || len(snap.Closures) != 2 {
		t.Fatalf("export: %v %v", snap.Closures, err)
	}
	dst, _ := openService(t, "dst.db")
	if _, err := dst.ImportSnapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	got, err := dst.Closures(ctx, booking.ClosureFilter{})
	if err != nil || len(got) != 2 || got[0].Room == got[1].Room || got[0].Reason != "检修 maintenance" {
		t.Fatalf("imported closures %+v %v", got, err)
	}
}
