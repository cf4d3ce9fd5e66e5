package web

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"time"

	"mingzhu/booking"
)

// weekGrid is a room's week as the page draws it: seven days across,
// the hours of the day down, built from local wall-clock hours so that a
// day of 23 or 25 hours (daylight saving) keeps its rows right.
type weekGrid struct {
	Monday, Sunday time.Time
	Days           []gridDay
	Rows           []gridRow
	Sel            int // the day a phone shows, 0 = Monday
}

type gridDay struct {
	Date       time.Time
	Key        string // 2006-01-02
	Label      string // "12月3日 周四"
	Lunar      string // "农历十月廿五"
	Short, Num string // "周四", "3日"
	Today, Sel bool
	Holiday    *dayMark // a public holiday or an adjusted working day, else nil
}

// dayMark is how a day's header says the holiday calendar's word on it:
// a day off (Work false) with its name and a 休 badge, or an adjusted
// working day (调休上班).
type dayMark struct {
	Work        bool
	Class       string // "hol-off" or "hol-work"
	Text, Badge string // "春节" "休", or "调休上班" ""
}

type gridRow struct {
	Label string // "14:00"
	Cells []gridCell
}

// gridCell is one hour of one day: what overlaps it, and a link to book
// the first free part of it, if any is left. Its words are made in Go, so
// that the template only prints (a week has some 170 cells).
type gridCell struct {
	Class    string // "day d3 sel today past": its column, and how to draw it
	Missing  bool   // the hour does not exist that day (clocks go forward)
	Past     bool
	Items    []gridItem
	Free     string // the booking form's address for the free part, or ""
	FreeDay  string // "12月3日 周四", for screen readers
	FreeText string // "14:30 可预约"
	// FreeFirst puts the link above what is in the cell, whose time it
	// comes before.
	FreeFirst bool
}

// gridItem is one occupant as shown in one cell.
type gridItem struct {
	Kind      string // "class", "booking" (someone's, title hidden), "mine"
	Who, What string
	Span      string
	Cont      string // set instead when it continues from the cell above
	Href      string // a class's own page, where its dates and team are
}

// gridWords are the catalog's words the grid needs, in the page's
// language.
type gridWords struct{ Free, Cont, Mine, Closed string }

// Hours shown at least; rows are added for anything earlier or later.
const (
	gridFirstHour = 6
	gridLastHour  = 22 // the last row is 21:00–22:00
	// minFreeSlot is the shortest free time offered as a link.
	minFreeSlot = 30 * time.Minute
)

// mondayOf is the Monday that starts t's week, at midnight in loc.
func mondayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	wd := (int(t.In(loc).Weekday()) + 6) % 7
	return time.Date(y, m, d-wd, 0, 0, 0, 0, loc)
}

// dayAt is the i-th day after monday at hour h (wall clock): its first
// reading when the clocks have just gone back and the hour comes twice
// (time.Date may give either), and what time.Date normalises it to when
// the clocks skip it (its hour then differs from h).
func dayAt(monday time.Time, i, h int) time.Time {
	y, m, d := monday.Date()
	t := time.Date(y, m, d+i, h, 0, 0, 0, monday.Location())
	_, off := t.Zone()
	if _, before := t.Add(-3 * time.Hour).Zone(); before > off { // the clocks went back within 3 hours
		if u := t.Add(-time.Duration(before-off) * time.Second); u.Hour() == t.Hour() && u.Minute() == t.Minute() && sameDate(u, t) {
			return u
		}
	}
	return t
}

// buildWeek lays occ (sorted by start) out on the week from monday, with
// sel the day for a phone; now decides what is past and where free time
// begins. room is the id for the free slots' links.
func buildWeek(lang, room string, words gridWords, monday time.Time, sel int, occ []booking.Occurrence,
	viewer *booking.User, teams map[string]string, now time.Time) *weekGrid {
	g := &weekGrid{Monday: monday, Sunday: dayAt(monday, 6, 0), Sel: sel}
	for i := 0; i < 7; i++ {
		d := dayAt(monday, i, 0)
		g.Days = append(g.Days, gridDay{Date: d, Key: d.Format("2006-01-02"), Label: dayOf(lang, d),
			Short: weekdayShort(lang, d), Num: dayNum(lang, d), Today: sameDate(d, now), Sel: i == sel})
	}
	first, last := hourRange(monday, occ)
	items := make([]gridItem, len(occ))
	for i, o := range occ {
		items[i] = gridItemOf(lang, words, o, monday.Location(), viewer, teams)
	}
	for h := first; h < last; h++ {
		g.Rows = append(g.Rows, gridRow{Label: fmt.Sprintf("%02d:00", h), Cells: make([]gridCell, 7)})
	}
	free := dayCells{lang: lang, room: room, words: words, all: occ, from: ceilQuarter(now)}
	for i := range g.Days {
		dayStart := dayAt(monday, i, 0)
		free.day, free.class, free.dayLabel, free.dayEnd = g.Days[i], dayClass(i, g.Days[i]), g.Days[i].Label, dayAt(monday, i+1, 0)
		var todays []int // what overlaps day i, by index into occ
		for j, o := range occ {
			if booking.Overlaps(o.Start, o.End, dayStart, free.dayEnd) {
				todays = append(todays, j)
			}
		}
		shown := map[int]bool{} // drawn in full in a cell above
		bound := dayAt(monday, i, first)
		for h := first; h < last; h++ {
			next := dayAt(monday, i, h+1)
			g.Rows[h-first].Cells[i] = free.cell(i, h, bound, next, todays, items, shown, now)
			bound = next
		}
	}
	return g
}

// dayCells is what the cells of one day share while they are filled.
type dayCells struct {
	lang, room string
	words      gridWords
	all        []booking.Occurrence
	day        gridDay
	class      string    // the day's cells' class
	dayLabel   string    // "12月3日 周四"
	dayEnd     time.Time // the next midnight: a slot offered ends by then (the form's end is a time of day)
	from       time.Time // the first bookable moment: now, to the quarter
	// here and idx are the occupants of the cell being filled and their
	// indexes into all, kept to be reused from cell to cell.
	here []booking.Occurrence
	idx  []int
}

// cell fills the cell of day i, hour h: [begin, end) on the wall clock.
func (st *dayCells) cell(i, h int, begin, end time.Time, todays []int, items []gridItem, shown map[int]bool, now time.Time) gridCell {
	c := gridCell{Class: st.class}
	if begin.Hour() != h%24 || !end.After(begin) {
		c.Missing = true
		return c
	}
	if c.Past = !end.After(now); c.Past {
		c.Class += " past"
	}
	st.here, st.idx = st.here[:0], st.idx[:0]
	for _, j := range todays {
		if o := st.all[j]; booking.Overlaps(o.Start, o.End, begin, end) {
			st.here, st.idx = append(st.here, o), append(st.idx, j)
		}
	}
	here := st.here
	if len(here) > 0 {
		c.Items = make([]gridItem, len(here))
	}
	for k, j := range st.idx {
		c.Items[k] = items[j]
		if shown[j] {
			c.Items[k].Cont = items[j].Who + " " + st.words.Cont
		}
		shown[j] = true
	}
	if c.Past {
		return c
	}
	if from, to, ok := freeIn(here, st.all, maxTime(begin, st.from), end); ok {
		c.Free = slotLink(st.room, st.day.Key, from, minTime(to, st.dayEnd))
		c.FreeDay, c.FreeText = st.dayLabel, clockOf(from)+" "+st.words.Free
		c.FreeFirst = len(here) > 0 && from.Before(here[0].Start)
	}
	return c
}

// freeIn finds the first moment in [from, to) that nothing in here
// (sorted by start) covers and from which at least minFreeSlot is free;
// the slot offered runs for an hour from there, or until the next
// occupant of the room (in all) begins.
func freeIn(here, all []booking.Occurrence, from, to time.Time) (time.Time, time.Time, bool) {
	at := from
	for i := 0; i <= len(here); i++ {
		next, after := to, to // the sentinel past the last: the cell's end
		if i < len(here) {
			next, after = here[i].Start, here[i].End
		}
		if next.After(at) && at.Before(to) {
			if end := nextStart(all, at, at.Add(time.Hour)); end.Sub(at) >= minFreeSlot {
				return at, end, true
			}
		}
		at = maxTime(at, after)
	}
	return time.Time{}, time.Time{}, false
}

// nextStart is the first start of an occupant in all (sorted by start)
// after at and before limit, else limit.
func nextStart(all []booking.Occurrence, at, limit time.Time) time.Time {
	k := sort.Search(len(all), func(k int) bool { return all[k].Start.After(at) })
	if k < len(all) && all[k].Start.Before(limit) {
		return all[k].Start
	}
	return limit
}

// slotLink is the address of the booking form prefilled with a slot
// (what url.Values would encode, without building a map per cell).
func slotLink(room, day string, from, to time.Time) string {
	return "/rooms/" + url.PathEscape(room) + "?day=" + url.QueryEscape(day) + "&end=" + url.QueryEscape(to.Format("15:04")) +
		"&start=" + url.QueryEscape(from.Format("2006-01-02T15:04")) + "#book"
}

// hourRange is the rows to draw: at least gridFirstHour to gridLastHour,
// widened to every hour something in the week occupies.
func hourRange(monday time.Time, occ []booking.Occurrence) (int, int) {
	first, last := gridFirstHour, gridLastHour
	for i := 0; i < 7 && (first > 0 || last < 24); i++ {
		dayStart, dayEnd := dayAt(monday, i, 0), dayAt(monday, i+1, 0)
		for _, o := range occ {
			if !booking.Overlaps(o.Start, o.End, dayStart, dayEnd) {
				continue
			}
			s, e := maxTime(o.Start, dayStart).In(dayStart.Location()), minTime(o.End, dayEnd).In(dayStart.Location())
			first = min(first, s.Hour())
			if e.Equal(dayEnd) {
				last = 24
			} else if eh := e.Hour(); e.Minute() > 0 || e.Second() > 0 {
				last = max(last, eh+1)
			} else {
				last = max(last, eh)
			}
		}
	}
	return first, last
}

func gridItemOf(lang string, words gridWords, o booking.Occurrence, loc *time.Location, viewer *booking.User, teams map[string]string) gridItem {
	it := gridItem{Kind: "class", Who: occWho(lang, o, teams), What: occWhat(lang, o), Span: spanOf(lang, o.Start.In(loc), o.End.In(loc))}
	if o.SeriesID != "" {
		it.Href = "/classes/" + o.SeriesID
	}
	if o.Kind == booking.KindClosure { // "闭馆：维修"
		it.Kind, it.Who, it.What = "closure", words.Closed+half(lang, o.Title), ""
	}
	if o.Kind == booking.KindBooking {
		it.Kind = "booking"
		if viewer != nil && o.UserID == viewer.ID {
			it.Kind, it.Who = "mine", words.Mine+"："+it.Who
		}
	}
	return it
}

// dayClass is the class of day i's cells: its column, whether a phone
// shows it, whether it is today.
func dayClass(i int, d gridDay) string {
	c := "day d" + strconv.Itoa(i)
	if d.Sel {
		c += " sel"
	}
	if d.Today {
		c += " today"
	}
	return c
}

// ceilQuarter rounds t up to the next quarter hour (on one, it stays):
// free time offered now starts where a person can still book it.
func ceilQuarter(t time.Time) time.Time {
	q := t.Truncate(15 * time.Minute)
	if q.Before(t) {
		q = q.Add(15 * time.Minute)
	}
	return q
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// weekdayShort and dayNum label a phone's day buttons: "周四" "3日", or
// "Thu" "3".
func weekdayShort(lang string, t time.Time) string {
	if lang == langEN {
		return t.Format("Mon")
	}
	return weekdayZH[t.Weekday()]
}

func dayNum(lang string, t time.Time) string {
	if lang == langEN {
		return fmt.Sprint(t.Day())
	}
	return fmt.Sprintf("%d日", t.Day())
}
