package main

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func TestRaceDay(t *testing.T) {
	tests := []struct {
		elapsed, roll time.Duration
		want          int
	}{
		{0, time.Second, 0},
		{999 * time.Millisecond, time.Second, 0},
		{time.Second, time.Second, 1},
		{30 * time.Second, 2 * time.Second, 15},
		{time.Hour, 0, 0},
		{time.Hour, time.Second, maxRaceDay},
	}
	for _, tc := range tests {
		if got := raceDay(tc.elapsed, tc.roll); got != tc.want {
			t.Errorf("raceDay(%v, %v) = %d, want %d", tc.elapsed, tc.roll, got, tc.want)
		}
	}
	if got := windowDays(10*time.Second, time.Second); got != 11 {
		t.Errorf("windowDays(10s, 1s) = %d, want 11", got)
	}
	if got := windowDays(time.Second, 0); got != readDays {
		t.Errorf("windowDays without roll = %d, want the read week", got)
	}
	if windowDays(time.Hour, time.Millisecond) > 366 {
		t.Error("window exceeds the API's 366 days")
	}
}

func TestSlots(t *testing.T) {
	now := time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC) // already April 1st in +08:00
	d0 := pickDay0(now, 30)
	if got := d0.Format(time.RFC3339); got != "2026-05-01T00:00:00+08:00" {
		t.Fatalf("pickDay0 = %s", got)
	}
	s, e := raceSlot(d0, 2, 0)
	if s.Format(time.RFC3339) != "2026-05-03T09:00:00+08:00" || e.Sub(s) != time.Hour {
		t.Fatalf("first race slot %s–%s", s, e)
	}
	s, e = raceSlot(d0, 0, raceStarts-1)
	if s.Format("15:04") != "16:30" || e.Format("15:04") != "17:30" {
		t.Fatalf("last race slot %s–%s", s, e)
	}
	a, aEnd := raceSlot(d0, 0, 0)
	b, _ := raceSlot(d0, 0, 1)
	c, _ := raceSlot(d0, 0, 2)
	if b.Sub(a) != 30*time.Minute || !c.Equal(aEnd) {
		t.Fatalf("race candidates must overlap their neighbour by half and touch the next but one")
	}
	s, e = seedSlot(d0, 6, seedPerDay-1)
	if s.Format(time.RFC3339) != "2026-05-07T20:00:00+08:00" || e.Format("15:04") != "21:00" {
		t.Fatalf("last seed slot %s–%s", s, e)
	}
	// Seeds must not take race slots, or the read-mix data would skew the race.
	_, lastRaceEnd := raceSlot(d0, 0, raceStarts-1)
	firstSeed, _ := seedSlot(d0, 0, 0)
	if firstSeed.Before(lastRaceEnd) {
		t.Fatal("seed slots overlap race slots")
	}
}

func TestClassify(t *testing.T) {
	book := []int{201, 409}
	tests := []struct {
		status int
		err    error
		want   class
	}{
		{201, nil, classAnswered},
		{409, nil, classAnswered},
		{400, nil, classUnexpected},
		{200, nil, classUnexpected},
		{500, nil, classError},
		{503, nil, classError},
		{0, context.DeadlineExceeded, classError},
	}
	for _, tc := range tests {
		if got := classify(tc.status, tc.err, book); got != tc.want {
			t.Errorf("classify(%d, %v) = %d, want %d", tc.status, tc.err, got, tc.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	h := http.Header{}
	if retryAfter(h) != 100*time.Millisecond {
		t.Error("missing header: want the short default")
	}
	h.Set("Retry-After", "30")
	if retryAfter(h) != time.Second {
		t.Error("long Retry-After must be capped at a second")
	}
	h.Set("Retry-After", "0")
	if retryAfter(h) != 0 {
		t.Error("Retry-After 0 means retry now")
	}
}
