package booking

import "time"

// QuietOverlap exposes the quiet-hours arithmetic to the property tests:
// whether [start, end) overlaps any of the windows in loc.
func QuietOverlap(ws []QuietWindow, start, end time.Time, loc *time.Location) bool {
	_, ok := quietOverlap(quietWindows(ws), start, end, loc)
	return ok
}
