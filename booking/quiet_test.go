package booking_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// quietService is a service in zone with the demo seed (the music room is
// quiet 22:00-07:00), its clock at now's wall time in that zone; it
// returns the admin.
func quietService(t *testing.T, zone string, y int, m time.Month, d int) (*booking.Service, *booking.User) {
	t.Helper()
	ctx := context.Background()
	loc := mustZone(zone)
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "quiet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(y, m, d, 10, 0, 0, 0, loc)
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

// quietZones are the site zones the quiet-hours tests run in: ours, and
// one with daylight saving.
var quietZones = []string{"Asia/Shanghai", "Europe/Berlin"}

// TestQuietHoursBookings: nobody (resident, leader, staff) may book the
// music room between 22:00 and 07:00 the next day; a booking may end at
// 22:00 or begin at 07:00 exactly (half-open). The refusal is policy
// quiet_hours naming start when the booking begins in quiet hours, else
// end, in words with the room and the window; CheckBooking says the same.
func TestQuietHoursBookings(t *testing.T) {
	for _, zone := range quietZones {
		t.Run(zone, func(t *testing.T) {
			svc, admin := quietService(t, zone, 2026, 11, 28)
			loc := mustZone(zone)
			ctx := context.Background()
			at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, loc) }
			users := map[string]*booking.User{
				"resident": account(t, svc, admin, "wang", booking.RoleResident).User,
				"leader":   account(t, svc, admin, "lin", booking.RoleLeader).User,
				"staff":    admin,
			}
			for name, u := range users {
				for _, tc := range []struct {
					start, end time.Time
					want       string
				}{
					{at(1, 21, 30), at(1, 22, 30), "policy/quiet_hours/end"},
					{at(1, 22, 0), at(1, 23, 0), "policy/quiet_hours/start"},
					{at(1, 23, 30), at(2, 1, 0), "policy/quiet_hours/start"},
					{at(2, 6, 0), at(2, 7, 30), "policy/quiet_hours/start"},
					{at(2, 6, 59), at(2, 8, 0), "policy/quiet_hours/start"},
					{at(2, 20, 0), at(2, 22, 1), "policy/quiet_hours/end"},
				} {
					n := booking.NewBooking{Room: "music", Start: tc.start, End: tc.end, Title: "练琴", Attendees: 1}
					checked := svc.CheckBooking(ctx, u, n)
					_, err := svc.CreateBooking(ctx, u, n)
					if got := policyRule(err); got != tc.want || policyRule(checked) != tc.want {
						t.Errorf("%s %v-%v: create %v, check %v; want %s", name, tc.start, tc.end, err, checked, tc.want)
					}
					if err != nil && !strings.Contains(err.Error(), "器乐室22:00至次日07:00为安静时段") {
						t.Errorf("%s: message %q", name, err)
					}
				}
			}
			// Just outside, each role: ending at 22:00, beginning at 07:00.
			d := 3
			for name, u := range users {
				for _, ok := range [][2]time.Time{{at(d, 21, 0), at(d, 22, 0)}, {at(d+1, 7, 0), at(d+1, 8, 0)}} {
					n := booking.NewBooking{Room: "music", Start: ok[0], End: ok[1], Title: "练琴", Attendees: 1}
					if err := svc.CheckBooking(ctx, u, n); err != nil {
						t.Errorf("%s check %v: %v", name, ok[0], err)
					}
					if _, err := svc.CreateBooking(ctx, u, n); err != nil {
						t.Errorf("%s %v-%v refused: %v", name, ok[0], ok[1], err)
					}
				}
				d += 2
			}
		})
	}
}

// TestQuietHoursWindowOfTheDay: a window within one day (12:00-13:00)
// binds the same way, and a room without quiet hours binds nobody.
func TestQuietHoursWindowOfTheDay(t *testing.T) {
	svc, admin := quietService(t, "Asia/Shanghai", 2026, 11, 28)
	ctx := context.Background()
	at := func(h, m int) time.Time { return time.Date(2026, 12, 1, h, m, 0, 0, shanghai) }
	if _, err := svc.PatchRoom(ctx, admin, "library", booking.RoomPatch{Rules: &booking.RulesPatch{
		QuietHours: &[]booking.QuietWindow{{Start: "12:00", End: "13:00"}}}}); err != nil {
		t.Fatal(err)
	}
	book := func(room string, s, e time.Time) error {
		_, err := svc.CreateBooking(ctx, admin, booking.NewBooking{Room: room, Start: s, End: e, Title: "午休", Attendees: 1})
		return err
	}
	if got := policyRule(book("library", at(11, 30), at(12, 1))); got != "policy/quiet_hours/end" {
		t.Errorf("into the window: %s", got)
	}
	if got := policyRule(book("library", at(12, 59), at(14, 0))); got != "policy/quiet_hours/start" {
		t.Errorf("from inside the window: %s", got)
	}
	err := book("library", at(11, 0), at(14, 0))
	if got := policyRule(err); got != "policy/quiet_hours/end" || !strings.Contains(err.Error(), "12:00至13:00为安静时段") ||
		!strings.Contains(err.Error(), "are 12:00 to 13:00;") {
		t.Errorf("across the window: %v", err)
	}
	for _, ok := range [][2]time.Time{{at(11, 0), at(12, 0)}, {at(13, 0), at(14, 0)}} {
		if err := book("library", ok[0], ok[1]); err != nil {
			t.Errorf("%v: %v", ok[0], err)
		}
	}
	if err := book("activity", at(23, 0), at(23, 30)); err != nil {
		t.Errorf("a room without quiet hours: %v", err)
	}
}

// TestQuietHoursDSTNights: in Berlin the music room's 22:00-07:00 is the
// wall clock's: the night the clocks go forward it lasts 8 hours and a
// booking from 07:00 is fine; the night they go back it lasts 10 hours
// and 06:00-07:00 (CET) is quiet. (A window kept as 9 real hours from
// 22:00, as the clash engine keeps a series' length, gets both wrong.) A
// booking that spans the change is read piece by piece.
func TestQuietHoursDSTNights(t *testing.T) {
	svc, admin := quietService(t, "Europe/Berlin", 2027, 3, 20)
	berlin := mustZone("Europe/Berlin")
	ctx := context.Background()
	lead := account(t, svc, admin, "lin", booking.RoleLeader).User
	at := func(m time.Month, d, h, mi int) time.Time { return time.Date(2027, m, d, h, mi, 0, 0, berlin) }
	book := func(room string, s, e time.Time) error {
		_, err := svc.CreateBooking(ctx, lead, booking.NewBooking{Room: room, Start: s, End: e, Title: "练琴", Attendees: 1})
		return err
	}
	// 28 March 2027: 02:00 CET becomes 03:00 CEST; 31 October: 03:00 CEST becomes 02:00 CET.
	for _, tc := range []struct {
		s, e time.Time
		want string
	}{
		{at(3, 28, 7, 0), at(3, 28, 8, 0), ""},
		{at(3, 28, 6, 30), at(3, 28, 7, 0), "policy/quiet_hours/start"},
		{at(10, 31, 6, 0), at(10, 31, 7, 0), "policy/quiet_hours/start"},
		{at(10, 31, 7, 0), at(10, 31, 8, 0), ""},
		{at(10, 30, 21, 0), at(10, 30, 22, 0), ""},
	} {
		if got := policyRule(book("music", tc.s, tc.e)); got != tc.want {
			t.Errorf("%v-%v: %q, want %q", tc.s, tc.e, got, tc.want)
		}
	}
	// The library quiet 03:00-04:00: on 28 March 01:00 CET to 03:00 CEST
	// (one real hour) ends where the window begins; to 03:30 it is inside.
	if _, err := svc.PatchRoom(ctx, admin, "library", booking.RoomPatch{Rules: &booking.RulesPatch{
		QuietHours: &[]booking.QuietWindow{{Start: "03:00", End: "04:00"}}}}); err != nil {
		t.Fatal(err)
	}
	if got := policyRule(book("library", at(3, 28, 1, 30), at(3, 28, 3, 30))); got != "policy/quiet_hours/end" {
		t.Errorf("into the window across the change: %q", got)
	}
	if err := book("library", at(3, 28, 1, 0), at(3, 28, 3, 0)); err != nil {
		t.Errorf("ends at the window across the change: %v", err)
	}
}

// TestQuietHoursSeries: a class in quiet hours is refused, by POST, its
// dry run, PATCH and a moved date, for staff too, naming its first date;
// unbounded, monthly and counted rules alike; one that ends at 22:00 or
// begins at 07:00 is fine.
func TestQuietHoursSeries(t *testing.T) {
	for _, zone := range quietZones {
		t.Run(zone, func(t *testing.T) {
			svc, admin := quietService(t, zone, 2026, 11, 28)
			loc := mustZone(zone)
			ctx := context.Background()
			at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, loc) }
			class := func(s, e time.Time, rrule string, dry bool) (*booking.SeriesResult, error) {
				return svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "music", Title: "器乐合奏",
					Start: s, End: e, RRule: rrule, DryRun: dry})
			}
			for _, tc := range []struct {
				s, e  time.Time
				rrule string
				want  string
				first string
			}{
				{at(7, 21, 0), at(7, 22, 30), "FREQ=WEEKLY;BYDAY=MO", "policy/quiet_hours/end", "2026-12-07"},
				{at(25, 6, 0), at(25, 8, 0), "FREQ=MONTHLY;BYDAY=-1FR", "policy/quiet_hours/start", "2026-12-25"},
				{at(1, 23, 0), at(1, 23, 30), "FREQ=DAILY;COUNT=10", "policy/quiet_hours/start", "2026-12-01"},
				{at(2, 21, 45), at(3, 7, 15), "FREQ=WEEKLY;INTERVAL=3", "policy/quiet_hours/end", "2026-12-02"},
			} {
				for _, dry := range []bool{true, false} {
					_, err := class(tc.s, tc.e, tc.rrule, dry)
					if got := policyRule(err); got != tc.want || !strings.Contains(err.Error(), "自"+tc.first+"起") ||
						!strings.Contains(err.Error(), "every date from "+tc.first+" on") {
						t.Errorf("%s dry=%v: %v, want %s from %s", tc.rrule, dry, err, tc.want, tc.first)
					}
				}
			}
			ok, err := class(at(7, 20, 0), at(7, 22, 0), "FREQ=WEEKLY;BYDAY=MO", false)
			if err != nil {
				t.Fatalf("Mondays 20:00-22:00: %v", err)
			}
			if _, err := class(at(1, 7, 0), at(1, 9, 0), "FREQ=WEEKLY;BYDAY=TU", false); err != nil {
				t.Fatalf("Tuesdays 07:00-09:00: %v", err)
			}
			id := ok.Series.ID
			later := at(7, 20, 30)
			if _, err := svc.PatchSeries(ctx, admin, id, booking.SeriesPatch{Start: &later}); policyRule(err) != "policy/quiet_hours/end" {
				t.Errorf("PATCH into quiet hours: %v", err)
			}
			if se, _ := svc.Series(ctx, id); len(se.Parts) != 1 || !se.Parts[0].Start.Equal(at(7, 20, 0)) {
				t.Errorf("refused PATCH changed the series: %+v", se.Parts)
			}
			move := func(s, e time.Time) error {
				_, err := svc.AddException(ctx, admin, id, booking.ExceptionRequest{Occurrence: at(14, 20, 0),
					Action: booking.ActionMove, Start: s, End: e})
				return err
			}
			if got := policyRule(move(at(15, 22, 0), at(15, 23, 0))); got != "policy/quiet_hours/start" {
				t.Errorf("move into quiet hours: %s", got)
			}
			if got := policyRule(move(at(16, 6, 0), at(16, 7, 30))); got != "policy/quiet_hours/start" {
				t.Errorf("move into the morning's quiet hours: %s", got)
			}
			if err := move(at(15, 19, 0), at(15, 22, 0)); err != nil {
				t.Errorf("move to end at 22:00: %v", err)
			}
		})
	}
}

// TestQuietHoursSeriesDST: in Berlin a weekly Sunday class 07:00-08:00
// from before the clocks go forward is fine (on 28 March 2027 the night
// is an hour shorter, not an hour longer), and a Sunday class 06:00-07:00
// starting with the night they go back is refused from its first date.
func TestQuietHoursSeriesDST(t *testing.T) {
	svc, admin := quietService(t, "Europe/Berlin", 2027, 3, 1)
	berlin := mustZone("Europe/Berlin")
	ctx := context.Background()
	at := func(m time.Month, d, h int) time.Time { return time.Date(2027, m, d, h, 0, 0, 0, berlin) }
	class := func(s, e time.Time) error {
		_, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "music", Title: "晨练",
			Start: s, End: e, RRule: "FREQ=WEEKLY;BYDAY=SU"})
		return err
	}
	if err := class(at(3, 7, 7), at(3, 7, 8)); err != nil {
		t.Errorf("Sundays 07:00-08:00 across the spring change: %v", err)
	}
	err := class(at(10, 31, 6), at(10, 31, 7))
	if policyRule(err) != "policy/quiet_hours/start" || !strings.Contains(err.Error(), "2027-10-31") {
		t.Errorf("Sundays 06:00-07:00 from the autumn change: %v", err)
	}
}

// TestQuietBreaches: staff moving the music room's quiet hours to start
// at 20:00 keep the booking and the class now inside them (nothing is
// cancelled) and are shown both, the class by its next date; what lies
// outside, or is over, is not listed; new requests are refused at once;
// only staff may ask.
func TestQuietBreaches(t *testing.T) {
	svc, admin := quietService(t, "Asia/Shanghai", 2026, 11, 28)
	ctx := context.Background()
	at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, shanghai) }
	res := account(t, svc, admin, "wang", booking.RoleResident).User
	late, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "music", Start: at(1, 20, 30), End: at(1, 21, 30), Title: "练琴", Attendees: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "music", Start: at(1, 18, 0), End: at(1, 20, 0), Title: "练琴", Attendees: 1}); err != nil {
		t.Fatal(err)
	}
	class, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "music", Title: "器乐合奏",
		Start: at(2, 19, 30), End: at(2, 21, 0), RRule: "FREQ=WEEKLY"})
	if err != nil {
		t.Fatal(err)
	}
	if list, n, err := svc.QuietBreaches(ctx, admin, "music"); err != nil || n != 0 || len(list) != 0 {
		t.Fatalf("before: %v %d %v", list, n, err)
	}
	if _, err := svc.PatchRoom(ctx, admin, "music", booking.RoomPatch{Rules: &booking.RulesPatch{
		QuietHours: &[]booking.QuietWindow{{Start: "20:00", End: "07:00"}}}}); err != nil {
		t.Fatal(err)
	}
	list, n, err := svc.QuietBreaches(ctx, admin, "music")
	if err != nil || n != 2 || len(list) != 2 {
		t.Fatalf("after: %+v %d %v", list, n, err)
	}
	if list[0].Kind != booking.KindBooking || list[0].ID != late.ID || list[1].Kind != booking.KindSeries ||
		list[1].ID != class.Series.ID || !list[1].Start.Equal(at(2, 19, 30)) {
		t.Errorf("breaches: %+v", list)
	}
	if b, err := svc.Booking(ctx, res, late.ID); err != nil || b.Status != booking.StatusConfirmed {
		t.Errorf("the booking inside the new window: %+v %v", b, err)
	}
	if occ, err := svc.Occurrences(ctx, admin, booking.OccurrenceQuery{Room: "music", From: at(2, 0, 0), To: at(3, 0, 0)}); err != nil || len(occ) != 1 {
		t.Errorf("the class still meets: %v %v", occ, err)
	}
	if _, err := svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "music", Start: at(3, 20, 0), End: at(3, 21, 0), Title: "练琴", Attendees: 1}); policyRule(err) != "policy/quiet_hours/start" {
		t.Errorf("new booking in the new window: %v", err)
	}
	if _, _, err := svc.QuietBreaches(ctx, res, "music"); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Errorf("resident asks: %v", err)
	}
}

// TestQuietHoursSeriesMovedIntoRoom: a PATCH that moves an evening class
// into the quiet music room is refused naming room, the field it sent.
func TestQuietHoursSeriesMovedIntoRoom(t *testing.T) {
	svc, admin := quietService(t, "Asia/Shanghai", 2026, 11, 28)
	ctx := context.Background()
	at := func(h, m int) time.Time { return time.Date(2026, 12, 1, h, m, 0, 0, shanghai) }
	res, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "activity", Title: "象棋",
		Start: at(21, 30), End: at(22, 30), RRule: "FREQ=WEEKLY;BYDAY=TU"})
	if err != nil {
		t.Fatal(err)
	}
	music := "music"
	if _, err := svc.PatchSeries(ctx, admin, res.Series.ID, booking.SeriesPatch{Room: &music}); policyRule(err) != "policy/quiet_hours/room" {
		t.Errorf("moved into the music room: %v", err)
	}
	start := at(21, 15) // the length stays: to 22:15
	if _, err := svc.PatchSeries(ctx, admin, res.Series.ID, booking.SeriesPatch{Room: &music, Start: &start}); policyRule(err) != "policy/quiet_hours/end" {
		t.Errorf("moved with a new start: %v", err)
	}
	start = at(21, 0) // to 22:00: fine
	if _, err := svc.PatchSeries(ctx, admin, res.Series.ID, booking.SeriesPatch{Room: &music, Start: &start}); err != nil {
		t.Errorf("moved to end at 22:00: %v", err)
	}
}
