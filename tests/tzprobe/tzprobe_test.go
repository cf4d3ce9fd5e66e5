package tzprobe

import (
	"slices"
	"testing"
	"time"
)

// TestChangesAgreeWithZoneBounds: probing finds the same changes as walking
// Time.ZoneBounds, the time package's own answer, in zones of both
// hemispheres, and none in Asia/Shanghai (no DST since 1991).
func TestChangesAgreeWithZoneBounds(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Shanghai"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) // through the future too
		var want []Change
		for t0 := from; ; {
			_, end := t0.In(loc).ZoneBounds()
			if end.IsZero() || !end.Before(to) {
				break
			}
			_, before := end.Add(-time.Second).In(loc).Zone()
			_, after := end.In(loc).Zone()
			if before != after {
				want = append(want, Change{At: end.UTC(), From: before, To: after})
			}
			t0 = end
		}
		got := Changes(loc, from, to, time.Hour)
		if !slices.Equal(got, want) {
			t.Errorf("%s: probing found %v, ZoneBounds %v", zone, got, want)
		}
		// 2020-2025 is history, which tzdata updates leave alone: two
		// changes a year in the DST zones.
		past := 0
		for _, c := range got {
			if c.At.Year() < 2026 {
				past++
			}
		}
		if want := map[bool]int{true: 0, false: 12}[zone == "Asia/Shanghai"]; past != want {
			t.Errorf("%s: %d changes in 2020-2025, want %d", zone, past, want)
		}
	}
}
