package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffUtilView is the utilisation report page: the span chosen, the
// room and team tables, one room's hour-of-week heat map and the CSV links.
type staffUtilView struct {
	Page
	Form   utilForm
	Errors formErrors
	// Shown is false when the span did not parse: only the form shows.
	Shown    bool
	Spans    []utilLink
	Rooms    []utilRow
	Teams    []utilRow
	MapRooms []utilLink
	Map      *heatMap
	Legend   []heatSwatch
	CSV      []utilLink
}

// utilForm is the span as typed: Span is week, month or custom; From and
// To are dates, To inclusive as people say "1 to 31 March".
type utilForm struct{ Span, From, To, Room string }

// utilLink is a link with its words and whether it is the current one.
type utilLink struct {
	Href, Label string
	Current     bool
}

// utilRow is one table row with its figures in words.
type utilRow struct {
	Key, Name                              string
	Classes                                int
	Booked, CheckedIn, NoShow, Open, Share string
	OneOff                                 bool
}

// handleStaffUtilization shows the report of ?span= (week, the default,
// or month: the current one in site time) or of ?from=&to= (dates).
// With ?format=csv it downloads the CSV instead.
func (s *Server) handleStaffUtilization(c *gin.Context) {
	if c.Query("format") == "csv" {
		s.handleStaffUtilizationCSV(c)
		return
	}
	p := s.basePage(c, "staff")
	f := utilForm{Span: c.Query("span"), From: c.Query("from"), To: c.Query("to"), Room: c.Query("room")}
	v := &staffUtilView{Page: p, Errors: formErrors{}}
	q, err := s.utilSpan(&f)
	var reports []*booking.Utilization
	if err == nil {
		reports, err = s.svc.UtilizationAll(c.Request.Context(), p.User, q)
	}
	v.Form = f
	v.Spans = s.utilSpans(p, f)
	if err != nil {
		if !v.Errors.add(s, p.Lang, err, "from", "to") {
			s.pageFail(c, err)
			return
		}
		s.render(c, http.StatusUnprocessableEntity, "staff_utilization", p.Lang, v)
		return
	}
	s.fillUtil(v, reports, q)
	s.render(c, http.StatusOK, "staff_utilization", p.Lang, v)
}

// utilSpan turns the form into the report's half-open span, filling in
// the dates of a week or month so the form shows them.
func (s *Server) utilSpan(f *utilForm) (booking.UtilizationQuery, error) {
	loc := s.svc.Location()
	now := s.svc.Now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	var from, to time.Time
	switch {
	case f.Span == "month":
		from = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
		to = from.AddDate(0, 1, 0)
	case f.Span == "custom" || (f.Span == "" && (f.From != "" || f.To != "")):
		f.Span = "custom"
		var err error
		if from, err = utilDate("from", f.From, loc); err != nil {
			return booking.UtilizationQuery{}, err
		}
		if to, err = utilDate("to", f.To, loc); err != nil {
			return booking.UtilizationQuery{}, err
		}
		to = to.AddDate(0, 0, 1) // the last day shown is included
	default:
		f.Span = "week"
		from = today.AddDate(0, 0, 1-isoDay(today.Weekday()))
		to = from.AddDate(0, 0, 7)
	}
	f.From, f.To = from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly)
	return booking.UtilizationQuery{From: from, To: to}, nil
}

// utilDate reads a date field of the form.
func utilDate(field, v string, loc *time.Location) (time.Time, error) {
	if v == "" {
		return time.Time{}, booking.Invalid(field, "请选择日期 choose a date")
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, booking.Invalid(field, "日期格式应为 YYYY-MM-DD want a date such as 2026-12-01, got %q", v)
	}
	return d, nil
}

// isoDay numbers Monday 1 to Sunday 7.
func isoDay(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}

// utilSpans are the links to this week and this month.
func (s *Server) utilSpans(p Page, f utilForm) []utilLink {
	return []utilLink{
		{Href: "/staff/utilization?span=week", Label: s.T(p, "utilization.week"), Current: f.Span == "week"},
		{Href: "/staff/utilization?span=month", Label: s.T(p, "utilization.month"), Current: f.Span == "month"},
	}
}

// fillUtil puts the three reports into the view.
func (s *Server) fillUtil(v *staffUtilView, reports []*booking.Utilization, q booking.UtilizationQuery) {
	v.Shown = true
	for _, r := range reports[0].Rows {
		v.Rooms = append(v.Rooms, s.utilRow(v.Page, r, r.Room))
	}
	for _, r := range reports[1].Rows {
		v.Teams = append(v.Teams, s.utilRow(v.Page, r, r.Team))
	}
	room := v.Form.Room
	if len(reports[0].Rows) > 0 && !hasRoom(reports[0].Rows, room) {
		room = reports[0].Rows[0].Room
	}
	span := url.Values{"from": {v.Form.From}, "to": {v.Form.To}, "span": {"custom"}}
	for _, r := range reports[0].Rows {
		span.Set("room", r.Room)
		v.MapRooms = append(v.MapRooms, utilLink{Href: "/staff/utilization?" + span.Encode() + "#heatmap",
			Label: pickName(v.Lang, r.Name, r.NameEN), Current: r.Room == room})
	}
	v.Map = s.heatMapOf(v.Page, reports[2], room)
	v.Legend = s.heatLegend(v.Page)
	api := url.Values{"format": {"csv"}, "from": {q.From.Format(time.DateOnly)}, "to": {q.To.Format(time.DateOnly)}}
	for _, g := range []string{booking.GroupRoom, booking.GroupTeam, booking.GroupHour} {
		api.Set("group", g)
		v.CSV = append(v.CSV, utilLink{Href: "/staff/utilization?" + api.Encode(), Label: s.T(v.Page, "utilization.csv_"+g)})
	}
}

func hasRoom(rows []booking.UtilizationRow, room string) bool {
	for _, r := range rows {
		if r.Room == room {
			return true
		}
	}
	return false
}

// utilRow writes a row's figures: hours to the hundredth, the share as a
// percentage.
func (s *Server) utilRow(p Page, r booking.UtilizationRow, key string) utilRow {
	return utilRow{Key: key, Name: pickName(p.Lang, r.Name, r.NameEN), Classes: r.Classes, OneOff: r.OneOff,
		Booked: hoursText(r.Booked), CheckedIn: hoursText(r.CheckedIn), NoShow: hoursText(r.NoShow),
		Open: hoursText(r.Open), Share: shareText(r.Share())}
}

// hoursText is hours to the hundredth, without trailing zeros.
func hoursText(d time.Duration) string { return strconv.FormatFloat(hours(d), 'f', -1, 64) }

// shareText is a share as a percentage to one decimal.
func shareText(v float64) string {
	return strconv.FormatFloat(float64(int(v*1000+0.5))/10, 'f', -1, 64) + "%"
}
