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
	sunday := time.Date(2027, 1, 3, 0, 0, 0, 0, berlin) // a Sunday
	tests := []struct {
		name      string
		loc       *time.Location
		h, m      int
		dur       time.Duration
		rrule     string
		wantMonth time.Month // 0: none
	}{
		{"sunday 02:30 hits the skipped hour", berlin, 2, 30, time.Hour, "FREQ=WEEKLY;BYDAY=SU", time.March},
		{"sunday 01:30 ends in the repeated hour", berlin, 1, 30, time.Hour, "FREQ=WEEKLY;BYDAY=SU;UNTIL=20270901T000000Z", 0},
		{"sunday 01:30 ends in the repeated hour (October)", berlin, 1, 30, time.Hour, "FREQ=WEEKLY;BYDAY=SU", time.October},
		{"sunday 09:00", berlin, 9, 0, time.Hour, "FREQ=WEEKLY;BYDAY=SU", 0},
		{"tuesday 02:30 never on a change", berlin, 2, 30, time.Hour, "FREQ=WEEKLY;BYDAY=TU", 0},
		{"shanghai 02:30", shanghai, 2, 30, time.Hour, "FREQ=DAILY", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			day := sunday
			if tc.rrule == "FREQ=WEEKLY;BYDAY=TU" {
				day = day.AddDate(0, 0, 2)
			}
			start := time.Date(day.Year(), day.Month(), day.Day(), tc.h, tc.m, 0, 0, tc.loc)
			r, err := NewRule(RuleSpec{Start: start, End: start.Add(tc.dur), RRule: tc.rrule, Loc: tc.loc})
			if err != nil {
				t.Fatal(err)
			}
			o, got := r.AmbiguousOccurrence()
			if got != (tc.wantMonth != 0) || (got && o.Start.Month() != tc.wantMonth) {
				t.Fatalf("AmbiguousOccurrence = %v at %v, want month %v", got, o.Start, tc.wantMonth)
			}
		})
	}
}
