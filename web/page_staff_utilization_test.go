package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestStaffUtilizationPage: the desk leads to the report; this week (the
// default; the clock is Saturday 28 November 2026, so Monday the 23rd to
// Sunday the 29th) shows the room table, the heat map of the room asked
// for with 168 titled cells, the team table with the one-off row and the
// CSV links, which download the API's CSV; this month and custom dates
// switch the span; a bad date or a span over 366 days is said next to
// its field; other roles are turned away.
func TestStaffUtilizationPage(t *testing.T) {
	e := newEnv(t)
	e.must(201, "POST", "/api/v1/bookings", e.admin, map[string]any{"room": "library",
		"start": at(2026, 11, 29, 10, 0), "end": at(2026, 11, 29, 11, 30), "attendees": 3})
	b := newBrowser(t, e)
	b.login("admin", adminPassword)
	if p := b.get("/staff"); !strings.Contains(p.Body, `href="/staff/utilization"`) || !strings.Contains(p.Body, "使用率") {
		t.Fatalf("the desk lacks the report's card")
	}
	p := b.get("/staff/utilization?room=library")
	if p.Status != http.StatusOK {
		t.Fatalf("report: %d %.300s", p.Status, p.Body)
	}
	for _, want := range []string{`value="2026-11-23"`, `value="2026-11-29"`, `id="util-library"`, "<td data-label=\"已用（小时）\">1.5</td>",
		"<svg viewBox", "周日 10:00–11:00：已用1小时，开放1小时（100%）", "周日 11:00–12:00：已用0.5小时，开放1小时（50%）",
		"单次预约", `href="/staff/utilization?format=csv&amp;from=2026-11-23&amp;group=room&amp;to=2026-11-30"`, `aria-current="true">本周`} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if n := strings.Count(p.Body, `<rect class="util-cell"`); n != 168 {
		t.Errorf("%d heat map cells, want 168", n)
	}
	if !strings.Contains(p.Body, "图书室：每周各时段使用率") {
		t.Errorf("the map is not the library's")
	}
	csv := b.get("/staff/utilization?format=csv&from=2026-11-23&group=room&to=2026-11-30")
	if csv.Status != 200 || csv.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(csv.Body, "library,图书室,Library,1.5,0,0,168,0.0089") {
		t.Errorf("csv: %d %q %.300s", csv.Status, csv.Header.Get("Content-Type"), csv.Body)
	}
	if p := b.get("/staff/utilization?span=month"); !strings.Contains(p.Body, `value="2026-11-01"`) || !strings.Contains(p.Body, `value="2026-11-30"`) {
		t.Errorf("this month: %.300s", p.Body)
	}
	if p := b.get("/staff/utilization?span=custom&from=2026-11-29&to=2026-11-29"); !strings.Contains(p.Body, "<td data-label=\"开放（小时）\">24</td>") {
		t.Errorf("one custom day is not 24 open hours")
	}
	p = b.get("/staff/utilization?span=custom&from=2026-11-31&to=2026-12-01")
	if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, `id="f-from-error"`) || !strings.Contains(p.Body, `value="2026-12-01"`) {
		t.Errorf("bad from: %d %.400s", p.Status, p.Body)
	}
	if p := b.get("/staff/utilization?span=custom&from=2026-01-01&to=2027-01-05"); p.Status != 422 || !strings.Contains(p.Body, `id="f-to-error"`) {
		t.Errorf("over 366 days: %d", p.Status)
	}
	e.resident("util-res")
	r := newBrowser(t, e)
	r.login("util-res", "secret-pass")
	for _, path := range []string{"/staff/utilization", "/staff/utilization?format=csv&from=2026-11-23&to=2026-11-30"} {
		if p := r.get(path); p.Status != http.StatusForbidden {
			t.Errorf("resident %s: %d", path, p.Status)
		}
	}
}
