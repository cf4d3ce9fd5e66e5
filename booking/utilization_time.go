package booking

import (
	"slices"
	"time"
)

// The report's clock arithmetic. Every window is placed by wall clock in
// the site zone and measured in real time, so a DST day counts the 23 or
// 25 hours it has.

// openWindows are the parts of [from, to) room is open: the span less its
// quiet hours and its closures, as sorted, disjoint windows.
func (s *Service) openWindows(room Room, closures []Closure, from, to time.Time) []Window {
	shut := append(s.quietTime(room.Rules.QuietHours, from, to), closedTime(room, closures, from, to)...)
	shut = mergeWindows(shut)
	var out []Window
	t := from
	for _, w := range shut {
		if t.Before(w.From) {
			out = append(out, Window{t, w.From})
		}
		t = later(t, w.To)
	}
	if t.Before(to) {
		out = append(out, Window{t, to})
	}
	return out
}

// closedTime is the part of [from, to) that closures of room or of the
// whole centre take out of it, clipped to the span.
func closedTime(room Room, closures []Closure, from, to time.Time) []Window {
	var out []Window
	for _, c := range closures {
		if c.Covers(room.ID, from, to) && c.End.After(c.shutFrom()) {
			out = append(out, Window{later(c.shutFrom(), from), earlier(c.End, to)})
		}
	}
	return out
}

// quietTime is the part of [from, to) that the room's quiet windows qs
// take out: exactly the instants the booking rule treats as quiet
// (quietSpans), so a window over the hour daylight saving repeats is
// quiet twice, and one starting in the hour it skips only from where the
// wall clock reaches it.
func (s *Service) quietTime(qs []QuietWindow, from, to time.Time) []Window {
	var out []Window
	for w := range quietSpans(quietWindows(qs), from, to, s.loc) {
		out = append(out, w)
	}
	return out
}

// mergeWindows sorts ws and joins those that overlap or touch.
func mergeWindows(ws []Window) []Window {
	slices.SortFunc(ws, func(a, b Window) int { return a.From.Compare(b.From) })
	var out []Window
	for _, w := range ws {
		if n := len(out); n > 0 && !w.From.After(out[n-1].To) {
			out[n-1].To = later(out[n-1].To, w.To)
			continue
		}
		out = append(out, w)
	}
	return out
}

// windowsLength is the real time the windows cover.
func windowsLength(ws []Window) time.Duration {
	var d time.Duration
	for _, w := range ws {
		d += w.To.Sub(w.From)
	}
	return d
}

// eachHour cuts [a, b) at every wall-clock hour of loc and calls fn with
// each piece's ISO weekday (1 Monday … 7 Sunday), hour of day and real
// length. A zone change (a DST jump) also cuts, so the hour skipped in
// spring gets nothing and the hour repeated in autumn gets both.
func eachHour(a, b time.Time, loc *time.Location, fn func(weekday, hour int, d time.Duration)) {
	for t := a; t.Before(b); {
		lt := t.In(loc)
		into := time.Duration(lt.Minute())*time.Minute + time.Duration(lt.Second())*time.Second + time.Duration(lt.Nanosecond())
		next := t.Add(time.Hour - into)
		if _, end := lt.ZoneBounds(); !end.IsZero() && end.Before(next) {
			next = end
		}
		next = earlier(next, b)
		fn(isoWeekday(lt.Weekday()), lt.Hour(), next.Sub(t))
		t = next
	}
}

// isoWeekday numbers Monday 1 to Sunday 7.
func isoWeekday(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}
