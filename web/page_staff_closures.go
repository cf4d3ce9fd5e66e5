package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffClosuresView is the closures page: those still to come or under
// way, the form to make one, and (after Preview) what it would do.
type staffClosuresView struct {
	Page
	Closures []closureRow
	Rooms    []booking.Room
	Form     closureForm
	Errors   formErrors
	Preview  *closurePreview
}

// closureRow is one listed closure, its words made in Go.
type closureRow struct {
	ID, Room, When, Reason, Confirm string
}

// closurePreview is a dry run's answer in the page's words.
type closurePreview struct {
	Cancels, Suspends []string
}

// closureWholeCentre is the room select's value for the whole centre.
const closureWholeCentre = "all"

// closureForm is the form as typed: dates and times of day apart, as the
// inputs give them.
type closureForm struct {
	Room, StartDate, StartTime, EndDate, EndTime, Reason string
}

// handleStaffClosures lists the closures from now on, with an empty form
// for tomorrow.
func (s *Server) handleStaffClosures(c *gin.Context) {
	p := s.basePage(c, "staff")
	d := s.svc.Now().In(s.svc.Location()).AddDate(0, 0, 1)
	f := closureForm{Room: closureWholeCentre, StartDate: d.Format(time.DateOnly), StartTime: "08:00",
		EndDate: d.Format(time.DateOnly), EndTime: "22:00"}
	s.renderClosures(c, p, f, formErrors{}, nil, http.StatusOK)
}

// renderClosures shows the page with the form as given.
func (s *Server) renderClosures(c *gin.Context, p Page, f closureForm, errs formErrors, pv *closurePreview, status int) {
	ctx := c.Request.Context()
	list, err := s.svc.Closures(ctx, booking.ClosureFilter{From: s.svc.Now()})
	if err != nil {
		s.pageFail(c, err)
		return
	}
	rooms, err := s.svc.Rooms(ctx)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	names := map[string]string{}
	for _, r := range rooms {
		names[r.ID] = pickName(p.Lang, r.Name, r.NameEN)
	}
	v := &staffClosuresView{Page: p, Rooms: rooms, Form: f, Errors: errs, Preview: pv}
	for _, cl := range list {
		row := closureRow{ID: cl.ID, Room: s.closureRoomName(p, names, cl.Room), Reason: cl.Reason,
			When: dayOf(p.Lang, cl.Start) + " " + clockOf(cl.Start) + " – " + dayOf(p.Lang, cl.End) + " " + clockOf(cl.End)}
		row.Confirm = s.T(p, "closures.delete_confirm", row.Room, row.When)
		v.Closures = append(v.Closures, row)
	}
	s.render(c, status, "staff_closures", p.Lang, v)
}

// closureRoomName is a room's name, or the whole centre's words.
func (s *Server) closureRoomName(p Page, names map[string]string, room string) string {
	if room == "" {
		return s.T(p, "closures.whole")
	}
	return names[room]
}
