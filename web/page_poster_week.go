package web

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"mingzhu/booking"
)

// posterDay is one column head of the timetable: "周一" over "12月1日".
type posterDay struct {
	Name, Date string
}

// posterRow is one class of the week: its title, its team, and for each
// weekday the times it meets (usually none or one).
type posterRow struct {
	Title          string
	TeamZH, TeamEN string
	Cells          [7][]string
	key            string
	clock          int // minutes after midnight of its earliest time, for ordering
}

func posterDays(lang string, days []time.Time) []posterDay {
	out := make([]posterDay, len(days))
	for i, d := range days {
		if lang == langEN {
			out[i] = posterDay{Name: d.Weekday().String()[:3], Date: d.Format("2 Jan")}
		} else {
			out[i] = posterDay{Name: weekdayZH[d.Weekday()], Date: fmt.Sprintf("%d月%d日", d.Month(), d.Day())}
		}
	}
	return out
}

// posterRows lays the week's class dates out as rows, one per class (a
// series, moved dates included), ordered by time of day then title. One-off
// bookings are not fixed classes and stay off the door.
func posterRows(lang string, occ []booking.Occurrence, days []time.Time, teams []booking.Team) []posterRow {
	names := map[string]booking.Team{}
	for _, t := range teams {
		names[t.ID] = t
	}
	var rows []*posterRow
	index := map[string]*posterRow{}
	for _, o := range occ {
		day := posterDayIndex(o.Start, days)
		if o.Kind != booking.KindSeries || day < 0 {
			continue
		}
		r := index[o.SeriesID]
		if r == nil {
			t := names[o.Team]
			r = &posterRow{Title: teamTitleIn(lang, o.Title), TeamZH: t.Name, TeamEN: t.NameEN, key: o.SeriesID, clock: 24 * 60}
			index[o.SeriesID] = r
			rows = append(rows, r)
		}
		r.Cells[day] = append(r.Cells[day], spanOf(lang, o.Start, o.End))
		r.clock = min(r.clock, o.Start.Hour()*60+o.Start.Minute())
	}
	slices.SortStableFunc(rows, func(a, b *posterRow) int {
		return cmp.Or(cmp.Compare(a.clock, b.clock), cmp.Compare(a.Title, b.Title), cmp.Compare(a.key, b.key))
	})
	out := make([]posterRow, len(rows))
	for i, r := range rows {
		out[i] = *r
	}
	return out
}

// posterDayIndex is the weekday column of t (0 = Monday), -1 outside the
// week (a class that began on Sunday night before it, say).
func posterDayIndex(t time.Time, days []time.Time) int {
	y, m, d := t.In(days[0].Location()).Date()
	for i, day := range days {
		if sameDay(day, y, m, d) {
			return i
		}
	}
	return -1
}
