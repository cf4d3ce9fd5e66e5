package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// homeView is the front page: every room with what is happening in it
// now, and the day's classes across the centre.
type homeView struct {
	Page
	Rooms []roomCard
	Today []todayClass
	Date  time.Time // today, in the site zone
}

// roomCard is one room on the front page.
type roomCard struct {
	Room      booking.Room
	Name      roomLabel
	Equipment string // "音响、落地镜", in the page's language
	Busy      bool
	Status    string // "空闲" / "使用中，到 15:00"
	Next      string // "下一场：太极队 07:00", or that nothing is planned
}

// todayClass is one class of today in the centre's list.
type todayClass struct {
	Start, End time.Time
	Team       string
	TeamID     string // the team's page, "" when the class names no known team
	Title      string
	RoomID     string
	Room       string
	Now, Over  bool
}

// handleHomePage shows the rooms. An anonymous reader gets the page from
// the cache (see page_home_cache.go); a logged-in one sees their own
// bookings' titles, so their page is rendered afresh.
func (s *Server) handleHomePage(c *gin.Context) {
	p := s.basePage(c, "home")
	if p.User == nil && c.Request.URL.RawQuery == "" {
		s.serveCachedHome(c, p)
		return
	}
	view, err := s.homePage(c, p, s.svc.Now())
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.render(c, http.StatusOK, "home", p.Lang, view)
}

// homePage reads today and tomorrow for every room (one service call)
// and builds the page as it stands at now.
func (s *Server) homePage(c *gin.Context, p Page, now time.Time) (*homeView, error) {
	y, m, d := now.Date()
	loc := s.svc.Location()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	sc, err := s.svc.Schedule(c.Request.Context(), p.User,
		booking.OccurrenceQuery{From: today, To: time.Date(y, m, d+2, 0, 0, 0, 0, loc)})
	if err != nil {
		return nil, err
	}
	teams := teamNames(p.Lang, sc.Teams)
	v := &homeView{Page: p, Date: today}
	cs, err := s.svc.Closures(c.Request.Context(), booking.ClosureFilter{From: now, To: time.Date(y, m, d+2, 0, 0, 0, 0, loc)})
	if err != nil {
		return nil, err
	}
	for _, r := range sc.Rooms {
		v.Rooms = append(v.Rooms, s.roomCard(p, r, addClosures(sc.Occurrences, cs, r.ID), teams, now))
	}
	v.Today = todayClasses(p.Lang, sc, teams, now, time.Date(y, m, d+1, 0, 0, 0, 0, loc))
	return v, nil
}

// todayClasses are the classes (not bookings) that take place before
// tomorrow, in order.
func todayClasses(lang string, sc *booking.Schedule, teams map[string]string, now, tomorrow time.Time) []todayClass {
	rooms := map[string]string{}
	for _, r := range sc.Rooms {
		rooms[r.ID] = pickName(lang, r.Name, r.NameEN)
	}
	var out []todayClass
	for _, o := range sc.Occurrences {
		if o.Kind != booking.KindSeries || !o.Start.Before(tomorrow) {
			continue
		}
		tc := todayClass{Start: o.Start, End: o.End, Team: occWho(lang, o, teams), Title: occWhat(lang, o),
			RoomID: o.Room, Room: rooms[o.Room], Now: !o.Start.After(now) && now.Before(o.End), Over: !now.Before(o.End)}
		if teams[o.Team] != "" {
			tc.TeamID = o.Team
		}
		out = append(out, tc)
	}
	return out
}
