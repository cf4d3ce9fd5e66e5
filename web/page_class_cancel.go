package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// classCancelView asks, without script, whether to cancel one date.
type classCancelView struct {
	Page
	ID, Title  string
	Key        string
	Start, End time.Time
}

// handleClassCancel cancels one date of a class. A request that does not
// carry confirm=yes (a browser without script, which could not ask) gets
// the question as a page first.
func (s *Server) handleClassCancel(c *gin.Context) {
	p := s.basePage(c, "")
	id := c.Param("id")
	occ, err := time.Parse(time.RFC3339, c.PostForm("occurrence"))
	if err != nil {
		s.pageFail(c, booking.Invalid("occurrence", "缺少要取消的日期 which date to cancel is missing"))
		return
	}
	if c.PostForm("confirm") != "yes" {
		s.classCancelQuestion(c, p, id, occ)
		return
	}
	_, err = s.svc.AddException(c.Request.Context(), p.User, id, booking.ExceptionRequest{Occurrence: occ, Action: booking.ActionCancel})
	if err != nil {
		s.dateRefused(c, p, id, dateRefusal{Occurrence: occ, Action: booking.ActionCancel}, err, "")
		return
	}
	c.Redirect(http.StatusSeeOther, "/classes/"+id+"?done=class_date_cancelled")
}

// classCancelQuestion is the confirmation page: which class, which date.
func (s *Server) classCancelQuestion(c *gin.Context, p Page, id string, occ time.Time) {
	se, dates, err := s.svc.UpcomingDates(c.Request.Context(), id, classUpcoming)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := classCancelView{Page: p, ID: se.ID, Title: leadTitleIn(p.Lang, se.Title), Key: occ.Format(time.RFC3339), Start: occ.In(s.svc.Location())}
	v.End = v.Start
	for _, d := range dates {
		if d.Original.Equal(occ) {
			v.Start, v.End = d.Start, d.End
		}
	}
	s.render(c, http.StatusOK, "class_cancel", p.Lang, &v)
}

// dateRefused shows the class page again with a refused cancel or move
// at its date, the message next to the field it concerns (moveField
// names where a clash is shown). Someone who may not manage the class,
// or a class that is gone, gets the error page.
func (s *Server) dateRefused(c *gin.Context, p Page, id string, r dateRefusal, err error, moveField string) {
	errs := formErrors{}
	code := booking.ErrorCode(err)
	if code == booking.EFORBIDDEN || !errs.add(s, p.Lang, err, "date", "start", "end") {
		s.pageFail(c, err)
		return
	}
	if e, ok := err.(*booking.Error); ok && len(e.Conflicts) > 0 && moveField != "" {
		errs = formErrors{moveField: errs[""] + s.T(p, "lead.colon") + s.conflictWords(c, p, e.Conflicts)}
	}
	r.Errors = errs
	s.classPage(c, p, statusOf[code], id, &r)
}
