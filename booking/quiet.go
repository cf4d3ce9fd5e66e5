package booking

import (
	"errors"
	"iter"
	"time"

	"mingzhu/calendar"
)

// Quiet hours (rule quiet_hours) bind everyone, residents, leaders and
// staff alike: no booking, no class date and no moved date may overlap a
// room's daily quiet windows.
//
// What "overlap" means: an instant is quiet when its wall-clock reading in
// the site zone lies in a window [start, end) (a window whose end is not
// after its start runs to that time the next day). So 22:00-07:00 lasts
// 9 hours on most nights, 8 on the night the clocks go forward and 10 on
// the night they go back (both readings of the repeated hour are quiet),
// and a window ending at 22:00 lets a use end exactly then (half-open).
//
// A one-off interval is checked by arithmetic on its wall-clock readings
// (quietSpans, quietOverlap), cut where the zone's offset changes; the
// utilisation report takes the same quietSpans out of a room's open
// time, so what the rule refuses and what the report counts as quiet
// are one and the same. A series part needs
// only its first date: the one door (checkDates) refuses every series with
// a date that starts in, ends in or spans an hour daylight saving skips or
// repeats, so each date's occurrence reads as the same wall-clock interval
// [time of day, time of day + length) on its own date, and the windows are
// the same every day: either every date of a part is in quiet hours or
// none is, however far the rule runs (unbounded rules included).
//
// Why not the exact clash engine (calendar.Clashes) with each window as a
// daily series: that engine keeps every occurrence's length in real time,
// while a quiet window keeps its wall-clock ends. Modelled as 9 real hours
// from 22:00, Berlin's window would end at 08:00 on the morning the clocks
// go forward (refusing a Sunday class at 07:00 that morning only) and at
// 06:00 on the morning they go back. TestQuietMatchesBruteForce checks the
// every-date-or-none claim date by date against the one-off arithmetic.

// quietWindow is a window in seconds after local midnight; end > start,
// past 86400 for a window that crosses midnight.
type quietWindow struct {
	start, end int64
	w          QuietWindow
}

// quietWindows reads the room's windows (validated when stored).
func quietWindows(ws []QuietWindow) []quietWindow {
	out := make([]quietWindow, 0, len(ws))
	for _, w := range ws {
		s, okS := clockSeconds(w.Start)
		e, okE := clockSeconds(w.End)
		if !okS || !okE || s == e {
			continue
		}
		if e < s {
			e += 86400
		}
		out = append(out, quietWindow{start: s, end: e, w: w})
	}
	return out
}

// clockSeconds reads "HH:MM" as seconds after midnight.
func clockSeconds(v string) (int64, bool) {
	if len(v) != 5 || v[2] != ':' {
		return 0, false
	}
	d := func(c byte) int64 { return int64(c - '0') }
	for _, i := range []int{0, 1, 3, 4} {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
	}
	h, m := d(v[0])*10+d(v[1]), d(v[3])*10+d(v[4])
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*3600 + m*60, true
}

// quietSpans yields the stretches of real time in [from, to) that are
// quiet in loc, each with its window: the instants whose wall-clock
// reading lies in one of ws. It is the one definition of quiet time:
// the rule (quietOverlap) asks whether it yields anything, the
// utilisation report (Service.quietTime) takes all of it out of the
// open time, so the two cannot disagree, in the hours daylight saving
// skips or repeats too. [from, to) is cut where the zone's offset
// changes; in each piece the wall clock is real time shifted by one
// offset, so a window's ends on each day map back to real instants.
// Order: by piece, then window, then day, so the first yield is the
// window quietOverlap names.
func quietSpans(ws []quietWindow, from, to time.Time, loc *time.Location) iter.Seq2[Window, quietWindow] {
	return func(yield func(Window, quietWindow) bool) {
		for s := from; s.Before(to); {
			e := zoneRunEnd(s, to, loc)
			_, off := s.In(loc).Zone()
			a, b := s.Unix()+int64(off), e.Unix()+int64(off)+1 // wall seconds, b past the last
			for _, q := range ws {
				for d := floorDiv(a, 86400) - 1; d*86400+q.start < b; d++ {
					qa := time.Unix(d*86400+q.start-int64(off), 0)
					qb := time.Unix(d*86400+q.end-int64(off), 0)
					if qa, qb = later(qa, s), earlier(qb, e); qa.Before(qb) && !yield(Window{From: qa, To: qb}, q) {
						return
					}
				}
			}
			s = e
		}
	}
}

// quietOverlap returns the first window that [start, end) overlaps in
// loc; ok is false when none does (quietSpans).
func quietOverlap(ws []quietWindow, start, end time.Time, loc *time.Location) (q quietWindow, ok bool) {
	for _, q := range quietSpans(ws, start, end, loc) {
		return q, true
	}
	return quietWindow{}, false
}

// quietField is the field to change for a use from start that breaks
// quiet hours: "start" when it begins in them, else "end".
func quietField(ws []quietWindow, start time.Time, loc *time.Location) string {
	if _, ok := quietOverlap(ws, start, start.Add(time.Second), loc); ok {
		return "start"
	}
	return "end"
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// zoneRunEnd is the end of the stretch from s (before end) in which loc's
// zone stays as at s: the instant it next changes, or end if sooner.
func zoneRunEnd(s, end time.Time, loc *time.Location) time.Time {
	if _, next := s.In(loc).ZoneBounds(); !next.IsZero() && next.Before(end) {
		return next
	}
	return end
}

// checkQuiet refuses a use of room from start to end that overlaps its
// quiet hours. Pure arithmetic: nothing is read.
func (s *Service) checkQuiet(room Room, start, end time.Time) error {
	if len(room.Rules.QuietHours) == 0 {
		return nil
	}
	ws := quietWindows(room.Rules.QuietHours)
	q, ok := quietOverlap(ws, start, end, s.loc)
	if !ok {
		return nil
	}
	zh, en := quietText(q)
	return Policy("quiet_hours", quietField(ws, start, s.loc), "%s%s为安静时段，不能使用 quiet hours in the %s are %s; the room cannot be used then",
		room.Name, zh, room.NameEN, en)
}

// checkQuietRule refuses a series part (as rule, in room) whose dates fall
// in quiet hours, naming its first date: every date does or none does
// (see above).
func (s *Service) checkQuietRule(room Room, rule *calendar.Rule) error {
	if len(room.Rules.QuietHours) == 0 {
		return nil
	}
	if n, bounded := rule.Count(); bounded && n == 0 {
		return nil
	}
	first := rule.First()
	ws := quietWindows(room.Rules.QuietHours)
	q, ok := quietOverlap(ws, first.Start, first.End, s.loc)
	if !ok {
		return nil
	}
	zh, en := quietText(q)
	field := quietField(ws, first.Start, s.loc)
	day := s.local(first.Start).Format("2006-01-02")
	return Policy("quiet_hours", field, "自%s起每次活动都落在安静时段：%s%s为安静时段，不能使用 every date from %s on falls in quiet hours: quiet hours in the %s are %s; the room cannot be used then",
		day, room.Name, zh, day, room.NameEN, en)
}

// quietText is a window in words, Chinese and English.
func quietText(q quietWindow) (zh, en string) {
	if q.end > 86400 {
		return q.w.Start + "至次日" + q.w.End, q.w.Start + " to " + q.w.End + " (next day)"
	}
	return q.w.Start + "至" + q.w.End, q.w.Start + " to " + q.w.End
}

// quietSeries is checkQuietRule for the room with id room, read in tx.
func (s *Service) quietSeries(tx Tx, room string, rule *calendar.Rule) error {
	r, err := tx.Room(room)
	if err != nil {
		return err
	}
	return s.checkQuietRule(r, rule)
}

// quietPatchField names, in a PATCH that quiet hours refuse without its
// having sent a time or rule (a move to the quiet room, say), the field
// it did send, so the refusal points at what the caller changed.
func quietPatchField(err error, p SeriesPatch) error {
	var e *Error
	if !errors.As(err, &e) || e.Rule != "quiet_hours" || p.Start != nil || p.End != nil || p.RRule != nil {
		return err
	}
	out := *e
	out.Field = p.field()
	return &out
}
