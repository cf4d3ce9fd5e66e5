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

// A daily class longer than the day the clocks go forward on overlaps its
// next date there; in a zone without daylight saving it never does.
func TestOverlapsItself(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	spring := localDay(tzprobe.ForwardIn(t, berlin, 2027), berlin)
	before := spring.AddDate(0, 0, -20).Add(20 * time.Hour) // 20:00, three weeks before
	eve := spring.AddDate(0, 0, -1)
	pair := "FREQ=WEEKLY;BYDAY=" + byday[eve.Weekday()] + "," + byday[spring.Weekday()]
	tests := []struct {
		name  string
		start time.Time
		rrule string
		dur   time.Duration
		want  bool
	}{
		{"berlin daily 23h30 open-ended", before, "FREQ=DAILY", 23*time.Hour + 30*time.Minute, true},
		{"berlin daily 23h", before, "FREQ=DAILY", 23 * time.Hour, false},
		{"berlin every other day 24h", before, "FREQ=DAILY;INTERVAL=2;COUNT=100", 24 * time.Hour, false},
		{"berlin daily 24h after the change only", spring.AddDate(0, 0, 7).Add(20 * time.Hour), "FREQ=DAILY;COUNT=30", 24 * time.Hour, false},
		{"berlin eve and day of the change 24h", eve.AddDate(0, 0, -7).Add(20 * time.Hour), pair, 24 * time.Hour, true},
		{"shanghai daily 24h", time.Date(2027, 3, 1, 20, 0, 0, 0, shanghai), "FREQ=DAILY", 24 * time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := tc.start.Location()
			r, err := NewRule(RuleSpec{Start: tc.start, End: tc.start.Add(tc.dur), RRule: tc.rrule, Loc: loc})
			if err != nil {
				t.Fatal(err)
			}
			o, got := r.OverlapsItself()
			if got != tc.want {
				t.Fatalf("OverlapsItself = %v at %v, want %v", got, o.Start, tc.want)
			}
			if got {
				next := o.Start.AddDate(0, 0, 1)
				next = time.Date(next.Year(), next.Month(), next.Day(), tc.start.Hour(), 0, 0, 0, loc)
				if !next.Before(o.End) || !r.IsOccurrence(next) {
					t.Fatalf("reported %v–%v does not reach the next start %v", o.Start, o.End, next)
				}
			}
		})
	}
}

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
		{"another weekday in the skipped hour", clock(spring.AddDate(0, 0, -27), skipped), weekly(spring.AddDate(0, 0, 1)), time.Time{}},
		{"shanghai at the same wall time", time.Date(2027, 1, 4, skipped.Hour(), skipped.Minute(), 0, 0, shanghai), "FREQ=DAILY", time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRule(RuleSpec{Start: tc.start, End: tc.start.Add(time.Hour), RRule: tc.rrule, Loc: tc.start.Location()})
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
