package booking

import (
	"testing"
	"time"
)

func TestAmbiguous(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want bool
	}{
		// 2026-10-25 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
		{"first 02:30 of the repeated hour", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), berlin, true},
		{"second 02:30", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), berlin, true},
		{"03:00 after the change", time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC), berlin, false},
		{"an ordinary evening", time.Date(2026, 10, 25, 18, 0, 0, 0, time.UTC), berlin, false},
		{"spring forward is a gap, not a repeat", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), berlin, false},
		{"Shanghai never repeats", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), shanghai, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ambiguous(tc.t, tc.loc); got != tc.want {
				t.Fatalf("ambiguous(%v) = %v, want %v", tc.t.In(tc.loc), got, tc.want)
			}
		})
	}
}
