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
	shut := append(s.quietWindows(room.Rules.QuietHours, from, to), closedTime(room, closures, from, to)...)
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

// quietWindows places the daily quiet windows ("22:00"–"07:00" crosses
// midnight) on every site-time day touching [from, to), clipped to it.
func (s *Service) quietWindows(qs []QuietWindow, from, to time.Time) []Window {
	if len(qs) == 0 {
		return nil
	}
	var out []Window
	f := from.In(s.loc)
	day := time.Date(f.Year(), f.Month(), f.Day()-1, 0, 0, 0, 0, time.UTC) // the day before: its window may run past midnight
	for ; s.onDay(day, 0, 0).Before(to); day = day.AddDate(0, 0, 1) {
		for _, q := range qs {
			sh, sm, ok1 := clockOf(q.Start)
			eh, em, ok2 := clockOf(q.End)
			if !ok1 || !ok2 {
				continue
			}
			a, b := s.onDay(day, sh, sm), s.onDay(day, eh, em)
			if eh*60+em <= sh*60+sm {
				b = s.onDay(day.AddDate(0, 0, 1), eh, em)
			}
			if a, b = later(a, from), earlier(b, to); a.Before(b) {
				out = append(out, Window{a, b})
			}
		}
	}
	return out
}

// onDay is the civil date day (at midnight UTC) at h:m site time.
func (s *Service) onDay(day time.Time, h, m int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, s.loc)
}

// clockOf reads "HH:MM".
func clockOf(v string) (h, m int, ok bool) {
	t, err := time.Parse("15:04", v)
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
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
