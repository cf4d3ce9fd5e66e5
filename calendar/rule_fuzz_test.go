package calendar

import (
	"errors"
	"testing"
	"time"
)

// FuzzRule feeds arbitrary RRULE text and starts to NewRule and, when it
// accepts, to every method and to Clashes: nothing may panic or hang, and
// the only errors allowed are *FieldError from NewRule and ErrTooMuchWork.
func FuzzRule(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T155959Z", "FREQ=DAILY;COUNT=5000",
		"FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1", "FREQ=MONTHLY;BYDAY=10FR;BYSETPOS=1", "FREQ=YEARLY;BYMONTH=2;BYDAY=-9MO",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=WEEKLY;INTERVAL=997", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
		"FREQ=YEARLY;BYDAY=53MO", "FREQ=YEARLY;BYDAY=-53SU", "FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=7",
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "FREQ=YEARLY;BYYEARDAY=366", "FREQ=WEEKLY;BYSETPOS=-366;BYDAY=MO,TU"} {
		f.Add(s, int64(0), int64(90))
	}
	sh := testLoc(f, "Asia/Shanghai")
	berlin := testLoc(f, "Europe/Berlin")
	base := time.Date(2026, 12, 1, 7, 0, 0, 0, sh)
	other, err := NewRule(RuleSpec{Start: base, End: base.Add(time.Hour), RRule: "FREQ=DAILY", Loc: sh})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, rule string, shift, minutes int64) {
		start := base.Add(time.Duration(shift%(400*24*60)) * time.Minute)
		loc := sh
		if shift%2 != 0 {
			loc = berlin
		}
		r, err := NewRule(RuleSpec{Start: start, End: start.Add(time.Duration(minutes%2000) * time.Minute), RRule: rule, Loc: loc})
		var fe *FieldError
		if errors.As(err, &fe) {
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", rule, err)
		}
		ok := func(err error) {
			if err != nil && err != ErrTooMuchWork {
				t.Fatalf("%q: %v", rule, err)
			}
		}
		first := r.First()
		if !r.IsOccurrence(first.Start) {
			t.Fatalf("%q: First %v is no occurrence", rule, first.Start)
		}
		_, err = r.Between(first.Start, first.Start.AddDate(1, 0, 0))
		ok(err)
		r.Count()
		r.Last()
		_, err = Clashes(r, other, 5)
		ok(err)
		_, err = Clashes(other, r, 5)
		ok(err)
		_, err = Clashes(r, r, 5)
		ok(err)
	})
}
