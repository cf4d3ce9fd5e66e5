package ical

import (
	"strings"
	"testing"
	"time"

	"mingzhu/tests/icaljs"
)

// crlf joins lines into an iCalendar text, so that a fixture's line
// numbers are its index in the slice plus one.
func crlf(lines ...string) string {
	return strings.Join(lines, "\r\n") + "\r\n"
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// unfold undoes line folding (RFC 5545 §3.1).
func unfold(s string) string {
	return strings.ReplaceAll(s, "\r\n ", "")
}

// jsFeed is what expand.js prints.
type jsFeed struct {
	Calendar struct {
		Name     string `json:"name"`
		Timezone string `json:"timezone"`
	} `json:"calendar"`
	Occurrences []jsOccurrence `json:"occurrences"`
}

type jsOccurrence struct {
	UID        string `json:"uid"`
	Summary    string `json:"summary"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Location   string `json:"location"`
	Recurrence bool   `json:"recurrence"`
}

// runExpand runs ical.js (tests/icaljs) on ics over [from, to), with
// times as expand.js prints them (toISOString).
func runExpand(t *testing.T, ics []byte, from, to time.Time) (jsFeed, error) {
	t.Helper()
	res, err := icaljs.Run(t, ics, from, to)
	if err != nil {
		return jsFeed{}, err
	}
	var feed jsFeed
	feed.Calendar.Name, feed.Calendar.Timezone = res.Calendar.Name, res.Calendar.Timezone
	iso := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	for _, o := range res.Occurrences {
		feed.Occurrences = append(feed.Occurrences, jsOccurrence{UID: o.UID, Summary: o.Summary, Start: iso(o.Start),
			End: iso(o.End), Location: o.Location, Recurrence: o.Recurrence})
	}
	return feed, nil
}
