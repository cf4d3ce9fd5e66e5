package calendar

import (
	"math"
	"testing"
	"time"
)

// TestExtremeBoundsReturn: windows at the ends of int64 time must answer
// at once (they overflowed day arithmetic and looped before).
func TestExtremeBoundsReturn(t *testing.T) {
	loc := testLoc(t, "Asia/Shanghai")
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	done := make(chan struct{})
	go func() {
		defer close(done)
		r, err := NewRule(RuleSpec{Start: start, End: start.Add(time.Hour), RRule: "FREQ=WEEKLY", Loc: loc,
			From: time.Unix(math.MinInt64, 0), Until: time.Unix(math.MaxInt64, 0)})
		if err != nil {
			t.Errorf("NewRule: %v", err)
			return
		}
		if occ, err := r.Between(time.Unix(math.MinInt64+3600, 0), start.Add(24*time.Hour)); err != nil || len(occ) != 1 {
			t.Errorf("Between = %v, %v", occ, err)
		}
		if r.IsOccurrence(time.Unix(math.MaxInt64-10, 0)) {
			t.Error("an instant past the end of time is an occurrence")
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("extreme bounds did not return within 5 s")
	}
}
