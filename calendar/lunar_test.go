package calendar

import (
	"testing"
	"time"
)

// The expected dates are from the printed 2025–2026 lunar tables: 2025 had
// a leap sixth month, and Spring Festival 2026 fell on 17 February.
func TestLunarDate(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		y, m, d    int
		want       string
		month, day int
	}{
		{2026, 2, 17, "农历正月初一", 1, 1},
		{2025, 7, 25, "农历闰六月初一", -6, 1},
		{2026, 12, 3, "农历十月廿五", 10, 25},
		{2026, 2, 16, "农历腊月廿九", 12, 29},
	}
	for _, tc := range tests {
		at := time.Date(tc.y, time.Month(tc.m), tc.d, 23, 30, 0, 0, loc)
		if got := LunarDate(at); got != tc.want {
			t.Errorf("%v: %s, want %s", at, got, tc.want)
		}
		if m, d := LunarMonthDay(at); m != tc.month || d != tc.day {
			t.Errorf("%v: %d/%d, want %d/%d", at, m, d, tc.month, tc.day)
		}
	}
}
