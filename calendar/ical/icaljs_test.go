package ical

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// longTitle has commas, semicolons, a backslash, a CRLF and well over 100
// bytes of Chinese, so that escaping and folding inside UTF-8 are both
// exercised.
const longTitle = "书法班（成人）, 周二晚; 请带毛笔、墨汁\\宣纸\r\n" +
	"明珠社区活动中心二楼书法室，威海市环翠区。欢迎街道居民报名参加，名额有限，先到先得；如需请假请提前联系社区工作人员。"

// fixture is the feed the ical.js check and the round trip use: a weekly
// series with UNTIL, one occurrence cancelled (EXDATE) and one moved to
// another day and time (RECURRENCE-ID); an unbounded weekly series; and a
// single busy booking with a hard title. In Europe/Berlin and
// America/New_York the series cross the spring and autumn DST changes.
func fixture(loc *time.Location) Calendar {
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	mod := time.Date(2026, 2, 20, 3, 4, 5, 0, time.UTC)
	return Calendar{
		Name: "明珠社区 · 书法室 Calligraphy room",
		Loc:  loc,
		Events: []Event{
			{
				UID: "series-until@mingzhu", Summary: "书法班 Calligraphy", Location: "书法室 Room 201",
				Start: at(time.March, 3, 19, 0), End: at(time.March, 3, 21, 0),
				RRule:   "FREQ=WEEKLY;UNTIL=" + at(time.April, 28, 19, 0).UTC().Format(utcLayout),
				ExDates: []time.Time{at(time.March, 17, 19, 0)},
				// Sequence and LastModified as a real edited series.
				Sequence: 2, LastModified: mod, Status: "CONFIRMED",
			},
			{
				UID: "series-until@mingzhu", Summary: "书法班（改到周四下午）", Location: "书法室 Room 201",
				Start: at(time.March, 26, 14, 30), End: at(time.March, 26, 16, 0),
				RecurrenceID: at(time.March, 24, 19, 0), Sequence: 3, LastModified: mod,
			},
			{
				UID: "series-open@mingzhu", Summary: "太极 Tai chi", Location: "活动厅 Hall",
				Start: at(time.March, 7, 9, 0), End: at(time.March, 7, 10, 30),
				RRule: "FREQ=WEEKLY;BYDAY=SA", LastModified: mod,
			},
			{
				UID: "single@mingzhu", Summary: longTitle, Location: "会议室 A, 2F; east",
				Description: "租用人: 王先生\nTel 0631-0000000",
				Start:       at(time.April, 1, 10, 0), End: at(time.April, 1, 12, 0),
				LastModified: mod,
			},
		},
	}
}

// expectedOccurrences expands cal in Go, independently of ical.js: each
// weekly series steps 7 calendar days in the site zone (so 19:00 stays
// 19:00 across DST), drops its EXDATEs, and takes the override whose
// RECURRENCE-ID matches. It handles only the rules the fixture uses.
func expectedOccurrences(t *testing.T, cal Calendar, from, to time.Time) []jsOccurrence {
	t.Helper()
	overrides := map[string]Event{}
	for _, e := range cal.Events {
		if !e.RecurrenceID.IsZero() {
			overrides[e.UID+"|"+e.RecurrenceID.UTC().Format(utcLayout)] = e
		}
	}
	var out []jsOccurrence
	add := func(e Event, recurring bool) {
		if e.Start.Before(to) && e.End.After(from) {
			out = append(out, jsOccurrence{
				UID: e.UID, Summary: normaliseNewlines(e.Summary), Location: e.Location, Recurrence: recurring,
				Start: e.Start.UTC().Format("2006-01-02T15:04:05.000Z"), End: e.End.UTC().Format("2006-01-02T15:04:05.000Z"),
			})
		}
	}
	for _, e := range cal.Events {
		switch {
		case !e.RecurrenceID.IsZero():
			continue // placed by its series
		case e.RRule == "":
			add(e, false)
			continue
		case !strings.HasPrefix(e.RRule, "FREQ=WEEKLY"):
			t.Fatalf("expectedOccurrences cannot expand %q", e.RRule)
		}
		until := to.Add(60 * 24 * time.Hour) // past any move of an override
		if u := untilValue(e.RRule); u != "" {
			var err error
			if until, err = time.Parse(utcLayout, u); err != nil {
				t.Fatalf("fixture UNTIL %q: %v", u, err)
			}
		}
		dur := e.End.Sub(e.Start)
		for start := e.Start.In(cal.Loc); !start.After(until); start = start.AddDate(0, 0, 7) {
			if slices.ContainsFunc(e.ExDates, start.Equal) {
				continue
			}
			occ := e
			occ.Start, occ.End = start, start.Add(dur)
			if o, ok := overrides[e.UID+"|"+start.UTC().Format(utcLayout)]; ok {
				occ = o
			}
			add(occ, true)
		}
	}
	slices.SortFunc(out, func(a, b jsOccurrence) int {
		return strings.Compare(a.Start+a.UID, b.Start+b.UID)
	})
	return out
}

// TestICALJSReadsFeed is the independent proof: Mozilla's ical.js, reading
// only what Encode wrote (it has no zone data of its own), must find
// exactly the occurrences Go computes, at the same UTC instants.
func TestICALJSReadsFeed(t *testing.T) {
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	for _, zone := range []string{"Asia/Shanghai", "Europe/Berlin", "America/New_York"} {
		t.Run(zone, func(t *testing.T) {
			cal := fixture(mustLoad(t, zone))
			var buf bytes.Buffer
			if err := Encode(&buf, cal); err != nil {
				t.Fatal(err)
			}
			got, err := runExpand(t, buf.Bytes(), from, to)
			if err != nil {
				t.Fatal(err)
			}
			if got.Calendar.Name != cal.Name || got.Calendar.Timezone != zone {
				t.Errorf("calendar = %+v, want name %q timezone %q", got.Calendar, cal.Name, zone)
			}
			want := expectedOccurrences(t, cal, from, to)
			if len(want) < 40 {
				t.Fatalf("fixture too small: %d occurrences", len(want))
			}
			if !slices.Equal(got.Occurrences, want) {
				t.Errorf("ical.js occurrences differ from Go's:\n%s", diffOccurrences(got.Occurrences, want))
			}
		})
	}
}

// TestICALJSRefusesMissingVTimezone shows the check has teeth: without
// the VTIMEZONE, expand.js fails instead of guessing.
func TestICALJSRefusesMissingVTimezone(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, fixture(mustLoad(t, "Europe/Berlin"))); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	i, j := strings.Index(s, "BEGIN:VTIMEZONE"), strings.Index(s, "END:VTIMEZONE\r\n")
	stripped := s[:i] + s[j+len("END:VTIMEZONE\r\n"):]
	_, err := runExpand(t, []byte(stripped), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.Contains(err.Error(), "no VTIMEZONE") {
		t.Fatalf("expand.js without VTIMEZONE: err = %v, want a missing-VTIMEZONE failure", err)
	}
}

func diffOccurrences(got, want []jsOccurrence) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w jsOccurrence
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		mark := "  "
		if g != w {
			mark = "!!"
		}
		fmt.Fprintf(&b, "%s got  %+v\n   want %+v\n", mark, g, w)
	}
	return b.String()
}

// TestICALJSDetectsWrongVTimezone shows the comparison would catch a wrong
// rule: moving Berlin's DST start a month later shifts the UTC times
// ical.js computes. It edits whatever month the generated rule names (the
// machine's zone data decide it), not a rule text written here.
func TestICALJSDetectsWrongVTimezone(t *testing.T) {
	cal := fixture(mustLoad(t, "Europe/Berlin"))
	var buf bytes.Buffer
	if err := Encode(&buf, cal); err != nil {
		t.Fatal(err)
	}
	broken := laterDaylight(buf.String())
	if broken == buf.String() {
		t.Fatal("fixture has no Berlin DST rule to break")
	}
	from, to := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	got, err := runExpand(t, []byte(broken), from, to)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(got.Occurrences, expectedOccurrences(t, cal, from, to)) {
		t.Fatal("a wrong VTIMEZONE rule went unnoticed")
	}
}

// laterDaylight moves the month of the feed's first DAYLIGHT rule one on.
func laterDaylight(feed string) string {
	i := strings.Index(feed, "BEGIN:DAYLIGHT")
	if i < 0 {
		return feed
	}
	j := strings.Index(feed[i:], "BYMONTH=")
	if j < 0 {
		return feed
	}
	at := i + j + len("BYMONTH=")
	end := at
	for end < len(feed) && feed[end] >= '0' && feed[end] <= '9' {
		end++
	}
	m, err := strconv.Atoi(feed[at:end])
	if err != nil {
		return feed
	}
	return feed[:at] + strconv.Itoa(m%12+1) + feed[end:]
}
