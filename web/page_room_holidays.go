package web

import (
	"context"

	"mingzhu/booking"
)

// weekHolidays is the holiday calendar of the years g's week touches
// (one or two), by date: one service call per year, once per render.
func (s *Server) weekHolidays(ctx context.Context, g *weekGrid) (map[string]booking.Holiday, error) {
	out := map[string]booking.Holiday{}
	years := []int{g.Monday.Year()}
	if y := g.Sunday.Year(); y != years[0] {
		years = append(years, y)
	}
	for _, y := range years {
		days, err := s.svc.Holidays(ctx, y)
		if err != nil {
			return nil, err
		}
		for _, h := range days {
			out[h.Date] = h
		}
	}
	return out, nil
}

// markHolidays puts the holiday calendar's word on the days of g that
// have one, in the page's words.
func (s *Server) markHolidays(p Page, g *weekGrid, hols map[string]booking.Holiday) {
	for i := range g.Days {
		h, ok := hols[g.Days[i].Key]
		if !ok {
			continue
		}
		if h.Work {
			g.Days[i].Holiday = &dayMark{Work: true, Class: "hol-work", Text: s.T(p, "resident.room.workday")}
			continue
		}
		g.Days[i].Holiday = &dayMark{Class: "hol-off", Text: s.T(p, "resident.room.holiday", h.Name), Badge: s.T(p, "resident.room.dayoff")}
	}
}
