package booking_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
)

// bigImport is a 500-event file for one room that clashes with nothing:
// 400 weekly series of twelve one-hour dates (seven days × fifteen hours
// 07:00-22:00, in four thirteen-week blocks from monday on), 50 of them
// with one date moved to 22:00 and 10 with one date cancelled, and 40
// half-hour single events at 23:00 on successive days.
func bigImport(monday time.Time) string {
	const tz = "Asia/Shanghai"
	stamp := func(t time.Time) string { return t.In(shanghai).Format("20060102T150405") }
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mingzhu//bench//EN\r\n")
	ev := func(uid string, lines ...string) {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261101T000000Z\r\n%s\r\nEND:VEVENT\r\n", uid, strings.Join(lines, "\r\n"))
	}
	first := func(i int) time.Time { // series i's first date
		k, block := i%105, i/105
		return monday.AddDate(0, 0, block*13*7+k%7).Add(time.Duration(7+k/7) * time.Hour)
	}
	for i := range 400 {
		s := first(i)
		ev(fmt.Sprintf("s%d@bench", i), "SUMMARY:课 "+fmt.Sprint(i), "DTSTART;TZID="+tz+":"+stamp(s),
			"DTEND;TZID="+tz+":"+stamp(s.Add(time.Hour)), "RRULE:FREQ=WEEKLY;COUNT=12")
	}
	for i := range 60 { // series i, date 1+i/7: one distinct date per series
		s := first(i)
		orig := s.AddDate(0, 0, 7*(1+i/7))
		lines := []string{"SUMMARY:课 " + fmt.Sprint(i), "RECURRENCE-ID;TZID=" + tz + ":" + stamp(orig)}
		if i < 50 {
			y, m, d := orig.In(shanghai).Date()
			to := time.Date(y, m, d, 22, 0, 0, 0, shanghai)
			lines = append(lines, "DTSTART;TZID="+tz+":"+stamp(to), "DTEND;TZID="+tz+":"+stamp(to.Add(time.Hour)))
		} else {
			lines = append(lines, "STATUS:CANCELLED", "DTSTART;TZID="+tz+":"+stamp(orig), "DTEND;TZID="+tz+":"+stamp(orig.Add(time.Hour)))
		}
		ev(fmt.Sprintf("s%d@bench", i), lines...)
	}
	for j := range 40 {
		s := monday.AddDate(0, 0, j).Add(23 * time.Hour)
		ev(fmt.Sprintf("b%d@bench", j), "SUMMARY:单次 "+fmt.Sprint(j), "DTSTART;TZID="+tz+":"+stamp(s),
			"DTEND;TZID="+tz+":"+stamp(s.Add(30*time.Minute)))
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// timedStore is the real store, timing how long each write transaction
// holds the single writer.
type timedStore struct {
	booking.Store
	mu      sync.Mutex
	longest time.Duration
	writes  int
}

func (t *timedStore) Update(ctx context.Context, fn func(booking.Tx) error) error {
	start := time.Now()
	err := t.Store.Update(ctx, fn)
	d := time.Since(start)
	t.mu.Lock()
	t.longest, t.writes = max(t.longest, d), t.writes+1
	t.mu.Unlock()
	return err
}

// BenchmarkImport500 imports bigImport into an empty room, each time in a
// new database: the whole service call, and (write-ms) how long it held
// the writer, on average.
func BenchmarkImport500(b *testing.B) {
	monday := time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)
	ics := []byte(bigImport(monday))
	var held time.Duration
	for b.Loop() {
		b.StopTimer()
		svc, db, admin := benchService(b)
		ts := &timedStore{Store: db}
		svc = booking.New(booking.Config{Store: ts, Loc: shanghai, Now: svc.Now})
		b.StartTimer()
		res, err := svc.Import(context.Background(), admin, booking.ImportRequest{Team: "choir", Room: "activity", ICS: ics})
		if err != nil || len(res.Created) != 500 || len(res.Skipped) != 0 {
			b.Fatalf("%v created %d skipped %d", err, len(res.Created), len(res.Skipped))
		}
		held += ts.longest
	}
	b.ReportMetric(float64(held.Microseconds())/1000/float64(b.N), "write-ms")
}
