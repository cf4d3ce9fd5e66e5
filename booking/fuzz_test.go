package booking_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
)

// fuzzService is testService with the demo data, shared by one fuzz
// target's iterations (dry runs and failed imports write nothing).
func fuzzService(f *testing.F) (*booking.Service, *booking.User) {
	svc, _, admin := testService(f, "demo")
	return svc, admin
}

// domainError fails unless err is nil or a coded domain error a client
// can act on: anything else would be a 500.
func domainError(t *testing.T, err error, input string) {
	t.Helper()
	switch booking.ErrorCode(err) {
	case "", booking.EINVALID, booking.ECONFLICT, booking.ENOTFOUND:
	default:
		t.Fatalf("input %q: unexpected error %v", input, err)
	}
}

// FuzzSeriesRRule feeds arbitrary RRULE text to the series API's dry run:
// it must answer (never panic, never hang) with a result or a clear error.
func FuzzSeriesRRule(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T155959Z", "FREQ=DAILY;COUNT=5000",
		"FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1",
		"FREQ=WEEKLY;INTERVAL=997", "FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=7", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "",
		"FREQ=WEEKLY;UNTIL=20261101", "FREQ=SECONDLY", "FREQ=WEEKLY;WKST=SU;BYDAY=SU,MO;INTERVAL=2", "COUNT=3"} {
		f.Add(s, int64(0))
	}
	svc, admin := fuzzService(f)
	base := time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai)
	f.Fuzz(func(t *testing.T, rrule string, shift int64) {
		start := base.Add(time.Duration(shift%(400*24)) * time.Hour)
		_, err := svc.CreateSeries(context.Background(), admin, booking.NewSeries{Team: "choir", Room: "activity", Title: "fuzz",
			Start: start, End: start.Add(90 * time.Minute), RRule: rrule, DryRun: true})
		domainError(t, err, rrule)
	})
}

// FuzzImport feeds arbitrary bytes to the .ics import (dry run).
func FuzzImport(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Asia/Shanghai:20261201T090000\r\n" +
		"DTEND;TZID=Asia/Shanghai:20261201T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Asia/Shanghai:20261208T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261201T010000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID;X=\"unterminated:\r\nEND:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nRECURRENCE-ID:20261201T010000Z\r\nDTSTART:20261202T010000Z\r\nDTEND:20261202T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	svc, admin := fuzzService(f)
	f.Fuzz(func(t *testing.T, ics []byte) {
		_, err := svc.Import(context.Background(), admin, booking.ImportRequest{Team: "taichi", Room: "lecture", ICS: ics,
			OnConflict: booking.OnConflictSkip, DryRun: true})
		domainError(t, err, string(ics))
	})
}
