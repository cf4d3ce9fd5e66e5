package booking

import (
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// TestAmbiguous: the repeated hour of Berlin's autumn change is refused,
// its neighbours and the spring gap are not. The changes of 2026 are found
// by probing the loaded zone (tests/tzprobe), not written as dates: Go
// reads the machine's zone files before its embedded time/tzdata, so a
// tzdata update that moved them would break hard-coded dates.
func TestAmbiguous(t *testing.T) {
	berlin, shanghai := loadZone(t, "Europe/Berlin"), loadZone(t, "Asia/Shanghai")
	fall := tzprobe.BackwardIn(t, berlin, 2026)  // 03:00 CEST becomes 02:00 CET
	spring := tzprobe.ForwardIn(t, berlin, 2026) // 02:00 CET becomes 03:00 CEST
	repeated := time.Duration(fall.From-fall.To) * time.Second
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want bool
	}{
		// With 2026's data: 02:30 on 25 October happens at 00:30Z (CEST) and again at 01:30Z (CET).
		{"first reading of the repeated hour", fall.At.Add(-repeated / 2), berlin, true},
		{"second reading", fall.At.Add(repeated / 2), berlin, true},
		{"the end of the repeated hour", fall.At.Add(repeated), berlin, false},
		{"an ordinary evening", fall.At.Add(17 * time.Hour), berlin, false},
		{"spring forward is a gap, not a repeat", spring.At.Add(30 * time.Minute), berlin, false},
		{"Shanghai never repeats", fall.At.Add(-repeated / 2), shanghai, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ambiguous(tc.t, tc.loc); got != tc.want {
				t.Fatalf("ambiguous(%v) = %v, want %v", tc.t.In(tc.loc), got, tc.want)
			}
		})
	}
}

func loadZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
