package calendar

import (
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// The dates of daylight-saving changes are found in the loaded zone, never
// written down (see tests/tzprobe).

// localDay is the local midnight of the day of the change c in loc.
func localDay(c tzprobe.Change, loc *time.Location) time.Time {
	w := c.At.In(loc)
	return time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, loc)
}

var byday = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// A class at a wall time that some date's clock change skips or repeats
// is reported on that date; elsewhere, and at ordinary times, never.
func TestAmbiguousOccurrence(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	fwd, back := tzprobe.ForwardIn(t, berlin, 2027), tzprobe.BackwardIn(t, berlin, 2027)
	spring, fall := localDay(fwd, berlin), localDay(back, berlin)
	// clock is the wall time w (a UTC-located wall reading) on local day d.
	clock := func(d time.Time, w time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), w.Hour(), w.Minute(), 0, 0, berlin)
	}
	weekly := func(d time.Time) string { return "FREQ=WEEKLY;BYDAY=" + byday[d.Weekday()] }
	skipped := fwd.Wall().Add(30 * time.Minute)                                                     // inside the gap
	endsRepeated := back.Wall().Add(-time.Duration(back.From-back.To)*time.Second - 30*time.Minute) // ends 30 min into the repeat
	tests := []struct {
		name  string
		start time.Time
		rrule string
		want  time.Time // zero: none
	}{
		{"weekly in the skipped hour", clock(spring.AddDate(0, 0, -28), skipped), weekly(spring), spring},
		{"weekly ending in the repeated hour", clock(fall.AddDate(0, 0, -28), endsRepeated), weekly(fall), fall},
		{"the same, ending before the change", clock(fall.AddDate(0, 0, -28), endsRepeated),
			weekly(fall) + ";UNTIL=" + fall.AddDate(0, 0, -1).UTC().Format("20060102T150405Z"), time.Time{}},
		{"weekly at 09:00", spring.AddDate(0, 0, -28).Add(9 * time.Hour), weekly(spring), time.Time{}},
		{"overnight across the spring change", spring.AddDate(0, 0, -29).Add(23 * time.Hour), weekly(spring.AddDate(0, 0, -1)), spring.AddDate(0, 0, -1)},
		{"another weekday in the skipped hour", clock(spring.AddDate(0, 0, -27), skipped), weekly(spring.AddDate(0, 0, 1)), time.Time{}},
		{"shanghai at the same wall time", time.Date(2027, 1, 4, skipped.Hour(), skipped.Minute(), 0, 0, shanghai), "FREQ=DAILY", time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dur := time.Hour
			if tc.start.Hour() == 23 {
				dur = 5 * time.Hour
			}
			r, err := NewRule(RuleSpec{Start: tc.start, End: tc.start.Add(dur), RRule: tc.rrule, Loc: tc.start.Location()})
			if err != nil {
				t.Fatal(err)
			}
			o, got := r.AmbiguousOccurrence()
			if got != !tc.want.IsZero() || (got && o.Start.Format("2006-01-02") != tc.want.Format("2006-01-02")) {
				t.Fatalf("AmbiguousOccurrence = %v at %v, want %v", got, o.Start, tc.want)
			}
		})
	}
}

// An excluded date still counts: its EXDATE names it by the skipped time.
func TestAmbiguousOccurrenceExcludedDate(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	fwd := tzprobe.ForwardIn(t, berlin, 2027)
	spring := localDay(fwd, berlin)
	w := fwd.Wall().Add(30 * time.Minute)
	first := spring.AddDate(0, 0, -3)
	start := time.Date(first.Year(), first.Month(), first.Day(), w.Hour(), w.Minute(), 0, 0, berlin)
	ex := time.Date(spring.Year(), spring.Month(), spring.Day(), w.Hour(), w.Minute(), 0, 0, berlin)
	r, err := NewRule(RuleSpec{Start: start, End: start.Add(time.Hour), RRule: "FREQ=DAILY;COUNT=7", Loc: berlin, ExDates: []time.Time{ex}})
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := r.AmbiguousOccurrence(); !ok || o.Start.Day() != spring.Day() {
		t.Fatalf("AmbiguousOccurrence = %v at %v, want the excluded %v", ok, o.Start, spring)
	}
}
