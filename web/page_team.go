package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// teamNextDays is how far ahead the team page looks for its next dates,
// and teamNextMax how many it shows: enough to plan the coming weeks, few
// enough to read on a phone.
const (
	teamNextDays = 62
	teamNextMax  = 8
)

// teamPageView is a team's public page: who they are, their weekly classes
// and their next dates, with the way to subscribe.
type teamPageView struct {
	Page
	Team      *booking.Team
	Classes   []teamPageClass
	Next      []teamPageDate
	Subscribe string
}

// teamPageDate is one coming date of a class.
type teamPageDate struct {
	Start, End time.Time
	Title      string
	Room       booking.Room
	Moved      bool
}

// handleTeamPage shows a team to anyone: residents deciding to join, and
// members checking when the next rehearsal is.
func (s *Server) handleTeamPage(c *gin.Context) {
	p := s.basePage(c, "home")
	ctx := c.Request.Context()
	team, err := s.svc.Team(ctx, c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	now := s.svc.Now()
	list, err := s.svc.SeriesList(ctx, booking.SeriesFilter{Team: team.ID, From: now})
	if err != nil {
		s.pageFail(c, err)
		return
	}
	occ, err := s.svc.Occurrences(ctx, p.User, booking.OccurrenceQuery{Team: team.ID, From: now,
		To: now.AddDate(0, 0, teamNextDays)})
	if err != nil {
		s.pageFail(c, err)
		return
	}
	rooms, err := s.svc.Rooms(ctx)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := teamPageView{Page: p, Team: team, Subscribe: "/teams/" + team.ID + "/subscribe"}
	byID := teamRoomIndex(rooms)
	v.Classes = s.teamClasses(p, list, byID)
	v.Next = teamNext(p.Lang, occ, byID)
	s.render(c, http.StatusOK, "team", p.Lang, &v)
}

// teamNext is the first few coming dates, titles in the page's language.
func teamNext(lang string, occ []booking.Occurrence, rooms map[string]booking.Room) []teamPageDate {
	var out []teamPageDate
	for _, o := range occ {
		if len(out) == teamNextMax {
			break
		}
		out = append(out, teamPageDate{Start: o.Start, End: o.End, Title: teamTitleIn(lang, o.Title), Room: teamRoom(rooms, o.Room), Moved: o.Moved})
	}
	return out
}

// teamRoomIndex indexes rooms by id.
func teamRoomIndex(rooms []booking.Room) map[string]booking.Room {
	m := make(map[string]booking.Room, len(rooms))
	for _, r := range rooms {
		m[r.ID] = r
	}
	return m
}

// teamRoom is the room with this id; one not in the index shows its id.
func teamRoom(rooms map[string]booking.Room, id string) booking.Room {
	if r, ok := rooms[id]; ok {
		return r
	}
	return booking.Room{ID: id, Name: id}
}

// teamTitleIn is a class title in the page's language: titles are often
// written in both, Chinese first ("合唱排练 Choir rehearsal"), like the
// domain's messages; one in a single language shows whole.
func teamTitleIn(lang, title string) string {
	zh, en := splitBilingual(title)
	if lang == langEN {
		return en
	}
	return zh
}
