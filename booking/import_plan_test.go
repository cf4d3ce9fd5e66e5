package booking_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// planICS is a small timetable for the activity room: a weekly class on
// Tuesdays 09:00 (six dates from 1 December 2026, the third moved to
// Wednesday 16 December), an open-ended class every third Thursday at
// 18:00, and a single event on 2 December 14:00-15:00.
const planICS = icsHead +
	"BEGIN:VEVENT\r\nUID:tue@plan\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:周二课\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n" +
	"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:tue@plan\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID;TZID=Asia/Shanghai:20261215T090000\r\n" +
	"DTSTART;TZID=Asia/Shanghai:20261216T090000\r\nDTEND;TZID=Asia/Shanghai:20261216T100000\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:thu@plan\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:周四课\r\nDTSTART;TZID=Asia/Shanghai:20261203T180000\r\n" +
	"DTEND;TZID=Asia/Shanghai:20261203T190000\r\nRRULE:FREQ=WEEKLY;INTERVAL=3\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:one@plan\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:单次\r\nDTSTART;TZID=Asia/Shanghai:20261202T140000\r\n" +
	"DTEND;TZID=Asia/Shanghai:20261202T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

const icsHead = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"

// planEnv is a service with two teams (choir imports, dance competes) and
// a dance series on Wednesdays 09:00 from 23 December, for rivals to move.
type planEnv struct {
	t      *testing.T
	svc    *booking.Service
	db     *data.DB
	admin  *booking.User
	danceW string // the Wednesday dance series
}

func newPlanEnv(t *testing.T) *planEnv {
	svc, db, admin := testService(t, "none")
	ctx := context.Background()
	for _, id := range []string{"choir", "dance"} {
		if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: id, Name: id, NameEN: id}); err != nil {
			t.Fatal(err)
		}
	}
	e := &planEnv{t: t, svc: svc, db: db, admin: admin}
	e.danceW = e.series("FREQ=WEEKLY;COUNT=3", at(2026, 12, 23, 9, 0), time.Hour).Series.ID
	return e
}

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, shanghai)
}

// series creates a dance series in the activity room.
func (e *planEnv) series(rule string, start time.Time, d time.Duration) *booking.SeriesResult {
	e.t.Helper()
	res, err := e.svc.CreateSeries(context.Background(), e.admin, booking.NewSeries{Team: "dance", Room: "activity",
		Title: "舞", Start: start, End: start.Add(d), RRule: rule})
	if err != nil {
		e.t.Fatalf("rival series: %v", err)
	}
	return res
}

// book makes a booking as staff.
func (e *planEnv) book(room string, start time.Time, d time.Duration) *booking.Booking {
	e.t.Helper()
	b, err := e.svc.CreateBooking(context.Background(), e.admin, booking.NewBooking{Room: room, Start: start, End: start.Add(d), Attendees: 1})
	if err != nil {
		e.t.Fatalf("rival booking: %v", err)
	}
	return b
}

func (e *planEnv) count(q string) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(context.Background(), q).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// noOverlap fails if any two things occupy the room at once in the year
// the tests use.
func (e *planEnv) noOverlap(room string) {
	e.t.Helper()
	for _, from := range []time.Time{at(2026, 11, 28, 0, 0), at(2027, 11, 28, 0, 0), at(2028, 11, 28, 0, 0)} {
		occ, err := e.svc.Occurrences(context.Background(), e.admin, booking.OccurrenceQuery{Room: room, From: from, To: from.AddDate(1, 0, 0)})
		if err != nil {
			e.t.Fatal(err)
		}
		for i := 1; i < len(occ); i++ {
			for j := 0; j < i; j++ {
				if booking.Overlaps(occ[i].Start, occ[i].End, occ[j].Start, occ[j].End) {
					e.t.Fatalf("double booking in %s: %+v and %+v", room, occ[j], occ[i])
				}
			}
		}
	}
}

// TestImportOvertaken commits a rival write between an import's plan and
// its write. A rival that takes one of the plan's slots overtakes the plan:
// with reject the import answers 409 and writes nothing, with skip it is
// planned again and skips the date; one that takes no slot (or frees one)
// lets the first plan through. Never does anything overlap.
func TestImportOvertaken(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *planEnv) func() // returns the rival write
		clash bool
		// always409: the rival clashes with the open-ended class on
		// infinitely many dates, which skip cannot help either.
		always409 bool
		// skipped is what the first plan skips whatever the rival does.
		skipped string
	}{
		{name: "booking on a class date", clash: true,
			setup: func(e *planEnv) func() { return func() { e.book("activity", at(2026, 12, 8, 9, 30), time.Hour) } }},
		{name: "booking on the single event", clash: true,
			setup: func(e *planEnv) func() { return func() { e.book("activity", at(2026, 12, 2, 14, 30), 30*time.Minute) } }},
		{name: "booking on the moved date", clash: true,
			setup: func(e *planEnv) func() { return func() { e.book("activity", at(2026, 12, 16, 9, 0), time.Hour) } }},
		{name: "series over a class date", clash: true,
			setup: func(e *planEnv) func() {
				return func() { e.series("FREQ=WEEKLY;COUNT=1", at(2026, 12, 22, 9, 0), time.Hour) }
			}},
		{name: "series date moved onto a class date", clash: true,
			setup: func(e *planEnv) func() {
				return func() {
					_, err := e.svc.AddException(context.Background(), e.admin, e.danceW, booking.ExceptionRequest{
						Occurrence: at(2026, 12, 23, 9, 0), Action: booking.ActionMove, Start: at(2026, 12, 29, 9, 0), End: at(2026, 12, 29, 10, 0)})
					if err != nil {
						t.Fatal(err)
					}
				}
			}},
		{name: "open-ended series meeting the open-ended class from week 66", clash: true, always409: true,
			setup: func(e *planEnv) func() {
				return func() { e.series("FREQ=WEEKLY;INTERVAL=7", at(2027, 12, 2, 18, 0), time.Hour) }
			}},
		{name: "booking beside a class date",
			setup: func(e *planEnv) func() { return func() { e.book("activity", at(2026, 12, 8, 10, 0), time.Hour) } }},
		{name: "booking in another room",
			setup: func(e *planEnv) func() { return func() { e.book("library", at(2026, 12, 8, 9, 0), time.Hour) } }},
		{name: "open-ended series on other weeks",
			setup: func(e *planEnv) func() {
				return func() { e.series("FREQ=WEEKLY;INTERVAL=3", at(2026, 12, 10, 18, 0), time.Hour) }
			}},
		{name: "booking cancelled", skipped: "12-01",
			setup: func(e *planEnv) func() {
				b := e.book("activity", at(2026, 12, 1, 9, 0), time.Hour) // blocks the first class date
				return func() {
					if err := e.svc.CancelBooking(context.Background(), e.admin, b.ID); err != nil {
						t.Fatal(err)
					}
				}
			}},
	}
	for _, tc := range tests {
		for _, policy := range []string{booking.OnConflictReject, booking.OnConflictSkip} {
			t.Run(tc.name+"/"+policy, func(t *testing.T) {
				e := newPlanEnv(t)
				rival := tc.setup(e)
				if tc.name == "booking cancelled" && policy == booking.OnConflictReject {
					t.Skip("the booking blocks the import at its first plan")
				}
				var plans []int
				booking.SetAfterImportPlan(e.svc, func(attempt int) {
					plans = append(plans, attempt)
					if attempt == 0 {
						rival()
					}
				})
				res, err := e.svc.Import(context.Background(), e.admin, booking.ImportRequest{Team: "choir", Room: "activity",
					ICS: []byte(planICS), OnConflict: policy})
				e.noOverlap("activity")
				written := e.count(`SELECT count(*) FROM series WHERE team_id = 'choir'`) +
					e.count(`SELECT count(*) FROM bookings WHERE title = '单次'`)
				switch {
				case tc.clash && (policy == booking.OnConflictReject || tc.always409):
					if booking.ErrorCode(err) != booking.ECONFLICT || written != 0 {
						t.Fatalf("want 409 and nothing written; got %v, %d rows", err, written)
					}
				case tc.clash:
					if err != nil || len(plans) != 2 || len(skippedOf(res)) == 0 || written == 0 {
						t.Fatalf("want a second plan that skips: err %v, plans %v, result %+v", err, plans, res)
					}
				default:
					if err != nil || len(plans) != 1 || strings.Join(skippedOf(res), ",") != tc.skipped || written != 3 {
						t.Fatalf("want the first plan written whole: err %v, plans %v, %d rows, result %+v", err, plans, written, res)
					}
				}
			})
		}
	}
}

// skippedOf lists what an import skipped: dates of its series, and
// whole events.
func skippedOf(res *booking.ImportResult) []string {
	var out []string
	for _, it := range res.Created {
		for _, d := range it.Skipped {
			out = append(out, d.Format("01-02"))
		}
	}
	for _, it := range res.Skipped {
		out = append(out, it.Kind+" "+it.Start.Format("01-02"))
	}
	return out
}

// TestImportOvertakenTwice: a rival clash before every write makes the
// import run whole inside the write transaction at last, which skips both
// rivals' dates; nothing overlaps.
func TestImportOvertakenTwice(t *testing.T) {
	e := newPlanEnv(t)
	var plans []int
	booking.SetAfterImportPlan(e.svc, func(attempt int) {
		plans = append(plans, attempt)
		e.book("activity", at(2026, 12, 8+14*attempt, 9, 0), time.Hour)
	})
	res, err := e.svc.Import(context.Background(), e.admin, booking.ImportRequest{Team: "choir", Room: "activity",
		ICS: []byte(planICS), OnConflict: booking.OnConflictSkip})
	if err != nil || len(plans) != 2 {
		t.Fatalf("%v, plans %v", err, plans)
	}
	e.noOverlap("activity")
	if got := strings.Join(skippedOf(res), ","); got != "12-08,12-22" {
		t.Fatalf("skipped %s", got)
	}
}

// TestImportDryRunNoWriter: a dry run plans on a snapshot only; it never
// asks for the writer.
func TestImportDryRunNoWriter(t *testing.T) {
	svc, db, admin := testService(t, "demo")
	ts := &timedStore{Store: db}
	svc = booking.New(booking.Config{Store: ts, Loc: shanghai, Now: svc.Now})
	res, err := svc.Import(context.Background(), admin, booking.ImportRequest{Team: "taichi", Room: "lecture",
		ICS: []byte(planICS), OnConflict: booking.OnConflictSkip, DryRun: true})
	if err != nil || len(res.Created) == 0 {
		t.Fatalf("%v %+v", err, res)
	}
	if ts.writes != 0 {
		t.Fatalf("a dry run took the writer %d times", ts.writes)
	}
}

// TestImportPlanSeesItself: within one plan, later events are checked
// against earlier ones (the plan's own writes), as in a write transaction.
func TestImportPlanSeesItself(t *testing.T) {
	e := newPlanEnv(t)
	twice := strings.Replace(planICS, "END:VCALENDAR\r\n", "", 1) +
		"BEGIN:VEVENT\r\nUID:again@plan\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20261229T093000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261229T103000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	_, err := e.svc.Import(context.Background(), e.admin, booking.ImportRequest{Team: "choir", Room: "activity", ICS: []byte(twice)})
	if booking.ErrorCode(err) != booking.ECONFLICT || !strings.Contains(fmt.Sprint(err), "again@plan") {
		t.Fatalf("a single event on the file's own class date: %v", err)
	}
}
