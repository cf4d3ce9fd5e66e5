package web

import (
	"fmt"

	"mingzhu/booking"
)

// The heat map: one room's week, 7 weekday columns by 24 hour rows (tall
// rather than wide, so that it reads on a 375 px phone), drawn as inline
// SVG with presentation attributes only (the pages' CSP allows no inline
// style). Each cell's colour is its share of open time used, in five
// steps named in the legend, and its <title> says the numbers, for screen
// readers and a pointer's tooltip.

// Geometry of the map, in SVG units (it scales to the width it gets).
const (
	heatLeft, heatTop = 46, 24
	heatW, heatH      = 40, 16
	heatGap           = 2
)

// heatMap is one room's grid, ready for the template.
type heatMap struct {
	Title         string
	Width, Height int
	Days          []heatLabel
	Hours         []heatLabel
	Cells         []heatCell
}

type heatLabel struct {
	X, Y int
	Text string
}

type heatCell struct {
	X, Y, W, H  int
	Fill, Title string
}

// heatSwatch is one step of the legend.
type heatSwatch struct{ Fill, Label string }

// heatSteps are the colours, lightest to darkest, and the closed grey;
// the darker blues pass 3:1 against white, the steps differ in lightness.
var heatSteps = []struct {
	upTo float64 // share at most
	fill string
	key  string
}{
	{0, "#f1f5f9", "utilization.legend_none"},
	{0.25, "#bcd6ec", "utilization.legend_q1"},
	{0.5, "#6aa4d4", "utilization.legend_q2"},
	{0.75, "#2d6fb0", "utilization.legend_q3"},
	{2, "#0b3468", "utilization.legend_q4"},
}

const heatClosed = "#9a9a9a"

// heatFill is a cell's colour.
func heatFill(r booking.UtilizationRow) string {
	if r.Open == 0 && r.Booked == 0 {
		return heatClosed
	}
	sh := r.Share()
	if r.Open == 0 {
		sh = 1
	}
	for _, st := range heatSteps {
		if r.Booked == 0 && st.upTo == 0 || r.Booked > 0 && st.upTo > 0 && sh <= st.upTo {
			return st.fill
		}
	}
	return heatSteps[len(heatSteps)-1].fill
}

// heatMapOf draws room's cells of the hour report.
func (s *Server) heatMapOf(p Page, rep *booking.Utilization, room string) *heatMap {
	m := &heatMap{Width: heatLeft + 7*heatW, Height: heatTop + 24*heatH}
	for d := 1; d <= 7; d++ {
		m.Days = append(m.Days, heatLabel{X: heatLeft + (d-1)*heatW + heatW/2, Y: heatTop - 8, Text: s.T(p, fmt.Sprintf("utilization.wd%d", d))})
	}
	for h := 0; h < 24; h++ {
		m.Hours = append(m.Hours, heatLabel{X: heatLeft - 6, Y: heatTop + h*heatH + heatH - 4, Text: fmt.Sprintf("%02d:00", h)})
	}
	for _, r := range rep.Rows {
		if r.Room != room {
			continue
		}
		m.Title = s.T(p, "utilization.map_title", pickName(p.Lang, r.Name, r.NameEN))
		slot := fmt.Sprintf("%s %02d:00–%02d:00", s.T(p, fmt.Sprintf("utilization.wd%d", r.Weekday)), r.Hour, (r.Hour+1)%24)
		title := s.T(p, "utilization.cell", slot, hoursText(r.Booked), hoursText(r.Open), shareText(r.Share()))
		if r.Open == 0 && r.Booked == 0 {
			title = s.T(p, "utilization.cell_closed", slot)
		}
		m.Cells = append(m.Cells, heatCell{X: heatLeft + (r.Weekday-1)*heatW, Y: heatTop + r.Hour*heatH,
			W: heatW - heatGap, H: heatH - heatGap, Fill: heatFill(r), Title: title})
	}
	return m
}

// heatLegend names each colour.
func (s *Server) heatLegend(p Page) []heatSwatch {
	var out []heatSwatch
	for _, st := range heatSteps {
		out = append(out, heatSwatch{Fill: st.fill, Label: s.T(p, st.key)})
	}
	return append(out, heatSwatch{Fill: heatClosed, Label: s.T(p, "utilization.legend_closed")})
}
