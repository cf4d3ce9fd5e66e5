package ical

import (
	"strings"
	"testing"
	"time"
)

// A feed whose times span more than maxProbe years (a 2027 class beside a
// 9998 booking) still has observances from its first year: the probe used
// to keep only the last 100 years, and clients read the 2027 times in
// whatever offset they guessed.
func TestVTimezoneCoversFeedStart(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	obs := vtimezone(berlin, 2027, 9998)
	if len(obs) == 0 || obs[0].start.Year() > 2026 {
		t.Fatalf("first observance %v, want one starting by 2026", obs)
	}
	var open bool
	for _, o := range obs {
		if o.daylight && o.rrule != "" && !strings.Contains(o.rrule, "UNTIL") {
			open = true
		}
	}
	if !open {
		t.Fatalf("no open-ended daylight rule to cover the later years: %+v", obs)
	}
}
