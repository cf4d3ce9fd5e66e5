package web

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffHolidayAdd sets a day off or an adjusted working day as the
// form has it; the date and name rules are the service's, said next to
// their fields with what was typed kept.
func (s *Server) handleStaffHolidayAdd(c *gin.Context) {
	p := s.basePage(c, "staff")
	f := holidayForm{Date: c.PostForm("date"), Name: c.PostForm("name"), Kind: c.PostForm("kind")}
	year, err := strconv.Atoi(c.PostForm("year"))
	if err != nil {
		year = s.svc.Now().In(s.svc.Location()).Year()
	}
	if f.Kind != "off" && f.Kind != "work" {
		s.renderHolidays(c, p, year, f, formErrors{"kind": s.T(p, "holidays.kind_missing")}, 422)
		return
	}
	_, err = s.svc.AddHoliday(c.Request.Context(), p.User, booking.Holiday{Date: f.Date, Name: f.Name, Work: f.Kind == "work"})
	if err != nil {
		errs := formErrors{}
		if !errs.add(s, p.Lang, err, "date", "name") {
			s.pageFail(c, err)
			return
		}
		s.renderHolidays(c, p, year, f, errs, refusalStatus(err))
		return
	}
	holidaysDone(c, f.Date, "holiday_added")
}

// handleStaffHolidayRemove makes the date an ordinary day again; an
// address whose date is not one is the friendly 404, as an unknown id.
func (s *Server) handleStaffHolidayRemove(c *gin.Context) {
	p := s.basePage(c, "staff")
	date := c.Param("date")
	if err := s.svc.RemoveHoliday(c.Request.Context(), p.User, date); err != nil {
		if booking.ErrorCode(err) == booking.EINVALID { // not a date: the address names nothing
			s.pageNotFound(c)
			return
		}
		s.pageFail(c, err)
		return
	}
	holidaysDone(c, date, "holiday_removed")
}
