package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// roomPageView is a room's page: its week and the booking form.
type roomPageView struct {
	Page
	Room             booking.Room
	Name             roomLabel
	Equipment        string
	Week             *weekGrid
	Rows             template.HTML // the week's rows (see gridRows)
	Prev, Next, This string        // ?week= values
	IsThisWeek       bool
	Form             bookForm
	Errors           formErrors
	BookNext         string // where login should lead back to: this page's form
	CheckIn          roomCheckIn
	Rules            []string // the room's house rules in words (roomRules)
}

// handleRoomPage shows the week asked for (?week= any day in it, or
// ?day= the day a phone shows; this week by default), with the booking
// form prefilled from ?start= and ?end= (a tapped free slot).
func (s *Server) handleRoomPage(c *gin.Context) {
	p := s.basePage(c, "home")
	loc := s.svc.Location()
	now := s.svc.Now()
	monday, sel := s.weekAsked(c.Query("week"), c.Query("day"), now)
	form := bookForm{Attendees: "1", Date: dayAt(monday, sel, 0).Format("2006-01-02")}
	if t, err := time.ParseInLocation("2006-01-02T15:04", c.Query("start"), loc); err == nil {
		form.Date, form.Start = t.Format("2006-01-02"), t.Format("15:04")
		form.End = c.Query("end")
		if _, err := time.Parse("15:04", form.End); err != nil {
			form.End = t.Add(time.Hour).Format("15:04")
		}
	}
	s.renderRoom(c, p, c.Param("id"), monday, sel, form, formErrors{}, http.StatusOK)
}

// renderRoom reads the room's week (one service call) and shows it with
// the form as given.
func (s *Server) renderRoom(c *gin.Context, p Page, id string, monday time.Time, sel int, form bookForm, errs formErrors, status int) {
	sc, err := s.svc.Schedule(c.Request.Context(), p.User, booking.OccurrenceQuery{Room: id, From: monday, To: dayAt(monday, 7, 0)})
	if err != nil {
		s.pageFail(c, err)
		return
	}
	if len(sc.Rooms) != 1 { // Schedule checks the room exists
		s.pageNotFound(c)
		return
	}
	if sc.Occurrences, err = s.withClosures(c.Request.Context(), id, monday, dayAt(monday, 7, 0), sc.Occurrences); err != nil {
		s.pageFail(c, err)
		return
	}
	now := s.svc.Now()
	this := mondayOf(now, s.svc.Location())
	v := &roomPageView{Page: p, Room: sc.Rooms[0], Name: labelOf(p.Lang, sc.Rooms[0]), Form: form, Errors: errs,
		Week: buildWeek(p.Lang, id, s.gridWords(p), monday, sel, sc.Occurrences, p.User, teamNames(p.Lang, sc.Teams), now),
		Prev: dayAt(monday, -7, 0).Format("2006-01-02"), Next: dayAt(monday, 7, 0).Format("2006-01-02"),
		This: this.Format("2006-01-02"), IsThisWeek: this.Equal(monday),
		BookNext: "/rooms/" + id + "?day=" + dayAt(monday, sel, 0).Format("2006-01-02") + "#book",
		Rules:    s.roomRules(p, sc.Rooms[0].Rules)}
	for i := range v.Week.Days {
		v.Week.Days[i].Lunar = s.pages.lunar.of(p.Lang, v.Week.Days[i].Date)
	}
	hols, err := s.weekHolidays(c.Request.Context(), v.Week)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.markHolidays(p, v.Week, hols)
	if v.CheckIn, err = s.roomCheckIns(c, p, id); err != nil {
		s.pageFail(c, err)
		return
	}
	v.Equipment = s.equipment(p, v.Room)
	v.Rows = gridRows(v.Week, s.T(p, "resident.room.missing"))
	s.render(c, status, "room", p.Lang, v)
}

// weekAsked is the Monday of the week to show and the day a phone shows
// in it: ?day= wins, then ?week=, then today. A value that is not a date
// is passed over (these are links, not a form), and so is a date the
// service takes no booking on (year 1, 9999): no listing reaches its
// week, and a refused booking for it must still show the form.
func (s *Server) weekAsked(week, day string, now time.Time) (time.Time, int) {
	loc := s.svc.Location()
	if d, err := time.ParseInLocation("2006-01-02", day, loc); err == nil && bookableDay(d) {
		m := mondayOf(d, loc)
		return m, (int(d.Weekday()) + 6) % 7
	}
	if w, err := time.ParseInLocation("2006-01-02", week, loc); err == nil && bookableDay(w) {
		m := mondayOf(w, loc)
		if m.Equal(mondayOf(now, loc)) {
			return m, (int(now.Weekday()) + 6) % 7
		}
		return m, 0
	}
	return mondayOf(now, loc), (int(now.Weekday()) + 6) % 7
}

// bookableDay reports whether d lies within the times the service takes,
// so that its week can be listed.
func bookableDay(d time.Time) bool {
	return !d.Before(booking.EarliestTime) && d.Before(booking.LatestTime)
}

func (s *Server) gridWords(p Page) gridWords {
	return gridWords{Free: s.T(p, "resident.room.free"), Cont: s.T(p, "resident.room.cont"), Mine: s.T(p, "resident.room.mine"),
		Closed: s.T(p, "closures.grid_prefix")}
}
