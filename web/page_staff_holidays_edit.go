package web

import (
	"strconv"
	"time"

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
		if text, ok := s.holidayRefusal(c, p, err); ok {
			errs[""] = text // the classes that would come back, and on what
		} else if !errs.add(s, p.Lang, err, "date", "name") {
			s.pageFail(c, err)
			return
		}
		s.renderHolidays(c, p, year, f, errs, refusalStatus(err))
		return
	}
	holidaysDone(c, f.Date, "holiday_added")
}

// handleStaffHolidayRemove makes the date an ordinary day again; an
// address whose date is not one is the friendly 404, as an unknown id. A
// removal refused because classes would come back on other uses shows
// the year again with what clashes, above the list.
func (s *Server) handleStaffHolidayRemove(c *gin.Context) {
	p := s.basePage(c, "staff")
	date := c.Param("date")
	if err := s.svc.RemoveHoliday(c.Request.Context(), p.User, date); err != nil {
		if booking.ErrorCode(err) == booking.EINVALID { // not a date: the address names nothing
			s.pageNotFound(c)
			return
		}
		if text, ok := s.holidayRefusal(c, p, err); ok {
			s.renderHolidays(c, p, holidayYear(s, date), holidayForm{Kind: "off"}, formErrors{"remove": text}, refusalStatus(err))
			return
		}
		s.pageFail(c, err)
		return
	}
	holidaysDone(c, date, "holiday_removed")
}

// holidayYear is the year of date (a valid one: the service took it), or
// this year.
func holidayYear(s *Server, date string) int {
	if d, err := time.Parse(time.DateOnly, date); err == nil {
		return d.Year()
	}
	return s.svc.Now().In(s.svc.Location()).Year()
}
