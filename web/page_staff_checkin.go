package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffCheckInView is one day's check-in list across rooms (site time).
type staffCheckInView struct {
	Page
	Day                  time.Time
	Date, Prev, Next     string // ?day= values
	IsToday              bool
	Rows                 []checkInRowView
	RowError, ErrorRowID string // a refused check-in, shown at its row
}

// checkInRowView is one booking of the list in the page's words.
type checkInRowView struct {
	ID, When, Room, Title, Owner string
	// State is a catalog key (checkin.state.*), with Arg for its time.
	State, Arg string
	Can        bool
}

// handleStaffCheckIn lists ?day= (today by default; a value that is not
// a date is passed over, as links are).
func (s *Server) handleStaffCheckIn(c *gin.Context) {
	s.renderStaffCheckIn(c, s.basePage(c, "staff"), s.checkInDay(c.Query("day")), "", "", http.StatusOK)
}

// checkInDay is the site-time day of a ?day= value, today if it is none.
func (s *Server) checkInDay(v string) time.Time {
	loc := s.svc.Location()
	if d, err := time.ParseInLocation(time.DateOnly, v, loc); err == nil && bookableDay(d) {
		return d
	}
	y, m, d := s.svc.Now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// renderStaffCheckIn shows day's list, with a refusal at row id if any.
func (s *Server) renderStaffCheckIn(c *gin.Context, p Page, day time.Time, id, refusal string, status int) {
	rows, err := s.svc.CheckInDay(c.Request.Context(), p.User, day)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	names, err := s.roomNames(c, p.Lang)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	today := s.checkInDay("")
	v := &staffCheckInView{Page: p, Day: day, Date: day.Format(time.DateOnly), IsToday: day.Equal(today),
		Prev: day.AddDate(0, 0, -1).Format(time.DateOnly), Next: day.AddDate(0, 0, 1).Format(time.DateOnly),
		RowError: refusal, ErrorRowID: id}
	for _, r := range rows {
		v.Rows = append(v.Rows, checkInRowOf(p.Lang, r, names))
	}
	s.render(c, status, "staff_checkin", p.Lang, v)
}

// checkInRowOf puts one row in words: to come, checked in at 14:02, or
// no-show.
func checkInRowOf(lang string, r booking.CheckInRow, names map[string]string) checkInRowView {
	v := checkInRowView{ID: r.ID, When: spanOf(lang, r.Start, r.End), Room: names[r.Room], Title: half(lang, r.Title),
		Owner: r.OwnerName, State: "checkin.state.coming", Can: r.CanCheckIn}
	switch {
	case r.Status == booking.StatusNoShow:
		v.State = "checkin.state.no_show"
	case r.CheckedInAt != nil:
		v.State, v.Arg = "checkin.state.checked_in", clockOf(*r.CheckedInAt)
	}
	return v
}

// handleStaffCheckInSubmit checks a booking in for staff, then leads back
// to its day with a notice; a refusal is shown at the booking's row.
func (s *Server) handleStaffCheckInSubmit(c *gin.Context) {
	id, day := c.Param("id"), s.checkInDay(c.PostForm("day"))
	_, err := s.svc.CheckIn(c.Request.Context(), pageUser(c), id)
	switch {
	case err == nil:
		c.Redirect(http.StatusSeeOther, "/staff/checkin?day="+url.QueryEscape(day.Format(time.DateOnly))+"&done=checked_in#b-"+url.QueryEscape(id))
	case booking.ErrorCode(err) == booking.ECONFLICT:
		p := s.basePage(c, "staff")
		s.renderStaffCheckIn(c, p, day, id, s.errText(p.Lang, err), http.StatusConflict)
	default:
		s.pageFail(c, err)
	}
}
