package web

import (
	"slices"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/tests/tzprobe"
)

// The week grid is built from wall-clock hours: in Europe/Berlin the day
// the clocks go forward has no 02:00 row cell, the day they go back has
// one 02:00 cell holding both readings of that hour (and the 01:00 cell
// only its own hour), a 09:00 class stays
// in the 09:00 row on both sides of each change, and every week starts on
// a Monday at midnight.
func TestWeekGridAcrossDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range []tzprobe.Change{tzprobe.ForwardIn(t, berlin, 2027), tzprobe.BackwardIn(t, berlin, 2027)} {
		day := ch.At.In(berlin)
		y, m, d := day.Date()
		at := func(dd, h, mi int) time.Time { return time.Date(y, m, d+dd, h, mi, 0, 0, berlin) }
		monday := mondayOf(day, berlin)
		change := (int(day.Weekday()) + 6) % 7
		var occ []booking.Occurrence
		for i := -7; i < 14; i++ { // a 09:00 class every day, three weeks around
			occ = append(occ, booking.Occurrence{Kind: booking.KindSeries, ID: "class", Team: "choir", Title: "Probe",
				Start: at(i-change, 9, 0), End: at(i-change, 10, 0)})
		}
		// 01:00-04:00 on the day of the change: two real hours in spring, four in autumn.
		occ = append(occ, booking.Occurrence{Kind: booking.KindBooking, ID: "night", Title: booking.BookedTitle,
			Start: at(0, 1, 0), End: at(0, 4, 0)})
		if !ch.Forward() { // both readings of 02:30: half an hour before and after the change
			for _, t0 := range []time.Time{ch.At.Add(-30 * time.Minute), ch.At.Add(30 * time.Minute)} {
				occ = append(occ, booking.Occurrence{Kind: booking.KindBooking, ID: "repeated", Title: booking.BookedTitle,
					Start: t0, End: t0.Add(15 * time.Minute)})
			}
		}
		slices.SortFunc(occ, func(a, b booking.Occurrence) int { return a.Start.Compare(b.Start) })
		now := at(-30, 0, 0)
		for w, mon := range []time.Time{dayAt(monday, -7, 0), monday, dayAt(monday, 7, 0)} {
			if mon.Weekday() != time.Monday || mon.Hour() != 0 || mon.Minute() != 0 {
				t.Fatalf("week %d starts %v", w, mon)
			}
			g := buildWeek(langZH, "music", gridWords{}, mon, 0, occ, nil, map[string]string{"choir": "合唱队"}, now)
			for i, dd := range g.Days {
				if want := dayAt(mon, i, 0).Format("2006-01-02"); dd.Key != want || dd.Date.Hour() != 0 {
					t.Fatalf("week %d day %d: %s at %v", w, i, dd.Key, dd.Date)
				}
			}
			for _, row := range g.Rows {
				for i, c := range row.Cells {
					hasClass := false
					for _, it := range c.Items {
						hasClass = hasClass || it.Who == "合唱队"
					}
					if hasClass != (row.Label == "09:00") {
						t.Errorf("%v week %d day %d row %s: class shown %v", ch.At, w, i, row.Label, hasClass)
					}
					missing := w == 1 && i == change && row.Label == "02:00" && ch.Forward()
					if c.Missing != missing {
						t.Errorf("%v week %d day %d row %s: missing %v", ch.At, w, i, row.Label, c.Missing)
					}
				}
			}
			if w != 1 {
				continue
			}
			if g.Rows[0].Label != "01:00" || !hasItems(g, "01:00", change, 1) || !hasItems(g, "03:00", change, 1) {
				t.Errorf("%v: the night booking is not in the 01:00 and 03:00 rows: first row %s", ch.At, g.Rows[0].Label)
			}
			if !ch.Forward() && !hasItems(g, "02:00", change, 3) {
				t.Errorf("%v: the 02:00 cell of the day the clocks go back lacks a reading of that hour", ch.At)
			}
		}
	}
}

// hasItems reports whether the cell of row label on day holds n items.
func hasItems(g *weekGrid, label string, day, n int) bool {
	for _, r := range g.Rows {
		if r.Label == label {
			return len(r.Cells[day].Items) == n
		}
	}
	return false
}

// A free slot starts at the first free moment of its hour that leaves
// half an hour, and runs an hour or up to the next occupant.
func TestFreeSlots(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	at := func(h, m int) time.Time { return time.Date(2026, 12, 3, h, m, 0, 0, sh) }
	occ := []booking.Occurrence{{Start: at(9, 0), End: at(9, 40)}, {Start: at(10, 20), End: at(11, 0)}, {Start: at(14, 0), End: at(14, 50)}}
	for _, c := range []struct {
		h        int
		from, to time.Time
		ok       bool
	}{
		{8, at(8, 0), at(9, 0), true},      // a whole free hour
		{9, at(9, 40), at(10, 20), true},   // after the first occupant, until the next
		{10, at(10, 0), at(10, 20), false}, // 20 minutes only, then taken to 11:00
		{14, at(14, 50), at(15, 50), true},
	} {
		var here []booking.Occurrence
		for _, o := range occ {
			if booking.Overlaps(o.Start, o.End, at(c.h, 0), at(c.h+1, 0)) {
				here = append(here, o)
			}
		}
		from, to, ok := freeIn(here, occ, at(c.h, 0), at(c.h+1, 0))
		if ok != c.ok || (ok && (!from.Equal(c.from) || !to.Equal(c.to))) {
			t.Errorf("hour %d: %v %v–%v, want %v %v–%v", c.h, ok, from, to, c.ok, c.from, c.to)
		}
	}
}
