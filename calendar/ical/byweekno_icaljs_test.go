package ical

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

// TestIcaljsMisreadsByweekno is the client half of why calendar refuses
// BYWEEKNO (calendar/rule_parse.go): even a rule without any year-boundary
// question, the Monday of ISO week 20, is expanded wrongly by ical.js 2.2.1
// (Thunderbird), which implements BYWEEKNO with BYDAY by a truthiness test
// on indexOf (every Monday but those of the first listed week) and BYWEEKNO
// alone not at all. It fails once ical.js gets it right: BYWEEKNO may then
// be reconsidered, if rrule-go is fixed too (calendar/byweekno_oracle_test.go).
func TestIcaljsMisreadsByweekno(t *testing.T) {
	loc := mustLoad(t, "Europe/Berlin")
	start := time.Date(2026, 5, 11, 19, 0, 0, 0, loc)
	if y, w := start.ISOWeek(); y != 2026 || w != 20 || start.Weekday() != time.Monday {
		t.Fatal("premise: 11 May 2026 is the Monday of ISO week 2026-W20")
	}
	cal := Calendar{Name: "BYWEEKNO", Loc: loc, Events: []Event{{
		UID: "weekno@mingzhu", Summary: "week 20", Start: start, End: start.Add(time.Hour),
		RRule: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", LastModified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}}}
	var buf bytes.Buffer
	if err := Encode(&buf, cal); err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2029, 1, 1, 0, 0, 0, 0, loc)
	feed, err := runExpand(t, buf.Bytes(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	// RFC 5545 (ISO 8601 weeks): the Monday of week 20 of each year.
	var want []string
	for d := start; d.Before(to); d = d.AddDate(0, 0, 7) {
		if _, w := d.ISOWeek(); w == 20 {
			want = append(want, d.UTC().Format("2006-01-02T15:04:05.000Z"))
		}
	}
	var got []string
	for _, o := range feed.Occurrences {
		got = append(got, o.Start)
	}
	if len(want) != 3 {
		t.Fatalf("premise: want 3 Mondays of week 20, have %v", want)
	}
	if slices.Equal(got, want) {
		t.Errorf("ical.js now expands BYWEEKNO=20;BYDAY=MO right (%v): fixed?", got)
	} else {
		t.Logf("ical.js gives %d occurrences (first %v), RFC 5545 wants %v", len(got), got[:min(3, len(got))], want)
	}
}
