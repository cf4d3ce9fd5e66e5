package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffClosureCreate previews (action=preview) or makes the closure
// the form describes; refusals stand next to their fields, what was
// typed kept. A preview shows what would be cancelled and suspended, and
// the same form again with the Confirm button.
func (s *Server) handleStaffClosureCreate(c *gin.Context) {
	p := s.basePage(c, "staff")
	f := closureForm{Room: c.PostForm("room"), StartDate: c.PostForm("start_date"), StartTime: c.PostForm("start_time"),
		EndDate: c.PostForm("end_date"), EndTime: c.PostForm("end_time"), Reason: c.PostForm("reason")}
	n, errs := s.closureRequest(p, f)
	if len(errs) > 0 {
		s.renderClosures(c, p, f, errs, nil, http.StatusUnprocessableEntity)
		return
	}
	dry := c.PostForm("action") == "preview"
	plan, err := s.svc.CreateClosure(c.Request.Context(), p.User, n, dry)
	if err != nil {
		errs := formErrors{}
		if booking.ErrorCode(err) == booking.ENOTFOUND { // a room that is not one: said at the select
			errs["room"] = s.errText(p.Lang, err)
		} else if !errs.add(s, p.Lang, err, "room", "start", "end", "reason") {
			s.pageFail(c, err)
			return
		}
		s.renderClosures(c, p, f, errs, nil, refusalStatus(err))
		return
	}
	if dry {
		s.renderClosures(c, p, f, formErrors{}, s.closurePreview(c, p, plan), http.StatusOK)
		return
	}
	c.Redirect(http.StatusSeeOther, "/staff/closures?done=closure_created")
}

// closureRequest reads the form's room and times in the site zone; a
// missing or unreadable date or time is a message next to its field.
func (s *Server) closureRequest(p Page, f closureForm) (booking.NewClosure, formErrors) {
	errs := formErrors{}
	n := booking.NewClosure{Reason: f.Reason}
	if f.Room != closureWholeCentre {
		n.Room = f.Room
		if f.Room == "" {
			errs["room"] = s.T(p, "closures.room_missing")
		}
	}
	at := func(field, d, tm string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", d+" "+tm, s.svc.Location())
		if err != nil {
			errs[field] = s.T(p, "closures.when_missing")
		}
		return t
	}
	n.Start, n.End = at("start", f.StartDate, f.StartTime), at("end", f.EndDate, f.EndTime)
	return n, errs
}

// closurePreview puts a dry run in the page's words.
func (s *Server) closurePreview(c *gin.Context, p Page, plan *booking.ClosurePlan) *closurePreview {
	names, err := s.roomNames(c, p.Lang)
	if err != nil {
		names = map[string]string{}
	}
	pv := &closurePreview{Cancels: []string{}, Suspends: []string{}}
	for _, b := range plan.Cancels {
		pv.Cancels = append(pv.Cancels, s.T(p, "closures.cancel_item", dayOf(p.Lang, b.Start)+" "+spanOf(p.Lang, b.Start, b.End),
			names[b.Room], half(p.Lang, b.Title), b.Name+" ("+b.Username+")"))
	}
	for _, o := range plan.Suspends {
		pv.Suspends = append(pv.Suspends, s.T(p, "closures.suspend_item", dayOf(p.Lang, o.Start)+" "+spanOf(p.Lang, o.Start, o.End),
			names[o.Room], half(p.Lang, o.TeamName), half(p.Lang, o.Title)))
	}
	return pv
}

// handleStaffClosureDelete lifts a closure; an unknown id is the friendly
// 404. Cancelled bookings stay cancelled, as the page says.
func (s *Server) handleStaffClosureDelete(c *gin.Context) {
	p := s.basePage(c, "staff")
	if err := s.svc.DeleteClosure(c.Request.Context(), p.User, c.Param("id")); err != nil {
		s.pageFail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/staff/closures?done=closure_deleted")
}
