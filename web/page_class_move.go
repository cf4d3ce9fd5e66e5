package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleClassMove moves one date of a class to a new date and time (same
// room). The service checks the new slot like a booking; a refusal shows
// at that date, next to the field, with what was typed.
func (s *Server) handleClassMove(c *gin.Context) {
	p := s.basePage(c, "")
	id := c.Param("id")
	occ, err := time.Parse(time.RFC3339, c.PostForm("occurrence"))
	if err != nil {
		s.pageFail(c, booking.Invalid("occurrence", "缺少要改期的日期 which date to move is missing"))
		return
	}
	r := dateRefusal{Occurrence: occ, Action: booking.ActionMove, Errors: formErrors{}, Move: moveForm{
		Date: strings.TrimSpace(c.PostForm("date")), Start: strings.TrimSpace(c.PostForm("start")), End: strings.TrimSpace(c.PostForm("end"))}}
	start, end := s.moveTimes(p, r.Move, r.Errors)
	if len(r.Errors) > 0 {
		s.classPage(c, p, http.StatusUnprocessableEntity, id, &r)
		return
	}
	_, err = s.svc.AddException(c.Request.Context(), p.User, id,
		booking.ExceptionRequest{Occurrence: occ, Action: booking.ActionMove, Start: start, End: end})
	if err != nil {
		s.dateRefused(c, p, id, r, err, "start")
		return
	}
	c.Redirect(http.StatusSeeOther, "/classes/"+id+"?done=class_date_moved")
}

// moveTimes reads the new date and times in the site zone, noting what
// does not parse in errs.
func (s *Server) moveTimes(p Page, m moveForm, errs formErrors) (start, end time.Time) {
	loc := s.svc.Location()
	day, ok := parseLeadDate(m.Date, loc)
	if !ok {
		errs["date"] = s.T(p, "lead.err.date")
	}
	ks, okS := parseLeadClock(m.Start)
	if !okS {
		errs["start"] = s.T(p, "lead.err.time")
	}
	ke, okE := parseLeadClock(m.End)
	if !okE {
		errs["end"] = s.T(p, "lead.err.time")
	}
	if len(errs) > 0 {
		return
	}
	if start, ok = leadWallTime(day, ks, loc); !ok {
		errs["start"] = s.T(p, "lead.err.gap")
	}
	if end, ok = leadWallTime(day, ke, loc); !ok {
		errs["end"] = s.T(p, "lead.err.gap")
	}
	return start, end
}

// conflictWords names what a moved date would clash with.
func (s *Server) conflictWords(c *gin.Context, p Page, cs []booking.Conflict) string {
	clashes := make([]booking.Clash, len(cs))
	for i, w := range cs {
		clashes[i] = booking.Clash{With: w}
	}
	teams, err := s.clashTeams(c.Request.Context(), p, "", clashes)
	if err != nil {
		teams = map[string]string{} // the names are a courtesy: the refusal stands without them
	}
	names := make([]string, len(clashes))
	for i, cl := range clashes {
		names[i] = s.clashWith(p, cl, teams)
	}
	return strings.Join(names, s.T(p, "lead.list_sep"))
}
