package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffHolidaysView is a year's holiday calendar with the form to add a
// day to it.
type staffHolidaysView struct {
	Page
	Year, Prev, Next int
	Days             []holidayRow
	Form             holidayForm
	Errors           formErrors
}

// holidayRow is one listed day, its words made in Go.
type holidayRow struct {
	Date, Label, Name string
	Work, Official    bool
}

// holidayForm is the add form as typed; Kind is "off" or "work".
type holidayForm struct{ Date, Name, Kind string }

// handleStaffHolidays lists ?year= (this year in the site zone by
// default; a value that is not a number is passed over, as links are).
func (s *Server) handleStaffHolidays(c *gin.Context) {
	p := s.basePage(c, "staff")
	year := s.svc.Now().In(s.svc.Location()).Year()
	if y, err := strconv.Atoi(c.Query("year")); err == nil {
		year = y
	}
	s.renderHolidays(c, p, year, holidayForm{Kind: "off"}, formErrors{}, http.StatusOK)
}

// renderHolidays shows year's days with the form as given.
func (s *Server) renderHolidays(c *gin.Context, p Page, year int, f holidayForm, errs formErrors, status int) {
	days, err := s.svc.Holidays(c.Request.Context(), year)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	official, err := s.svc.OfficialHolidays(year)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	lib := map[booking.Holiday]bool{}
	for _, h := range official {
		lib[h] = true
	}
	v := &staffHolidaysView{Page: p, Year: year, Form: f, Errors: errs}
	v.Prev, v.Next = s.holidayYearLinks(year)
	for _, h := range days {
		row := holidayRow{Date: h.Date, Label: h.Date, Name: h.Name, Work: h.Work, Official: lib[h]}
		if d, err := time.ParseInLocation(time.DateOnly, h.Date, s.svc.Location()); err == nil {
			row.Label = dayOf(p.Lang, d)
		}
		v.Days = append(v.Days, row)
	}
	s.render(c, status, "staff_holidays", p.Lang, v)
}

// holidaysDone leads back to the year of date with a notice.
func holidaysDone(c *gin.Context, date, key string) {
	year := ""
	if d, err := time.Parse(time.DateOnly, date); err == nil {
		year = strconv.Itoa(d.Year())
	}
	c.Redirect(http.StatusSeeOther, "/staff/holidays?year="+url.QueryEscape(year)+"&done="+url.QueryEscape(key))
}

// holidayYearsAround is how far from this year the previous/next links
// lead: the centre plans a few years ahead and looks a few back; any
// other year is one ?year= away, and the links do not run on for ever.
const holidayYearsAround = 5

// holidayYearLinks are the years the previous and next links lead to, 0
// for none.
func (s *Server) holidayYearLinks(year int) (prev, next int) {
	this := s.svc.Now().In(s.svc.Location()).Year()
	if year-1 >= this-holidayYearsAround && year-1 <= this+holidayYearsAround {
		prev = year - 1
	}
	if year+1 >= this-holidayYearsAround && year+1 <= this+holidayYearsAround {
		next = year + 1
	}
	return prev, next
}
