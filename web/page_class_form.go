package web

import (
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// classForm is what the new-class form sends, kept as typed so that a
// refusal shows it again: the team and room chosen, the title, the
// weekdays ticked (RFC 5545 codes), start and end as "14:00", the first
// and last dates as "2026-12-01", whether the class has no end, and
// whether it pauses on public holidays (skip_holidays).
type classForm struct {
	Team, Room, Title string
	Days              []string
	Start, End        string
	First, Last       string
	Open              bool
	SkipHolidays      bool
}

// classFields are the form's fields in the order a reader meets them.
var classFields = []string{"team", "room", "title", "days", "start", "end", "first", "last"}

// readClassForm reads the form as sent.
func readClassForm(c *gin.Context) classForm {
	f := classForm{Team: c.PostForm("team"), Room: c.PostForm("room"), Title: strings.TrimSpace(c.PostForm("title")),
		Start: strings.TrimSpace(c.PostForm("start")), End: strings.TrimSpace(c.PostForm("end")),
		First: strings.TrimSpace(c.PostForm("first")), Last: strings.TrimSpace(c.PostForm("last")),
		Open: c.PostForm("open") != "", SkipHolidays: c.PostForm("skip_holidays") != ""}
	for _, d := range leadWeekdays { // Monday first, each once, known codes only
		if slices.Contains(c.PostFormArray("days"), d) {
			f.Days = append(f.Days, d)
		}
	}
	return f
}

// complete reports whether every piece a clash check needs is filled in
// (the live preview waits quietly until then).
func (f classForm) complete() bool {
	return len(f.Days) > 0 && f.Start != "" && f.End != "" && f.First != "" && (f.Open || f.Last != "")
}

// series turns the form into the service's request: the first
// occurrence is the first ticked weekday on or after the first date, and
// the rule FREQ=WEEKLY;BYDAY=… ends (UNTIL) at the close of the last date
// in the site zone, or never. What does not parse is refused next to its
// field, in the page's language; every rule about the class itself is
// the service's.
func (f classForm) series(s *Server, p Page) (booking.NewSeries, formErrors) {
	errs := formErrors{}
	loc := s.svc.Location()
	if len(f.Days) == 0 {
		errs["days"] = s.T(p, "lead.err.days")
	}
	start, okS := parseLeadClock(f.Start)
	if !okS {
		errs["start"] = s.T(p, "lead.err.time")
	}
	end, okE := parseLeadClock(f.End)
	if !okE {
		errs["end"] = s.T(p, "lead.err.time")
	}
	first, okF := parseLeadDate(f.First, loc)
	if !okF {
		errs["first"] = s.T(p, "lead.err.date")
	}
	var last time.Time
	if !f.Open {
		var okL bool
		if last, okL = parseLeadDate(f.Last, loc); !okL {
			errs["last"] = s.T(p, "lead.err.last")
		} else if okF && last.Before(first) {
			errs["last"] = s.T(p, "lead.err.last_before")
		}
	}
	if len(errs) > 0 {
		return booking.NewSeries{}, errs
	}
	day := first
	for !slices.Contains(f.Days, leadDayCode(day.Weekday())) {
		day = day.AddDate(0, 0, 1)
	}
	if !f.Open && day.After(last) {
		// The rule would start after its own end (the service would say
		// "UNTIL is before start", in words of the rule, not of the form).
		errs["last"] = s.T(p, "lead.err.no_day")
		return booking.NewSeries{}, errs
	}
	n := booking.NewSeries{Team: f.Team, Room: f.Room, Title: f.Title, RRule: "FREQ=WEEKLY;BYDAY=" + strings.Join(f.Days, ","),
		SkipHolidays: f.SkipHolidays}
	var ok bool
	if n.Start, ok = leadWallTime(day, start, loc); !ok {
		errs["start"] = s.T(p, "lead.err.gap")
	}
	if n.End, ok = leadWallTime(day, end, loc); !ok {
		errs["end"] = s.T(p, "lead.err.gap")
	}
	if !f.Open {
		y, m, d := last.Date()
		n.RRule += ";UNTIL=" + time.Date(y, m, d, 23, 59, 59, 0, loc).UTC().Format("20060102T150405Z")
	}
	return n, errs
}

// leadClock is a time of day typed into <input type="time">.
type leadClock struct{ h, m int }

// parseLeadClock reads "14:00" (a browser may add seconds: "14:00:00").
func parseLeadClock(v string) (leadClock, bool) {
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return leadClock{t.Hour(), t.Minute()}, true
		}
	}
	return leadClock{}, false
}

// parseLeadDate reads "2026-12-01" from <input type="date"> as that day's
// midnight in loc.
func parseLeadDate(v string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", v, loc)
	if err != nil {
		return time.Time{}, false
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc), true
}

// leadWallTime is day at clock k in loc; ok is false when that wall clock
// does not exist there (the hour daylight saving skips), which Go would
// silently turn into another time.
func leadWallTime(day time.Time, k leadClock, loc *time.Location) (time.Time, bool) {
	y, m, d := day.Date()
	t := time.Date(y, m, d, k.h, k.m, 0, 0, loc)
	return t, t.Hour() == k.h && t.Minute() == k.m && t.Day() == d
}

// classRefusal places a refusal of the service next to the field it
// concerns: the service names its own fields (start is the first
// occurrence, rrule the rule the form built), which map onto the form's.
// ok is false for failures that are no one's input (the error page).
func (s *Server) classRefusal(p Page, err error, f classForm, n booking.NewSeries) (formErrors, bool) {
	e, isDomain := err.(*booking.Error)
	code := booking.ErrorCode(err)
	if !isDomain || code == booking.EINTERNAL || code == booking.EUNAVAILABLE {
		return nil, false
	}
	field := e.Field
	switch {
	case code == booking.EFORBIDDEN:
		field = "team"
	case code == booking.ENOTFOUND && field != "team" && field != "room":
		return nil, false
	case field == "start" && (n.Start.Before(booking.EarliestTime) || n.Start.After(booking.LatestTime)):
		field = "first"
	case field == "rrule" && f.Open:
		field = "days"
	case field == "rrule":
		field = "last"
	case !slices.Contains(classFields, field):
		field = ""
	}
	return formErrors{field: s.errText(p.Lang, err)}, true
}
