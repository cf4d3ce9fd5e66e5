package web

import (
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// holidayClashesShown is how many clashes a refused holiday change lists
// in words; the rest are counted.
const holidayClashesShown = 5

// holidayRefusal words a holiday change refused because it would bring
// classes back on top of other uses: the message, then each returning
// class date with what it would land on, so staff know what to resolve.
// ok is false for any other error.
func (s *Server) holidayRefusal(c *gin.Context, p Page, err error) (text string, ok bool) {
	e, isDomain := err.(*booking.Error)
	if !isDomain || e.Code != booking.ECONFLICT || len(e.Clashes) == 0 {
		return "", false
	}
	teams, terr := s.clashTeams(c.Request.Context(), p, "", e.Clashes)
	if terr != nil {
		teams = map[string]string{} // the names are a courtesy: the refusal stands without them
	}
	var lines []string
	for i, cl := range e.Clashes {
		if i == holidayClashesShown {
			lines = append(lines, s.T(p, "resident.clash.more", len(e.Clashes)-i))
			break
		}
		class := ""
		if cl.Class != nil {
			class = leadTitleIn(p.Lang, cl.Class.Title)
		}
		lines = append(lines, s.T(p, "holidays.clash.line", dayInYearOf(p.Lang, cl.OccurrenceStart, s.svc.Now()),
			spanOf(p.Lang, cl.OccurrenceStart, cl.OccurrenceEnd), class, s.clashWith(p, cl, teams)))
	}
	return s.errText(p.Lang, err) + s.T(p, "lead.colon") + strings.Join(lines, s.T(p, "holidays.clash.sep")), true
}
