package ical

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// vtimezoneText returns the VTIMEZONE block Encode writes for loc when the
// feed's times fall in 2026.
func vtimezoneText(t *testing.T, zone string) string {
	t.Helper()
	loc := mustLoad(t, zone)
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, loc)
	feed := encodeString(t, Calendar{Loc: loc, Events: []Event{{UID: "u", Start: start, End: start.Add(time.Hour), LastModified: start}}})
	i, j := strings.Index(feed, "BEGIN:VTIMEZONE"), strings.Index(feed, "END:VTIMEZONE")
	return feed[i : j+len("END:VTIMEZONE\r\n")]
}

func TestVTimezone(t *testing.T) {
	tests := []struct {
		zone string
		want string
	}{
		{"Asia/Shanghai", crlf(
			"BEGIN:VTIMEZONE", "TZID:Asia/Shanghai",
			"BEGIN:STANDARD", "DTSTART:19700101T000000", "TZNAME:CST", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "END:STANDARD",
			"END:VTIMEZONE")},
		// DTSTART is the wall time before the change, in TZOFFSETFROM
		// (RFC 5545 §3.6.5); observances start the year before the feed.
		{"Europe/Berlin", crlf(
			"BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
			"BEGIN:DAYLIGHT", "DTSTART:20250330T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
			"TZNAME:CEST", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
			"BEGIN:STANDARD", "DTSTART:20251026T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
			"TZNAME:CET", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
			"END:VTIMEZONE")},
		{"America/New_York", crlf(
			"BEGIN:VTIMEZONE", "TZID:America/New_York",
			"BEGIN:DAYLIGHT", "DTSTART:20250309T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
			"TZNAME:EDT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
			"BEGIN:STANDARD", "DTSTART:20251102T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
			"TZNAME:EST", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
			"END:VTIMEZONE")},
		// Southern hemisphere: DST starts in October, ends in April.
		{"Australia/Sydney", crlf(
			"BEGIN:VTIMEZONE", "TZID:Australia/Sydney",
			"BEGIN:STANDARD", "DTSTART:20250406T030000", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
			"TZNAME:AEST", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000", "END:STANDARD",
			"BEGIN:DAYLIGHT", "DTSTART:20251005T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
			"TZNAME:AEDT", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100", "END:DAYLIGHT",
			"END:VTIMEZONE")},
		{"UTC", crlf(
			"BEGIN:VTIMEZONE", "TZID:UTC",
			"BEGIN:STANDARD", "DTSTART:19700101T000000", "TZNAME:UTC", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD",
			"END:VTIMEZONE")},
	}
	for _, tc := range tests {
		t.Run(tc.zone, func(t *testing.T) {
			if rules, ok := goldenRules[tc.zone]; ok { // zones without DST have no rule to change
				goldenPremise(t, tc.zone, 2025, 2037, rules) // the years probed for a 2026 feed
			}
			if got := vtimezoneText(t, tc.zone); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// goldenRule is one yearly change a golden block above describes: the nth
// Sunday of month (-1 the last), at hour on the wall clock before it, from
// one offset to another (seconds east of UTC).
type goldenRule struct {
	month    time.Month
	n, hour  int
	from, to int
}

var goldenRules = map[string][]goldenRule{
	"Europe/Berlin":    {{3, -1, 2, 3600, 7200}, {10, -1, 3, 7200, 3600}},
	"America/New_York": {{3, 2, 2, -18000, -14400}, {11, 1, 2, -14400, -18000}},
	"Australia/Sydney": {{4, 1, 3, 39600, 36000}, {10, 1, 2, 36000, 39600}},
}

// goldenPremise skips a golden comparison when the loaded zone data no
// longer follow the rules the text was written for, in the years from-to
// that the block is probed from. The data come from the machine's zone
// files (Go reads them before its embedded time/tzdata), so a government's
// new rules, followed by a tzdata update, must not fail these tests;
// TestVTimezoneMatchesGo still checks the generated block against whatever
// the data say.
func goldenPremise(t *testing.T, zone string, from, to int, rules []goldenRule) {
	t.Helper()
	loc := mustLoad(t, zone)
	for y := from; y <= to; y++ {
		var want, got []string
		for _, r := range rules {
			d := nthSunday(y, r.month, r.n)
			want = append(want, fmt.Sprintf("%s %02d:00 %d>%d", d.Format("2006-01-02"), r.hour, r.from, r.to))
		}
		for _, c := range tzprobe.Year(loc, y) {
			got = append(got, fmt.Sprintf("%s %d>%d", c.Wall().Format("2006-01-02 15:04"), c.From, c.To))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Skipf("%s in %d changes %v, not %v as the golden text assumes: the zone data changed", zone, y, got, want)
		}
	}
}

// nthSunday is the nth Sunday of month in year (n = -1: the last).
func nthSunday(year int, month time.Month, n int) time.Time {
	if n < 0 {
		last := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
		return last.AddDate(0, 0, -int(last.Weekday()))
	}
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, (7-int(first.Weekday()))%7+7*(n-1))
}

// TestVTimezoneRuleChange covers a zone whose rules changed inside the
// feed's years: the US moved DST in 2007, so a feed with times in 2005
// and 2026 needs the old pair until 2006 (with UNTIL) and the new pair
// after (without, as long as the data keep the 2007 rules through the
// years probed).
func TestVTimezoneRuleChange(t *testing.T) {
	goldenPremise(t, "America/New_York", 2004, 2006, []goldenRule{{4, 1, 2, -18000, -14400}, {10, -1, 2, -14400, -18000}})
	goldenPremise(t, "America/New_York", 2007, 2027, goldenRules["America/New_York"])
	loc := mustLoad(t, "America/New_York")
	at := func(y int) time.Time { return time.Date(y, 6, 1, 9, 0, 0, 0, loc) }
	feed := encodeString(t, Calendar{Loc: loc, Events: []Event{
		{UID: "old", Start: at(2005), End: at(2005).Add(time.Hour), LastModified: at(2005)},
		{UID: "new", Start: at(2026), End: at(2026).Add(time.Hour), LastModified: at(2026)},
	}})
	for _, want := range []string{
		"DTSTART:20040404T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z\r\n",
		"DTSTART:20041031T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z\r\n",
		"DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n",
		"DTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n",
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("VTIMEZONE lacks %q", want)
		}
	}
}

// TestVTimezoneMatchesGo evaluates the generated rules by hand for many
// zones and years and compares each transition with Go's zone data.
func TestVTimezoneMatchesGo(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Jerusalem",
		"America/Santiago", "Pacific/Auckland", "Europe/London", "America/Havana", "Asia/Shanghai"} {
		loc := mustLoad(t, zone)
		tz := vtimezone(loc, 2026, 2026)
		for year := 2026; year <= 2035; year++ {
			for _, tr := range yearTransitions(loc, year) {
				if !observed(tz, tr) {
					t.Errorf("%s: transition at %v (%d→%d) has no observance in the VTIMEZONE", zone, tr.at, tr.from, tr.to)
				}
			}
		}
	}
}
