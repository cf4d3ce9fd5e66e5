package web

import "github.com/gin-gonic/gin"

// handleStaffUtilizationCSV downloads the report as the API's CSV, for
// the page's links (a link cannot send Accept: text/csv nor a bearer
// token): /staff/utilization?format=csv with ?from=&to= as the API takes
// them (to exclusive) and ?group=.
func (s *Server) handleStaffUtilizationCSV(c *gin.Context) {
	q, err := s.reportQuery(c)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	u, err := s.svc.Utilization(c.Request.Context(), pageUser(c), q)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	writeReportCSV(c, u)
}
