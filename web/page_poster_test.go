package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

var (
	posterRowPattern  = regexp.MustCompile(`(?s)<tr><th scope="row">(.*?)</th>(.*?)</tr>`)
	posterCellPattern = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	tagPattern        = regexp.MustCompile(`<[^>]+>`)
)

// posterRow is one timetable row as text: the class and its seven cells.
type posterRowText struct {
	Class string
	Cells []string
}

func posterTable(body string) []posterRowText {
	var out []posterRowText
	for _, m := range posterRowPattern.FindAllStringSubmatch(body, -1) {
		r := posterRowText{Class: tagPattern.ReplaceAllString(m[1], " ")}
		for _, c := range posterCellPattern.FindAllStringSubmatch(m[2], -1) {
			r.Cells = append(r.Cells, strings.TrimSpace(tagPattern.ReplaceAllString(c[1], " ")))
		}
		out = append(out, r)
	}
	return out
}

// The poster shows this week's classes of its room, Monday to Sunday, each
// on the days it really meets this week (a cancelled date is gone), in
// order of the time of day; bookings, other rooms and classes that begin
// later stay off it. Its QR code opens the room's page.
func TestPosterHasTheWeeksClasses(t *testing.T) {
	te := newTeamEnv(t)
	choir := te.must(201, "POST", "/api/v1/series", te.choir,
		series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 11, 0), "FREQ=WEEKLY;BYDAY=MO,WE"))
	te.must(201, "POST", "/api/v1/series", te.dance,
		with(series("dance", "activity", at(2026, 12, 1, 19, 0), at(2026, 12, 1, 21, 0), "FREQ=WEEKLY;BYDAY=TU,SU"), "title", "舞蹈练习 Dance practice"))
	te.must(201, "POST", "/api/v1/series", te.dance,
		with(series("dance", "activity", at(2026, 12, 12, 8, 0), at(2026, 12, 12, 9, 0), "FREQ=WEEKLY;BYDAY=SA"), "title", "舞蹈加练"))
	te.must(201, "POST", "/api/v1/series", te.choir,
		with(series("choir", "music", at(2026, 12, 4, 15, 0), at(2026, 12, 4, 16, 0), "FREQ=WEEKLY;BYDAY=FR"), "title", "合唱器乐"))
	te.must(201, "POST", "/api/v1/bookings", te.resident("liming"),
		map[string]any{"room": "activity", "start": at(2026, 12, 3, 14, 0), "end": at(2026, 12, 3, 16, 0), "title": "私人聚会", "attendees": 6})
	id := choir.Body["series"].(map[string]any)["id"].(string)
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 2, 9, 0), "action": "cancel"})
	te.clock.Add(4 * 24 * time.Hour) // Wednesday 2 December: the week of 30 November

	b := newBrowser(t, te.env)
	p := b.get("/rooms/activity/poster")
	if p.Status != http.StatusOK {
		t.Fatalf("%d %.500s", p.Status, p.Body)
	}
	for _, want := range []string{"文体活动室", "Activity room", "可容纳 40 人", "免费开放 · 全天不打烊",
		"本周固定课程（11月30日–12月6日）", "data-poster-print", `<th scope="col">周一<span class="poster-date">11月30日</span></th>`} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("poster lacks %s", want)
		}
	}
	rows := posterTable(p.Body)
	want := []posterRowText{
		{"choir class 明珠合唱队", []string{"09:00–11:00", "", "", "", "", "", ""}},
		{"舞蹈练习 舞蹈队", []string{"", "19:00–21:00", "", "", "", "", "19:00–21:00"}},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q, want %q", rows, want)
	}
	for i := range want {
		if strings.Join(strings.Fields(rows[i].Class), " ") != want[i].Class || strings.Join(rows[i].Cells, "|") != strings.Join(want[i].Cells, "|") {
			t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
		}
	}
	for _, not := range []string{"私人聚会", "已预约", "合唱器乐", "舞蹈加练"} {
		if strings.Contains(p.Body, not) {
			t.Errorf("poster shows %s", not)
		}
	}
	if got := decodeQR(t, p.Body); got != te.srv.URL+"/rooms/activity" {
		t.Errorf("QR code %q", got)
	}
}

// A room without classes this week says so instead of an empty table; in
// English the poster reads in English.
func TestPosterOfAnEmptyWeek(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.lang = "en"
	p := b.get("/rooms/library/poster")
	if p.Status != http.StatusOK || strings.Contains(p.Body, "<table") || !strings.Contains(p.Body, "No fixed classes this week") ||
		!strings.Contains(p.Body, "Free · open around the clock") || !strings.Contains(p.Body, "Room for 20 people") {
		t.Fatalf("%d %.3000s", p.Status, p.Body)
	}
}

// In a zone with daylight saving the week still runs Monday to Sunday by
// the calendar, and a class on the day the clocks change keeps its wall
// time (Europe/Berlin's spring change of 2026, found in the loaded zone by
// tests/tzprobe).
func TestPosterAcrossDaylightSaving(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	change := tzprobe.ForwardIn(t, berlin, 2026).At.In(berlin)
	y, m, d := change.Date()
	day := func(days, h int) time.Time { return time.Date(y, m, d+days, h, 0, 0, 0, berlin) } // days after the change
	col := (int(change.Weekday()) + 6) % 7                                                    // the change's column, Monday first
	monday, sunday := day(-col, 0), day(6-col, 0)
	codes := [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
	e := newEnvAt(t, day(-9, 10))
	lead := e.leader("choir-lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "明珠合唱队", "leaders": []string{"choir-lead"}})
	// Weekly on Mondays and the change's weekday, from a week before it.
	e.must(201, "POST", "/api/v1/series", lead, series("choir", "activity",
		day(-7, 9).Format(time.RFC3339), day(-7, 10).Format(time.RFC3339),
		"FREQ=WEEKLY;BYDAY=MO,"+codes[change.Weekday()]))
	e.clock.Add(day(2-col, 10).Sub(e.clock.Now())) // Wednesday of the change's week
	p := newBrowser(t, e).get("/rooms/activity/poster")
	rows := posterTable(p.Body)
	cells := make([]string, 7)
	cells[0], cells[col] = "09:00–10:00", "09:00–10:00"
	md := func(t time.Time) string { return fmt.Sprintf("%d月%d日", t.Month(), t.Day()) }
	if !strings.Contains(p.Body, "本周固定课程（"+md(monday)+"–"+md(sunday)+"）") || len(rows) != 1 ||
		strings.Join(rows[0].Cells, "|") != strings.Join(cells, "|") {
		t.Fatalf("rows %q in %.2000s", rows, p.Body)
	}
}
