package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) holidayRoutes(api *gin.RouterGroup) {
	get(api, "/holidays", s.handleHolidays)
	api.POST("/holidays", s.auth, s.handleHolidayAdd)
	api.DELETE("/holidays/:date", s.auth, s.handleHolidayRemove)
}

// handleHolidays lists a year's holidays: the official arrangement with
// staff's overrides. The year is required: there is no sensible default
// for a calendar people plan by.
func (s *Server) handleHolidays(c *gin.Context) {
	v := c.Query("year")
	year, err := strconv.Atoi(v)
	if err != nil {
		s.fail(c, booking.Invalid("year", "请填写年份（如year=2026） the year is required as a number, such as year=2026, got %q", v))
		return
	}
	days, err := s.svc.Holidays(c.Request.Context(), year)
	if err != nil {
		s.fail(c, err)
		return
	}
	list(c, "holidays", days)
}

// holidayRequest is a day staff set; work is required, so that a
// forgotten field never silently makes a working day a day off.
type holidayRequest struct {
	Date string `json:"date"`
	Name string `json:"name"`
	Work *bool  `json:"work"`
}

// handleHolidayAdd sets a day off or an adjusted working day (staff).
func (s *Server) handleHolidayAdd(c *gin.Context) {
	var req holidayRequest
	if !s.decode(c, &req) {
		return
	}
	if req.Work == nil {
		s.fail(c, booking.Invalid("work", "请说明是否上班（true或false） work is required: true for a working day, false for a day off"))
		return
	}
	h, err := s.svc.AddHoliday(c.Request.Context(), user(c), booking.Holiday{Date: req.Date, Name: req.Name, Work: *req.Work})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"holiday": h})
}

// handleHolidayRemove makes a date an ordinary day again (staff).
func (s *Server) handleHolidayRemove(c *gin.Context) {
	if err := s.svc.RemoveHoliday(c.Request.Context(), user(c), c.Param("date")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
