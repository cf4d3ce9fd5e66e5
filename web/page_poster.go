package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// posterView is a room's door poster: one A4 sheet with the room's names,
// this week's fixed classes as a timetable and a QR code to the room's
// page, where anyone passing can see more and book.
type posterView struct {
	Page
	Room    booking.Room
	Days    []posterDay // Monday to Sunday of this week
	Rows    []posterRow
	PageURL string
	QR      template.HTML
}

// handlePosterPage shows the poster of this week (Monday to Sunday in the
// site zone), for staff to print and pin to the door.
func (s *Server) handlePosterPage(c *gin.Context) {
	p := s.basePage(c, "home")
	ctx := c.Request.Context()
	room, err := s.svc.Room(ctx, c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	days := posterWeek(s.svc.Now())
	occ, err := s.svc.Occurrences(ctx, nil, booking.OccurrenceQuery{Room: room.ID, From: days[0],
		To: time.Date(days[6].Year(), days[6].Month(), days[6].Day()+1, 0, 0, 0, 0, days[6].Location())})
	if err != nil {
		s.pageFail(c, err)
		return
	}
	teams, err := s.svc.Teams(ctx)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := posterView{Page: p, Room: room, PageURL: baseURL(c) + "/rooms/" + room.ID}
	v.Days = posterDays(p.Lang, days)
	v.Rows = posterRows(p.Lang, occ, days, teams)
	if v.QR, err = qrSVG(v.PageURL, s.T(p, "subscribe.poster_qr_label")); err != nil {
		s.log.Error("qr code", "err", err)
	}
	s.render(c, http.StatusOK, "poster", p.Lang, &v)
}

// posterWeek is the seven midnights of now's week, Monday first, each made
// from the date (not by adding 24 hours, which a DST change would shift).
func posterWeek(now time.Time) []time.Time {
	y, m, d := now.Date()
	back := (int(now.Weekday()) + 6) % 7
	out := make([]time.Time, 7)
	for i := range out {
		out[i] = time.Date(y, m, d-back+i, 0, 0, 0, 0, now.Location())
	}
	return out
}
