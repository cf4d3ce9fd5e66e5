package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) reportRoutes(api *gin.RouterGroup) {
	get(api, "/reports/utilization", s.auth, s.handleUtilization)
}

// handleUtilization answers the utilisation report (staff): JSON, or CSV
// when the caller's Accept weighs text/csv above JSON (reportFormat).
func (s *Server) handleUtilization(c *gin.Context) {
	q, err := s.reportQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	u, err := s.svc.Utilization(c.Request.Context(), user(c), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Writer.Header().Add("Vary", "Accept") // a cache must not give JSON's caller the CSV
	if reportFormat(c.Request.Header.Values("Accept")) == csvType {
		writeReportCSV(c, u)
		return
	}
	c.JSON(http.StatusOK, gin.H{"report": reportJSON(u)})
}

// reportQuery reads from, to and group from the query string. A time is
// a date (YYYY-MM-DD: that day's 00:00 in site time, so to=2026-12-08
// ends the span as the 8th begins) or RFC 3339 with offset.
func (s *Server) reportQuery(c *gin.Context) (booking.UtilizationQuery, error) {
	q := booking.UtilizationQuery{Group: c.Query("group")}
	var err error
	if q.From, err = s.dateOrTime("from", c.Query("from")); err != nil {
		return q, err
	}
	q.To, err = s.dateOrTime("to", c.Query("to"))
	return q, err
}

// dateOrTime parses a date at site midnight, or an RFC 3339 time; "" is
// the zero time (the service then says the field is required).
func (s *Server) dateOrTime(field, v string) (time.Time, error) {
	if len(v) == len(time.DateOnly) {
		d, err := time.ParseInLocation(time.DateOnly, v, s.svc.Location())
		if err != nil {
			return time.Time{}, booking.Invalid(field, "日期格式应为 YYYY-MM-DD want a date such as 2026-12-01, got %q", v)
		}
		return d, nil
	}
	if n := len(v); n > 6 && v[n-6] == ' ' && v[n-3] == ':' { // an unencoded "+" of an offset
		v = v[:n-6] + "+" + v[n-5:]
	}
	return parseTime(field, v)
}
