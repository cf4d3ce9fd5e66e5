package web

import (
	"encoding/csv"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// csvType is the report's spreadsheet form.
const csvType = "text/csv"

// reportColumn is one column of a report, the same in JSON (its key) and
// CSV (its header), so the two forms never disagree.
type reportColumn struct {
	key string
	val func(r *booking.UtilizationRow) any
}

// hours is a duration in hours to the hundredth (36 seconds).
func hours(d time.Duration) float64 { return math.Round(d.Hours()*100) / 100 }

var figureColumns = []reportColumn{
	{"booked_hours", func(r *booking.UtilizationRow) any { return hours(r.Booked) }},
	{"checked_in_hours", func(r *booking.UtilizationRow) any { return hours(r.CheckedIn) }},
	{"no_show_hours", func(r *booking.UtilizationRow) any { return hours(r.NoShow) }},
	{"open_hours", func(r *booking.UtilizationRow) any { return hours(r.Open) }},
	{"share", func(r *booking.UtilizationRow) any { return math.Round(r.Share()*10000) / 10000 }},
}

var (
	colRoom   = reportColumn{"room", func(r *booking.UtilizationRow) any { return r.Room }}
	colName   = reportColumn{"name", func(r *booking.UtilizationRow) any { return r.Name }}
	colNameEN = reportColumn{"name_en", func(r *booking.UtilizationRow) any { return r.NameEN }}
)

// reportColumns are each group's columns, in order.
var reportColumns = map[string][]reportColumn{
	booking.GroupRoom: append([]reportColumn{colRoom, colName, colNameEN}, figureColumns...),
	booking.GroupTeam: append([]reportColumn{
		{"team", func(r *booking.UtilizationRow) any {
			if r.OneOff {
				return nil // the one-off bookings: no team
			}
			return r.Team
		}}, colName, colNameEN,
		{"classes", func(r *booking.UtilizationRow) any { return r.Classes }},
	}, figureColumns...),
	booking.GroupHour: append([]reportColumn{colRoom,
		{"weekday", func(r *booking.UtilizationRow) any { return r.Weekday }},
		{"hour", func(r *booking.UtilizationRow) any { return r.Hour }},
	}, figureColumns...),
}

// reportJSON is {"from","to","group","rows":[...]}.
func reportJSON(u *booking.Utilization) gin.H {
	cols := reportColumns[u.Group]
	rows := make([]map[string]any, len(u.Rows))
	for i := range u.Rows {
		row := make(map[string]any, len(cols))
		for _, col := range cols {
			row[col.key] = col.val(&u.Rows[i])
		}
		rows[i] = row
	}
	return gin.H{"from": u.From, "to": u.To, "group": u.Group, "rows": rows}
}

// writeReportCSV answers the report as a CSV file: UTF-8 with a byte
// order mark (Excel, common at the desk, reads Chinese names wrongly
// without it), a header row of the JSON keys, one row per group, and a
// file name that says what and when.
func writeReportCSV(c *gin.Context, u *booking.Utilization) {
	var b strings.Builder
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	cols := reportColumns[u.Group]
	rec := make([]string, len(cols))
	for i, col := range cols {
		rec[i] = col.key
	}
	w.Write(rec)
	for i := range u.Rows {
		for j, col := range cols {
			rec[j] = csvCell(col.val(&u.Rows[i]))
		}
		w.Write(rec)
	}
	w.Flush()
	name := "utilization-" + u.Group + "-" + u.From.Format(time.DateOnly) + "-" + u.To.Format(time.DateOnly) + ".csv"
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, csvType+"; charset=utf-8", []byte(b.String()))
}

// csvCell writes a value; text that a spreadsheet would take for a
// formula (=, +, -, @ first) is kept as text with a leading apostrophe.
func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
			return "'" + v
		}
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}
