package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// leadView is /lead: the teams the reader leads (staff: all), each with
// its classes.
type leadView struct {
	Page
	Teams []leadTeam
}

type leadTeam struct {
	Team    booking.Team
	Classes []classSummary
}

// classSummary is one class as a line of the list: its title, how it
// repeats, its time and room, its first date and its last (or none).
type classSummary struct {
	ID, Title, Days, Span, Room string
	First, Last                 string
	Open, Ended                 bool
}

func (s *Server) handleLeadPage(c *gin.Context) {
	p := s.basePage(c, "lead")
	ctx := c.Request.Context()
	teams, err := s.ledTeams(ctx, p.User)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	all, err := s.svc.SeriesList(ctx, booking.SeriesFilter{})
	if err != nil {
		s.pageFail(c, err)
		return
	}
	rooms, err := s.leadRoomNames(c, p)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := leadView{Page: p}
	for _, t := range teams {
		lt := leadTeam{Team: t}
		for _, se := range all {
			if se.Team == t.ID && len(se.Parts) > 0 {
				lt.Classes = append(lt.Classes, s.leadSummarize(p, se, rooms))
			}
		}
		v.Teams = append(v.Teams, lt)
	}
	s.render(c, http.StatusOK, "lead", p.Lang, &v)
}

// leadSummarize describes a series by its current definition, from the first
// date it ever had to the last it will have.
func (s *Server) leadSummarize(p Page, se *booking.Series, rooms map[string]string) classSummary {
	cur := *se.Current()
	loc := s.svc.Location()
	cs := classSummary{ID: se.ID, Title: leadTitleIn(p.Lang, se.Title), Days: s.leadRuleWords(p, cur), Span: spanOf(p.Lang, cur.Start, cur.End),
		Room: rooms[cur.Room], First: leadLongDate(p.Lang, se.Parts[0].FirstStart.In(loc)), Open: cur.LastEnd.IsZero()}
	if cs.Room == "" {
		cs.Room = cur.Room
	}
	if !cs.Open {
		last := cur.LastEnd.In(loc)
		cs.Last, cs.Ended = leadLongDate(p.Lang, last), last.Before(s.svc.Now())
	}
	return cs
}

// leadRoomNames maps room ids to their names in the page's language.
func (s *Server) leadRoomNames(c *gin.Context, p Page) (map[string]string, error) {
	rooms, err := s.svc.Rooms(c.Request.Context())
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rooms {
		out[r.ID] = leadPick(p.Lang, r.Name, r.NameEN)
	}
	return out, nil
}

// leadPick is the template function pick for Go code: the English of a
// pair on English pages when there is one, else the Chinese.
func leadPick(lang, zh, en string) string {
	if lang == langEN && en != "" {
		return en
	}
	return zh
}
