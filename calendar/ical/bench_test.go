package ical

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"
)

// benchCalendar is a busy site's feed: 100 weekly series, each with a few
// EXDATEs and an override, and 5,000 single bookings, in loc.
func benchCalendar(loc *time.Location) Calendar {
	cal := Calendar{Name: "明珠社区 · 全部 All rooms", Loc: loc}
	base := time.Date(2026, 3, 2, 8, 0, 0, 0, loc)
	mod := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100 {
		start := base.Add(time.Duration(i%7)*24*time.Hour + time.Duration(i%12)*time.Hour)
		uid := fmt.Sprintf("series-%03d@mingzhu-rooms.weihai", i)
		cal.Events = append(cal.Events,
			Event{UID: uid, Summary: fmt.Sprintf("书法班, 第 %d 组; 成人", i), Location: "书法室 Room 201 · 明珠社区",
				Description: "负责人: 王老师\n电话 0631-0000000", Start: start, End: start.Add(90 * time.Minute),
				RRule:    "FREQ=WEEKLY;UNTIL=" + start.AddDate(0, 6, 0).UTC().Format(utcLayout),
				ExDates:  []time.Time{start.AddDate(0, 0, 14), start.AddDate(0, 0, 35), start.AddDate(0, 0, 63)},
				Sequence: 3, LastModified: mod},
			Event{UID: uid, Summary: "书法班（调课）", Start: start.AddDate(0, 0, 22), End: start.AddDate(0, 0, 22).Add(time.Hour),
				RecurrenceID: start.AddDate(0, 0, 21), Sequence: 4, LastModified: mod})
	}
	for i := range 5000 {
		start := base.Add(time.Duration(i) * 3 * time.Hour)
		cal.Events = append(cal.Events, Event{
			UID: fmt.Sprintf("booking-%05d@mingzhu-rooms.weihai", i), Summary: "已预订 Booked",
			Location: "活动厅 Hall · 明珠社区 Mingzhu community", Start: start, End: start.Add(2 * time.Hour), LastModified: mod,
		})
	}
	return cal
}

// BenchmarkEncode measures a whole feed of 100 series and 5,000 bookings
// (target: well under 20 ms).
func BenchmarkEncode(b *testing.B) {
	for _, zone := range []string{"Asia/Shanghai", "Europe/Berlin"} {
		b.Run(zone, func(b *testing.B) {
			cal := benchCalendar(mustLoad(b, zone))
			var buf bytes.Buffer
			if err := Encode(&buf, cal); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if err := Encode(io.Discard, cal); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode reads the same feed back, as an import would.
func BenchmarkDecode(b *testing.B) {
	loc := mustLoad(b, "Asia/Shanghai")
	var buf bytes.Buffer
	if err := Encode(&buf, benchCalendar(loc)); err != nil {
		b.Fatal(err)
	}
	if buf.Len() > MaxImportSize {
		buf.Truncate(0) // an import is capped: decode the part that fits
		cal := benchCalendar(loc)
		cal.Events = cal.Events[:2000]
		if err := Encode(&buf, cal); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(buf.Bytes()), loc); err != nil {
			b.Fatal(err)
		}
	}
}
