package web

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"mingzhu/booking"
)

// bookForm is the booking form as typed, kept to show again.
type bookForm struct {
	Date, Start, End, Title, Attendees string
}

func readBookForm(get func(string) string) bookForm {
	return bookForm{Date: strings.TrimSpace(get("date")), Start: strings.TrimSpace(get("start")),
		End: strings.TrimSpace(get("end")), Title: strings.TrimSpace(get("title")),
		Attendees: strings.TrimSpace(get("attendees"))}
}

// fieldErr is a value the page could not read, with the catalog key of
// the message to show next to its field. (What the service refuses comes
// back as its own coded error.)
type fieldErr struct{ field, key string }

func (e fieldErr) Error() string { return e.field + ": " + e.key }

// request turns the form into a booking request in the site zone: the
// date and the two wall-clock times, an end of 00:00 meaning midnight at
// the end of the day. A time the clocks skip that day (daylight saving)
// is refused here, since a wall-clock time is the page's own way of
// asking. A blank number of attendees is taken as blank when required
// (the service then says how many are needed), or as 1 when not.
func (f bookForm) request(room string, loc *time.Location, needAttendees bool) (booking.NewBooking, error) {
	n := booking.NewBooking{Room: room, Title: f.Title, Attendees: 1}
	day, err := time.ParseInLocation("2006-01-02", f.Date, loc)
	if err != nil {
		return n, fieldErr{"date", "resident.err.date"}
	}
	if n.Start, err = wallClock(day, f.Start, "start"); err != nil {
		return n, err
	}
	if n.End, err = wallClock(day, f.End, "end"); err != nil {
		return n, err
	}
	if f.End == "00:00" && f.Start != "00:00" {
		n.End = dayAt(day, 1, 0)
	}
	switch a, err := strconv.Atoi(f.Attendees); {
	case f.Attendees == "" && needAttendees:
		n.Attendees = 0
	case f.Attendees != "" && err != nil:
		return n, fieldErr{"attendees", "resident.err.attendees"}
	case f.Attendees != "":
		n.Attendees = a
	}
	return n, nil
}

// wallClock is day at the clock time hhmm ("14:00") in day's zone.
func wallClock(day time.Time, hhmm, field string) (time.Time, error) {
	if hhmm == "" {
		return time.Time{}, fieldErr{field, "resident.err.missing_" + field}
	}
	c, err := time.Parse("15:04", hhmm)
	if err != nil {
		return time.Time{}, fieldErr{field, "resident.err.time"}
	}
	y, m, d := day.Date()
	t := time.Date(y, m, d, c.Hour(), c.Minute(), 0, 0, day.Location())
	if t.Hour() != c.Hour() || t.Minute() != c.Minute() {
		return time.Time{}, fieldErr{field, "resident.err.skipped"}
	}
	return t, nil
}

// bookFormFields are the form's fields, for placing the service's
// refusals next to the right one.
var bookFormFields = []string{"date", "start", "end", "title", "attendees"}

// bookRefusal files err under the field it concerns, in the page's
// language; a clash is told in words next to the start time: with what,
// and when. It reports false for an error no person can fix.
func (s *Server) bookRefusal(p Page, errs formErrors, err error) bool {
	if fe, ok := err.(fieldErr); ok {
		errs[fe.field] = s.T(p, fe.key)
		return true
	}
	if e, ok := err.(*booking.Error); ok && e.Code == booking.ECONFLICT {
		errs["start"] = s.clashText(p, e.Conflicts)
		return true
	}
	return errs.add(s, p.Lang, err, bookFormFields...)
}

// clashText says what the room is taken by: "该时段已被占用：课程「太极晨练」
// 11月29日 周日 06:30–07:30". At most three occupants are named. A
// closure among them is told alone, as the room being closed, with its
// reason ("该时段闭馆（维修），12月1日 周二 09:00–12:00"): nobody can book
// around it.
func (s *Server) clashText(p Page, cs []booking.Conflict) string {
	if i := slices.IndexFunc(cs, func(c booking.Conflict) bool { return c.Kind == booking.KindClosure }); i >= 0 {
		c := cs[i]
		return s.T(p, "resident.clash.closed", half(p.Lang, c.Title), dayOf(p.Lang, c.Start)+" "+spanOf(p.Lang, c.Start, c.End))
	}
	var parts []string
	for i, c := range cs {
		if i == 3 {
			parts = append(parts, s.T(p, "resident.clash.more", len(cs)-3))
			break
		}
		when := dayOf(p.Lang, c.Start) + " " + spanOf(p.Lang, c.Start, c.End)
		switch {
		case c.Kind == booking.KindSeries:
			parts = append(parts, s.T(p, "resident.clash.class", half(p.Lang, c.Title), when))
		case c.Title == booking.BookedTitle:
			parts = append(parts, s.T(p, "resident.clash.booked", when))
		default:
			parts = append(parts, s.T(p, "resident.clash.booking", half(p.Lang, c.Title), when))
		}
	}
	return s.T(p, "resident.clash", strings.Join(parts, s.T(p, "resident.clash.sep")))
}
