package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// classUpcoming is how many coming dates a class page lists.
const classUpcoming = 12

// classView is a class's page: what it is, where and when, and its next
// dates; its team's leaders and staff also get a cancel button and a
// move form per date.
type classView struct {
	Page
	ID, Title    string
	Team         booking.Team
	Room         booking.Room
	Rule         string
	First, Last  string
	Open, Manage bool
	Dates        []classDateView
	TeamName     string
	RoomName     string
	NoMoreDates  bool
	// Errors is a refusal for a date the list does not show.
	Errors formErrors
}

// classDateView is one date with its forms.
type classDateView struct {
	booking.ClassDate
	Idx      int
	Key      string // the original start, which names the date to the service
	RoomName string // where a moved date now is, when not the class's room
	// ClosedWhy is the reason of the closure that suspends the date, in
	// the page's language.
	ClosedWhy string
	Confirm   string // the question before cancelling
	Editable  bool   // not begun and not cancelled: may be cancelled or moved
	Move      moveForm
	Fields    []leadField // the move form's fields
	// Errors are a refusal of this date's cancel ("cancel") or move
	// ("move"), by field.
	Action string
	Errors formErrors
}

// leadFirstError is one of a date form's messages, the form-wide one if
// there is one.
func leadFirstError(fe formErrors) string {
	if msg, ok := fe[""]; ok {
		return msg
	}
	for _, f := range []string{"date", "start", "end"} {
		if msg, ok := fe[f]; ok {
			return msg
		}
	}
	return ""
}

// moveForm is the move form's fields as typed: the new date, start and end.
type moveForm struct{ Date, Start, End string }

// dateRefusal is a refused cancel or move, to show at its date.
type dateRefusal struct {
	Occurrence time.Time
	Action     string
	Move       moveForm
	Errors     formErrors
}

func (s *Server) handleClassPage(c *gin.Context) {
	s.classPage(c, s.basePage(c, ""), http.StatusOK, c.Param("id"), nil)
}

// classPage renders class id; r, if set, is a refusal to show at its date.
func (s *Server) classPage(c *gin.Context, p Page, status int, id string, r *dateRefusal) {
	ctx := c.Request.Context()
	se, dates, err := s.svc.UpcomingDates(ctx, id, classUpcoming)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	team, err := s.svc.Team(ctx, se.Team)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	rooms, err := s.svc.Rooms(ctx)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	view := se.View()
	v := classView{Page: p, ID: se.ID, Title: leadTitleIn(p.Lang, se.Title), Team: *team, TeamName: leadPick(p.Lang, team.Name, team.NameEN),
		Manage: p.User != nil && team.LedBy(p.User)}
	for _, rm := range rooms {
		if rm.ID == view.Room {
			v.Room, v.RoomName = rm, leadPick(p.Lang, rm.Name, rm.NameEN)
		}
	}
	if len(se.Parts) > 0 {
		cur := *se.Current()
		loc := s.svc.Location()
		v.Rule, v.First, v.Open = s.leadRuleSpan(p, cur), leadLongDate(p.Lang, se.Parts[0].FirstStart.In(loc)), cur.LastEnd.IsZero()
		if !v.Open {
			v.Last = leadLongDate(p.Lang, cur.LastEnd.In(loc))
		}
	}
	v.NoMoreDates = len(dates) == 0
	for i, d := range dates {
		dv := s.classDate(p, i, d, rooms, view.Room, r)
		v.Dates = append(v.Dates, dv)
		if r != nil && r.Occurrence.Equal(d.Original) && dv.Editable && v.Manage {
			r = nil // shown at its date's forms
		}
	}
	if r != nil {
		v.Errors = formErrors{"": leadFirstError(r.Errors)}
	}
	s.render(c, status, "class", p.Lang, &v)
}

// classDate prepares one date's line and, for managers, its forms.
func (s *Server) classDate(p Page, i int, d booking.ClassDate, rooms []booking.Room, room string, r *dateRefusal) classDateView {
	dv := classDateView{ClassDate: d, Idx: i, Key: d.Original.Format(time.RFC3339),
		Editable:  d.State != booking.ActionCancel && d.Original.After(s.svc.Now()),
		Confirm:   s.T(p, "lead.cancel.confirm", dayOf(p.Lang, d.Start), spanOf(p.Lang, d.Start, d.End)),
		Move:      moveForm{Date: d.Start.Format("2006-01-02"), Start: clockOf(d.Start), End: clockOf(d.End)},
		ClosedWhy: half(p.Lang, d.Closed)}
	if d.Room != room {
		for _, rm := range rooms {
			if rm.ID == d.Room {
				dv.RoomName = leadPick(p.Lang, rm.Name, rm.NameEN)
			}
		}
	}
	if r != nil && r.Occurrence.Equal(d.Original) {
		dv.Action, dv.Errors = r.Action, r.Errors
		if r.Action == booking.ActionMove {
			dv.Move = r.Move
		}
	}
	for _, f := range []struct{ name, typ, value, label string }{
		{"date", "date", dv.Move.Date, "lead.move.date"}, {"start", "time", dv.Move.Start, "lead.f.start"},
		{"end", "time", dv.Move.End, "lead.f.end"}} {
		lf := leadField{ID: fmt.Sprintf("f-%s-%d", f.name, i), Name: f.name, Type: f.typ, Value: f.value, Label: f.label}
		if dv.Action == booking.ActionMove {
			lf.Error = dv.Errors[f.name]
		}
		dv.Fields = append(dv.Fields, lf)
	}
	return dv
}

// leadField is a labelled input whose id is not its name: each date's
// move form has the same fields.
type leadField struct{ ID, Name, Type, Value, Label, Error string }
