package calendar

import (
	"testing"
	"time"
)

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
	tests := []struct {
		name  string
		loc   *time.Location
		rrule string
		dur   time.Duration
		want  bool
	}{
		{"berlin daily 23h30 open-ended", berlin, "FREQ=DAILY", 23*time.Hour + 30*time.Minute, true},
		{"berlin daily 23h", berlin, "FREQ=DAILY", 23 * time.Hour, false},
		{"berlin every other day 24h", berlin, "FREQ=DAILY;INTERVAL=2", 24 * time.Hour, false},
		{"berlin daily 24h in summer only", berlin, "FREQ=DAILY;COUNT=30", 24 * time.Hour, false},
		{"berlin weekly sat+sun 24h", berlin, "FREQ=WEEKLY;BYDAY=SA,SU", 24 * time.Hour, true},
		{"shanghai daily 24h", shanghai, "FREQ=DAILY", 24 * time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Date(2027, 6, 5, 20, 0, 0, 0, tc.loc) // a Saturday
			r, err := NewRule(RuleSpec{Start: start, End: start.Add(tc.dur), RRule: tc.rrule, Loc: tc.loc})
			if err != nil {
				t.Fatal(err)
			}
			o, got := r.OverlapsItself()
			if got != tc.want {
				t.Fatalf("OverlapsItself = %v at %v, want %v", got, o.Start, tc.want)
			}
			if got {
				// The reported occurrence really overlaps the next day's.
				next := o.Start.AddDate(0, 0, 1)
				next = time.Date(next.Year(), next.Month(), next.Day(), 20, 0, 0, 0, tc.loc)
				if !next.Before(o.End) {
					t.Fatalf("reported %v–%v does not reach the next start %v", o.Start, o.End, next)
				}
			}
		})
	}
}
