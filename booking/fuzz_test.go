package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// domainError fails unless err is nil or a coded domain error a client
// can act on: anything else would be a 500.
func domainError(t *testing.T, err error, input string) {
	t.Helper()
	switch booking.ErrorCode(err) {
	case "", booking.EINVALID, booking.ECONFLICT, booking.ENOTFOUND, booking.ETOOLARGE:
	default:
		t.Fatalf("input %q: unexpected error %v", input, err)
	}
}

// FuzzSeriesRRule feeds arbitrary RRULE text to the series API: the dry
// run and the real request must answer (never panic, never hang) with a
// result or a clear error, and once a series is accepted every feed and
// listing that covers it must still render (issue 8, point 2). Each input
// starts from the same database (fuzz_render_test.go).
func FuzzSeriesRRule(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T155959Z", "FREQ=DAILY;COUNT=5000",
		"FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1",
		"FREQ=WEEKLY;INTERVAL=997", "FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=7", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "",
		"FREQ=WEEKLY;UNTIL=20261101", "FREQ=SECONDLY", "FREQ=WEEKLY;WKST=SU;BYDAY=SU,MO;INTERVAL=2", "COUNT=3"} {
		f.Add(s, int64(0))
	}
	// Accepted rules that broke every feed holding them (issue 8).
	f.Add("RRULE:FREQ=WEEKLY;BYDAY=TU", int64(0))
	f.Add("freq=weekly;byday=tu", int64(0))
	f.Add("FREQ=WEEKLY;DTSTART=20261201T070000", int64(0))
	tmpl := newRenderTemplate(f)
	base := time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai)
	f.Fuzz(func(t *testing.T, rrule string, shift int64) {
		fx := tmpl.fresh(t)
		start := base.Add(time.Duration(shift%(400*24)) * time.Hour)
		n := booking.NewSeries{Team: "choir", Room: "activity", Title: "fuzz",
			Start: start, End: start.Add(90 * time.Minute), RRule: rrule, DryRun: true}
		_, err := fx.svc.CreateSeries(context.Background(), fx.admin, n)
		domainError(t, err, rrule)
		// For real in a room without demo classes, so most rules are accepted.
		n.DryRun, n.OnConflict, n.Room = false, booking.OnConflictSkip, "lecture"
		res, err := fx.svc.CreateSeries(context.Background(), fx.admin, n)
		domainError(t, err, rrule)
		if err == nil {
			fx.checkRenders(t, "rrule "+rrule, []string{res.Series.ID}, nil)
		}
	})
}

// FuzzImport feeds arbitrary bytes to the .ics import, as a dry run and
// for real; what it accepts must then render in every feed and listing.
func FuzzImport(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Asia/Shanghai:20261208T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261201T010000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID;X=\"unterminated:\r\nEND:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nRECURRENCE-ID:20261201T010000Z\r\nDTSTART:20261202T010000Z\r\nDTEND:20261202T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	// Accepted files that broke a feed or a listing (issue 8).
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nRRULE:RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:e\r\nDTSTART:99991231T153000Z\r\nDTEND:99991231T163000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	tmpl := newRenderTemplate(f)
	f.Fuzz(func(t *testing.T, ics []byte) {
		fx := tmpl.fresh(t)
		r := booking.ImportRequest{Team: "taichi", Room: "lecture", ICS: ics, OnConflict: booking.OnConflictSkip, DryRun: true}
		_, err := fx.svc.Import(context.Background(), fx.admin, r)
		domainError(t, err, string(ics))
		r.DryRun = false
		res, err := fx.svc.Import(context.Background(), fx.admin, r)
		domainError(t, err, string(ics))
		if err != nil {
			return
		}
		var series []string
		var starts []time.Time
		for _, it := range res.Created {
			if it.Kind == booking.KindSeries {
				series = append(series, it.ID)
			}
			starts = append(starts, it.Start)
		}
		fx.checkRenders(t, "ics "+string(ics), series, starts)
	})
}
