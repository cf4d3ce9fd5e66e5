package ical

import (
	"errors"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// vevent wraps VEVENT body lines in a calendar. BEGIN:VEVENT is line 4.
func vevent(body ...string) string {
	head := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT"}
	tail := []string{"END:VEVENT", "END:VCALENDAR"}
	return crlf(append(append(head, body...), tail...)...)
}

func TestDecode(t *testing.T) {
	sh, berlin, ny := mustLoad(t, "Asia/Shanghai"), mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York")
	// The DST changes of 2026, probed from the loaded zones (tests/tzprobe)
	// rather than written as dates, which the machine's zone files decide
	// (Go reads them before its embedded time/tzdata). With today's data:
	// Berlin 29 March and 25 October, New York 8 March and 1 November.
	bSpring, bFall := tzprobe.ForwardIn(t, berlin, 2026), tzprobe.BackwardIn(t, berlin, 2026)
	nySpring, nyFall := tzprobe.ForwardIn(t, ny, 2026), tzprobe.BackwardIn(t, ny, 2026)
	// local is change c's wall clock moved by d, as an iCalendar local time.
	local := func(c tzprobe.Change, d time.Duration) string { return c.Wall().Add(d).Format("20060102T150405") }
	eve := bSpring.Wall().Truncate(24 * time.Hour).Add(-14 * time.Hour) // 10:00 the day before Berlin's spring change
	half := 30 * time.Minute
	tests := []struct {
		name       string
		in         string
		start, end time.Time
		check      func(t *testing.T, ev Imported)
	}{
		{name: "TZID and DTEND", in: vevent("UID:a", "DTSTART;TZID=Asia/Shanghai:20260303T190000", "DTEND;TZID=Asia/Shanghai:20260303T210000"),
			start: time.Date(2026, 3, 3, 19, 0, 0, 0, sh), end: time.Date(2026, 3, 3, 21, 0, 0, 0, sh)},
		{name: "UTC", in: vevent("UID:a", "DTSTART:20260303T110000Z", "DTEND:20260303T130000Z"),
			start: time.Date(2026, 3, 3, 11, 0, 0, 0, time.UTC), end: time.Date(2026, 3, 3, 13, 0, 0, 0, time.UTC)},
		{name: "floating reads in defaultLoc", in: vevent("UID:a", "DTSTART:20260303T190000", "DURATION:PT1H30M"),
			start: time.Date(2026, 3, 3, 19, 0, 0, 0, sh), end: time.Date(2026, 3, 3, 20, 30, 0, 0, sh)},
		// §3.3.6: a day is nominal; across the spring change it is 23 h.
		{name: "P1D across DST", in: vevent("UID:a", "DTSTART;TZID=Europe/Berlin:"+eve.Format("20060102T150405"), "DURATION:P1D"),
			start: time.Date(eve.Year(), eve.Month(), eve.Day(), 10, 0, 0, 0, berlin), end: time.Date(eve.Year(), eve.Month(), eve.Day()+1, 10, 0, 0, 0, berlin)},
		{name: "Thunderbird prefixed TZID", in: vevent("UID:a", "DTSTART;TZID=/mozilla.org/20050126_1/Asia/Shanghai:20260303T190000", "DURATION:PT1H"),
			start: time.Date(2026, 3, 3, 19, 0, 0, 0, sh), end: time.Date(2026, 3, 3, 20, 0, 0, 0, sh)},
		{name: "Outlook Windows TZID", in: vevent("UID:a", `DTSTART;TZID="China Standard Time":20260303T190000`, "DURATION:PT1H"),
			start: time.Date(2026, 3, 3, 19, 0, 0, 0, sh), end: time.Date(2026, 3, 3, 20, 0, 0, 0, sh)},
		{name: "fixed-offset VTIMEZONE", in: crlf("BEGIN:VCALENDAR", "BEGIN:VTIMEZONE",
			`TZID:(UTC+08:00) Beijing\, Chongqing\, Hong Kong\, Urumqi`,
			"BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", `DTSTART;TZID="(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi":20260303T190000`,
			"DURATION:PT1H", "END:VEVENT", "END:VCALENDAR"),
			start: time.Date(2026, 3, 3, 19, 0, 0, 0, sh), end: time.Date(2026, 3, 3, 20, 0, 0, 0, sh)},
		{name: "X-LIC-LOCATION", in: crlf("BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "TZID:Berlin time", "X-LIC-LOCATION:Europe/Berlin",
			"BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
			"BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Berlin time:20260703T190000", "DURATION:PT1H", "END:VEVENT", "END:VCALENDAR"),
			start: time.Date(2026, 7, 3, 19, 0, 0, 0, berlin), end: time.Date(2026, 7, 3, 20, 0, 0, 0, berlin)},
		// §3.3.5: a repeated wall time is its first occurrence (CEST),
		// a skipped one is read with the offset before the gap.
		{name: "ambiguous time is the first", in: vevent("UID:a", "DTSTART;TZID=Europe/Berlin:"+local(bFall, -half), "DURATION:PT1H"),
			start: bFall.At.Add(-half), end: bFall.At.Add(half)},
		{name: "time in the gap moves forward", in: vevent("UID:a", "DTSTART;TZID=Europe/Berlin:"+local(bSpring, half), "DURATION:PT1H"),
			start: bSpring.At.Add(half), end: bSpring.At.Add(half + time.Hour)},
		// Go's time.Date gets these two wrong in New York (01:30 EST for
		// the gap; Berlin it gets right), so atWall does not rely on it.
		{name: "New York gap", in: vevent("UID:a", "DTSTART;TZID=America/New_York:"+local(nySpring, half), "DURATION:PT30M"),
			start: nySpring.At.Add(half), end: nySpring.At.Add(2 * half)},
		{name: "New York ambiguous", in: vevent("UID:a", "DTSTART;TZID=America/New_York:"+local(nyFall, -half), "DURATION:PT30M"),
			start: nyFall.At.Add(-half), end: nyFall.At},
		{name: "series with comma EXDATE, override, text", in: vevent("UID:s@x",
			"DTSTART;TZID=Asia/Shanghai:20260303T190000", "DTEND;TZID=Asia/Shanghai:20260303T210000",
			"RRULE:FREQ=WEEKLY;UNTIL=20260428T110000Z",
			"EXDATE;TZID=Asia/Shanghai:20260310T190000,20260317T190000", "EXDATE:20260324T110000Z",
			`SUMMARY:书法\, 周二\; 初级\n第二行, unescaped comma`, "LOCATION:Room\\,2", "DESCRIPTION:a\\\\b",
			"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "END:VALARM"),
			start: time.Date(2026, 3, 3, 19, 0, 0, 0, sh), end: time.Date(2026, 3, 3, 21, 0, 0, 0, sh),
			check: func(t *testing.T, ev Imported) {
				if ev.RRule != "FREQ=WEEKLY;UNTIL=20260428T110000Z" || len(ev.ExDates) != 3 ||
					!ev.ExDates[2].Equal(time.Date(2026, 3, 24, 19, 0, 0, 0, sh)) ||
					ev.Summary != "书法, 周二; 初级\n第二行, unescaped comma" || ev.Location != "Room,2" || ev.Description != `a\b` {
					t.Errorf("got %+v", ev)
				}
			}},
		{name: "cancelled override, LF line ends, tab fold", in: "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:o\nRECURRENCE-ID;TZID=Asia/Shanghai:20260310T19\n\t0000\n" +
			"DTSTART;TZID=Asia/Shanghai:20260312T140000\nDTEND;TZID=Asia/Shanghai:20260312T150000\nSTATUS:cancelled\nEND:VEVENT\nEND:VCALENDAR\n",
			start: time.Date(2026, 3, 12, 14, 0, 0, 0, sh), end: time.Date(2026, 3, 12, 15, 0, 0, 0, sh),
			check: func(t *testing.T, ev Imported) {
				if !ev.Cancelled || !ev.RecurrenceID.Equal(time.Date(2026, 3, 10, 19, 0, 0, 0, sh)) || ev.Line != 2 {
					t.Errorf("got %+v", ev)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := Decode(strings.NewReader(tc.in), sh)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1", len(evs))
			}
			ev := evs[0]
			if !ev.Start.Equal(tc.start) || !ev.End.Equal(tc.end) {
				t.Errorf("start, end = %v, %v; want %v, %v", ev.Start, ev.End, tc.start, tc.end)
			}
			if tc.check != nil {
				tc.check(t, ev)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		line        int
		uid, field  string
		msgContains string
	}{
		{"missing DTSTART", vevent("UID:a", "SUMMARY:x", "DTEND:20260303T110000Z"), 4, "a", "DTSTART", "缺少开始时间"},
		{"all-day DTSTART", vevent("UID:a", "DTSTART;VALUE=DATE:20260303", "DTEND;VALUE=DATE:20260304"), 6, "a", "DTSTART", "all-day"},
		{"all-day without VALUE", vevent("UID:a", "DTSTART:20260303"), 6, "a", "DTSTART", "all-day"},
		{"unknown TZID", vevent("UID:a", "SUMMARY:x", "DTSTART;TZID=Mars/Olympus:20260303T190000", "DURATION:PT1H"), 7, "a", "DTSTART", "Mars/Olympus"},
		{"Local is not a zone", vevent("UID:a", "DTSTART;TZID=Local:20260303T190000", "DURATION:PT1H"), 6, "a", "DTSTART", "未知时区"},
		{"no colon", vevent("UID:a", "DTSTART;TZID=Asia/Shanghai"), 6, "", "DTSTART", "colon"},
		// The line that makes go-ical's decoder panic.
		{"go-ical panic line", vevent("UID:a", `DTSTART;TZID="Asia/Shanghai"x:20260303T190000`), 6, "", "DTSTART", "parameter"},
		{"unterminated quote", vevent("UID:a", `DTSTART;TZID="Asia:20260303T190000`), 6, "", "DTSTART", "quoted"},
		{"no name", vevent("UID:a", ":x"), 6, "", "", "malformed content line"},
		{"END mismatch", crlf("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", "END:VTODO", "END:VCALENDAR"), 4, "", "END", "VTODO"},
		{"unclosed", crlf("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a"), 2, "", "BEGIN", "never closed"},
		{"not iCalendar", "hello\r\n", 1, "", "", "malformed content line"},
		{"empty", "", 0, "", "", "no VCALENDAR"},
		{"wrong root", crlf("BEGIN:VEVENT", "END:VEVENT"), 1, "", "BEGIN", "VCALENDAR"},
		{"property outside", crlf("VERSION:2.0"), 1, "", "VERSION", "outside"},
		{"continuation first", " folded\r\n", 1, "", "", "continuation"},
		{"missing UID", vevent("DTSTART:20260303T110000Z", "DURATION:PT1H"), 4, "", "UID", "UID"},
		{"end before start", vevent("UID:a", "DTSTART:20260303T110000Z", "DTEND:20260303T100000Z"), 7, "a", "DTEND", "after"},
		{"no end", vevent("UID:a", "DTSTART:20260303T110000Z"), 4, "a", "DTEND", "DURATION"},
		{"DTEND and DURATION", vevent("UID:a", "DTSTART:20260303T110000Z", "DTEND:20260303T120000Z", "DURATION:PT1H"), 8, "a", "DURATION", "together"},
		{"bad DURATION", vevent("UID:a", "DTSTART:20260303T110000Z", "DURATION:1H"), 7, "a", "DURATION", "DURATION"},
		{"negative DURATION", vevent("UID:a", "DTSTART:20260303T110000Z", "DURATION:-PT1H"), 7, "a", "DURATION", "positive"},
		{"bad EXDATE in list", vevent("UID:a", "DTSTART:20260303T110000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY", "EXDATE:20260304T110000Z,2026"),
			9, "a", "EXDATE", "2026"},
		{"RDATE", vevent("UID:a", "DTSTART:20260303T110000Z", "DURATION:PT1H", "RDATE:20260310T110000Z"), 8, "a", "RDATE", "RDATE"},
		{"RANGE", vevent("UID:a", "RECURRENCE-ID;RANGE=THISANDFUTURE:20260303T110000Z", "DTSTART:20260303T110000Z", "DURATION:PT1H"), 6, "a", "RECURRENCE-ID", "THISANDFUTURE"},
		{"two DTSTART", vevent("UID:a", "DTSTART:20260303T110000Z", "DTSTART:20260304T110000Z"), 7, "a", "DTSTART", "more than one"},
		{"bad date", vevent("UID:a", "DTSTART:20261303T110000Z", "DURATION:PT1H"), 6, "a", "DTSTART", "malformed DATE-TIME"},
		{"invalid UTF-8", vevent("UID:a", "SUMMARY:\xff\xfe"), 6, "", "", "UTF-8"},
		// Physical lines count, not unfolded ones: the DESCRIPTION spans
		// lines 6-8, so the bad DTSTART is on line 9.
		{"line numbers count folds", vevent("UID:a", "DESCRIPTION:one", " two", " three", "DTSTART;TZID=Nowhere:20260303T190000", "DURATION:PT1H"),
			9, "a", "DTSTART", "Nowhere"},
		{"too deep", crlf("BEGIN:VCALENDAR", "BEGIN:X", "BEGIN:X", "BEGIN:X", "BEGIN:X", "BEGIN:X", "BEGIN:X", "BEGIN:X", "BEGIN:X"), 9, "", "BEGIN", "deep"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := Decode(strings.NewReader(tc.in), time.UTC)
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("Decode = %v, %v; want a *DecodeError", evs, err)
			}
			if de.Line != tc.line || de.UID != tc.uid || de.Field != tc.field || !strings.Contains(de.Message, tc.msgContains) {
				t.Errorf("got %+v, want line %d uid %q field %q message containing %q", de, tc.line, tc.uid, tc.field, tc.msgContains)
			}
			if evs != nil {
				t.Errorf("events returned with an error: %+v", evs)
			}
		})
	}
}

func TestDecodeErrorMessage(t *testing.T) {
	err := &DecodeError{Line: 12, UID: "a@b", Field: "DTSTART", Message: bilingual("缺少开始时间", "missing DTSTART")}
	want := `ics 导入失败（import failed）：第 12 行（line 12），UID "a@b"，DTSTART：缺少开始时间（missing DTSTART）`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err.Error(), want)
	}
}

func TestDecodeSizeCap(t *testing.T) {
	big := vevent("UID:a", "DTSTART:20260303T110000Z", "DURATION:PT1H", "DESCRIPTION:"+strings.Repeat("x", MaxImportSize))
	_, err := Decode(strings.NewReader(big), time.UTC)
	var de *DecodeError
	if !errors.As(err, &de) || de.Line != 0 || !strings.Contains(de.Message, "1 MiB") {
		t.Fatalf("err = %v, want the 1 MiB DecodeError", err)
	}
	if _, err := Decode(strings.NewReader("x"), nil); err == nil {
		t.Fatal("nil defaultLoc accepted")
	}
}

// TestDecodeBoundedWork guards against uploads crafted to be slow. A TZID
// of 400,000 slashes once took minutes (a zone lookup per slash); the
// bound is loose so a busy CI machine does not flake.
func TestDecodeBoundedWork(t *testing.T) {
	manyZones := []string{"UID:a", "DTSTART:20260303T110000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY"}
	for i := range 10000 {
		manyZones = append(manyZones, "EXDATE;TZID=Zz/"+strings.Repeat("x", i%50)+"/q:20260303T110000")
	}
	tests := []struct{ name, in string }{
		{"long TZID of slashes", vevent("UID:a", "DTSTART;TZID="+strings.Repeat("a/", 400000)+":20260303T190000", "DURATION:PT1H")},
		{"many unknown TZIDs", vevent(manyZones...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			if _, err := Decode(strings.NewReader(tc.in), time.UTC); err == nil {
				t.Fatal("accepted")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("Decode took %v", d)
			}
		})
	}
}
