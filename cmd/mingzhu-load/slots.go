package main

import "time"

// The community is in Weihai; the API wants RFC 3339 times with an offset,
// and China has had no DST since 1991, so a fixed +08:00 zone is exact.
func cst() *time.Location { return time.FixedZone("CST", 8*3600) }

// Where the book mix races. Starts lie on a half-hour grid but every slot
// lasts an hour, so neighbouring candidates overlap by half and candidates an
// hour apart touch end to start: the server must refuse the first kind and
// accept the second (intervals are half-open), and the final check can tell.
const (
	raceFirstHour = 9  // first start 09:00
	raceStarts    = 16 // last start 16:30, ending 17:30
	seedFirstHour = 18 // read-mix seed bookings 18:00, 19:00, 20:00
	seedPerDay    = 3
	readDays      = 7   // the read mix reads one week
	maxRaceDay    = 300 // keeps the verification window under the API's 366 days
	maxWindowDays = 366 // the API's longest listing
)

// pickDay0 returns local midnight aheadDays after now's date. A fresh random
// day per run keeps reruns against the same database from colliding with
// the bookings of earlier runs.
func pickDay0(now time.Time, aheadDays int) time.Time {
	n := now.In(cst())
	return time.Date(n.Year(), n.Month(), n.Day()+aheadDays, 0, 0, 0, 0, cst())
}

// raceDay is the day index the race is on after elapsed: it moves every roll
// so the write path keeps being exercised instead of turning into a 409-only
// benchmark once the first day is full. roll 0 keeps one day.
func raceDay(elapsed, roll time.Duration) int {
	if roll <= 0 || elapsed <= 0 {
		return 0
	}
	return min(int(elapsed/roll), maxRaceDay)
}

// raceSlot is candidate k (0 <= k < raceStarts) on day index day.
func raceSlot(day0 time.Time, day, k int) (start, end time.Time) {
	d := day0.AddDate(0, 0, day)
	start = d.Add(raceFirstHour*time.Hour + time.Duration(k)*30*time.Minute)
	return start, start.Add(time.Hour)
}

// seedSlot is seed booking k (0 <= k < seedPerDay) on day index day.
func seedSlot(day0 time.Time, day, k int) (start, end time.Time) {
	d := day0.AddDate(0, 0, day)
	start = d.Add(time.Duration(seedFirstHour+k) * time.Hour)
	return start, start.Add(time.Hour)
}

// windowDays is how many days from day0 the verification must read: every
// race day used and the read week.
func windowDays(elapsed, roll time.Duration) int {
	return max(raceDay(elapsed, roll)+1, readDays)
}
