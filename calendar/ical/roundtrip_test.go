package ical

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

// TestRoundTrip checks Decode(Encode(x)) ≈ x: the same instants, text,
// rules and exceptions, and Line pointing at each BEGIN:VEVENT. Text
// comes back with CRLF as LF, the one normalisation Encode makes.
func TestRoundTrip(t *testing.T) {
	for _, zone := range []string{"Asia/Shanghai", "Europe/Berlin", "America/New_York"} {
		t.Run(zone, func(t *testing.T) {
			cal := fixture(mustLoad(t, zone))
			cal.Events[1].Status = "CANCELLED"
			var buf bytes.Buffer
			if err := Encode(&buf, cal); err != nil {
				t.Fatal(err)
			}
			got, err := Decode(bytes.NewReader(buf.Bytes()), time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(cal.Events) {
				t.Fatalf("decoded %d events, encoded %d", len(got), len(cal.Events))
			}
			lines := strings.Split(buf.String(), "\r\n")
			for i, want := range cal.Events {
				g := got[i]
				if g.UID != want.UID || g.Summary != normaliseNewlines(want.Summary) ||
					g.Location != want.Location || g.Description != want.Description || g.RRule != want.RRule {
					t.Errorf("event %d text: got %+v\nwant %+v", i, g, want)
				}
				if !g.Start.Equal(want.Start) || !g.End.Equal(want.End) || !g.RecurrenceID.Equal(want.RecurrenceID) {
					t.Errorf("event %d times: got %v–%v rid %v, want %v–%v rid %v", i, g.Start, g.End, g.RecurrenceID, want.Start, want.End, want.RecurrenceID)
				}
				if !slices.EqualFunc(g.ExDates, want.ExDates, time.Time.Equal) {
					t.Errorf("event %d EXDATE: got %v, want %v", i, g.ExDates, want.ExDates)
				}
				if g.Cancelled != (want.Status == "CANCELLED") {
					t.Errorf("event %d Cancelled = %v, Status %q", i, g.Cancelled, want.Status)
				}
				if g.Start.Location().String() != zone {
					t.Errorf("event %d decoded in %v, want %s", i, g.Start.Location(), zone)
				}
				if lines[g.Line-1] != "BEGIN:VEVENT" {
					t.Errorf("event %d Line %d is %q, want BEGIN:VEVENT", i, g.Line, lines[g.Line-1])
				}
			}
		})
	}
}

// TestGoICALReadsFeed checks the feed with go-ical's own decoder, the
// second independent reader: it unfolds, unescapes and resolves the TZID.
func TestGoICALReadsFeed(t *testing.T) {
	loc := mustLoad(t, "Europe/Berlin")
	cal := fixture(loc)
	var buf bytes.Buffer
	if err := Encode(&buf, cal); err != nil {
		t.Fatal(err)
	}
	dec, err := goical.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if name, err := dec.Props.Text(goical.PropName); err != nil || name != cal.Name {
		t.Errorf("NAME = %q, %v; want %q", name, err, cal.Name)
	}
	if p := dec.Props.Get(goical.PropRefreshInterval); p == nil || p.Params.Get(goical.ParamValue) != "DURATION" {
		t.Errorf("REFRESH-INTERVAL = %+v, want VALUE=DURATION", p)
	}
	events := dec.Events()
	if len(events) != len(cal.Events) {
		t.Fatalf("go-ical found %d events, want %d", len(events), len(cal.Events))
	}
	for i, ev := range events {
		want := cal.Events[i]
		summary, err := ev.Props.Text(goical.PropSummary)
		if err != nil || summary != normaliseNewlines(want.Summary) {
			t.Errorf("event %d SUMMARY = %q, %v; want %q", i, summary, err, want.Summary)
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil || !start.Equal(want.Start) {
			t.Errorf("event %d DTSTART = %v, %v; want %v", i, start, err, want.Start)
		}
		end, err := ev.DateTimeEnd(nil)
		if err != nil || !end.Equal(want.End) {
			t.Errorf("event %d DTEND = %v, %v; want %v", i, end, err, want.End)
		}
	}
}
