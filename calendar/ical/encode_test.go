package ical

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func encodeString(t *testing.T, cal Calendar) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, cal); err != nil {
		t.Fatal(err)
	}
	return unfold(buf.String())
}

func TestEncodeCalendarProperties(t *testing.T) {
	feed := encodeString(t, fixture(mustLoad(t, "Asia/Shanghai")))
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\n",
		"PRODID:-//Mingzhu Community//Mingzhu Rooms//ZH\r\n",
		"VERSION:2.0\r\n",
		"CALSCALE:GREGORIAN\r\n",
		"METHOD:PUBLISH\r\n",
		"NAME:明珠社区 · 书法室 Calligraphy room\r\n",
		"X-WR-CALNAME:明珠社区 · 书法室 Calligraphy room\r\n",
		"X-WR-TIMEZONE:Asia/Shanghai\r\n",
		"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", // RFC 7986 §5.7
		"X-PUBLISHED-TTL:PT1H\r\n",
		"TZID:Asia/Shanghai\r\n",
		"DTSTART;TZID=Asia/Shanghai:20260303T190000\r\n",
		"DTEND;TZID=Asia/Shanghai:20260303T210000\r\n",
		"RRULE:FREQ=WEEKLY;UNTIL=20260428T110000Z\r\n",
		"EXDATE;TZID=Asia/Shanghai:20260317T190000\r\n",
		"RECURRENCE-ID;TZID=Asia/Shanghai:20260324T190000\r\n",
		"DTSTAMP:20260220T030405Z\r\n",
		"LAST-MODIFIED:20260220T030405Z\r\n",
		"SEQUENCE:2\r\n",
		"TRANSP:OPAQUE\r\n",
		"STATUS:CONFIRMED\r\n",
		`LOCATION:会议室 A\, 2F\; east` + "\r\n",
		`DESCRIPTION:租用人: 王先生\nTel 0631-0000000` + "\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if strings.Contains(feed, "VALUE=TEXT") {
		t.Error("X- properties got VALUE=TEXT (go-ical's SetText does that)")
	}
}

func TestEncodeDeterministic(t *testing.T) {
	loc := mustLoad(t, "Europe/Berlin")
	a, b := encodeString(t, fixture(loc)), encodeString(t, fixture(loc))
	if a != b {
		t.Fatal("two encodings of the same calendar differ")
	}
	changed := fixture(loc)
	changed.Events[2].Sequence++
	if encodeString(t, changed) == a {
		t.Fatal("a change of SEQUENCE did not change the bytes")
	}
}

func TestEncodeEscapesText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a,b;c", `a\,b\;c`},
		{`back\slash`, `back\\slash`},
		{"one\r\ntwo\rthree\nfour", `one\ntwo\nthree\nfour`}, // CR would make go-ical fail
		{"tab\tkept, nul\x00 dropped", `tab` + "\t" + `kept\, nul dropped`},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"书法: 无需转义", "书法: 无需转义"},
	}
	for _, tc := range tests {
		if got := escapeText(tc.in); got != tc.want {
			t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEncodeTransparentAndEmpty(t *testing.T) {
	loc := mustLoad(t, "Asia/Shanghai")
	start := time.Date(2026, 5, 1, 9, 0, 0, 0, loc)
	feed := encodeString(t, Calendar{Loc: loc, Events: []Event{{
		UID: "x", Start: start, End: start.Add(time.Hour), LastModified: start, Transparent: true,
	}}})
	if !strings.Contains(feed, "TRANSP:TRANSPARENT\r\n") {
		t.Error("Transparent did not write TRANSP:TRANSPARENT")
	}
	if strings.Contains(feed, "\r\nNAME:") || strings.Contains(feed, "X-WR-CALNAME") || strings.Contains(feed, "LOCATION:") {
		t.Error("empty Name or Location was written")
	}
	// A feed with no bookings is still valid: go-ical refuses a VCALENDAR
	// without components, and the VTIMEZONE is one.
	if feed := encodeString(t, Calendar{Name: "空 Empty", Loc: loc}); !strings.Contains(feed, "BEGIN:VTIMEZONE") {
		t.Error("empty feed has no VTIMEZONE")
	}
}

func TestEncodeRefuses(t *testing.T) {
	loc := mustLoad(t, "Asia/Shanghai")
	start := time.Date(2026, 5, 1, 9, 0, 0, 0, loc)
	ok := Event{UID: "u", Start: start, End: start.Add(time.Hour), LastModified: start}
	tests := []struct {
		name string
		loc  *time.Location
		edit func(*Event)
		want string
	}{
		{"nil zone", nil, func(*Event) {}, "Loc is nil"},
		{"Local zone", time.Local, func(*Event) {}, "not an IANA zone"},
		{"fixed zone", time.FixedZone("CST", 8*3600), func(*Event) {}, "not an IANA zone"},
		{"no UID", loc, func(e *Event) { e.UID = "" }, "UID is empty"},
		{"end before start", loc, func(e *Event) { e.End = e.Start.Add(-time.Minute) }, "End must be after Start"},
		{"zero length", loc, func(e *Event) { e.End = e.Start }, "End must be after Start"},
		{"no LastModified", loc, func(e *Event) { e.LastModified = time.Time{} }, "LastModified"},
		{"bad status", loc, func(e *Event) { e.Status = "MAYBE" }, "Status"},
		{"RRULE prefix", loc, func(e *Event) { e.RRule = "RRULE:FREQ=WEEKLY" }, "bare value"},
		{"no FREQ", loc, func(e *Event) { e.RRule = "BYDAY=MO" }, "no FREQ"},
		{"local UNTIL", loc, func(e *Event) { e.RRule = "FREQ=WEEKLY;UNTIL=20260601T090000" }, "UNTIL must be UTC"},
		{"EXDATE on single", loc, func(e *Event) { e.ExDates = []time.Time{start} }, "ExDates without RRule"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := ok
			tc.edit(&e)
			w := &failWriter{}
			err := Encode(w, Calendar{Loc: tc.loc, Events: []Event{e}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if w.n > 0 {
				t.Errorf("%d bytes written before the error", w.n)
			}
		})
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

func TestEncodeWriteError(t *testing.T) {
	boom := errors.New("boom")
	err := Encode(errWriter{boom}, fixture(mustLoad(t, "Asia/Shanghai")))
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
}

type errWriter struct{ err error }

func (w errWriter) Write([]byte) (int, error) { return 0, w.err }
