package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// holidaysOf is the year's calendar as the API lists it: date → entry.
func holidaysOf(e *env, year string) map[string]map[string]any {
	e.t.Helper()
	out := map[string]map[string]any{}
	for _, v := range arr(e.must(200, "GET", "/api/v1/holidays?year="+year, "", nil).Body["holidays"]) {
		out[obj(v)["date"].(string)] = obj(v)
	}
	return out
}

// firstHoliday is the earliest date of year named name with work as
// given, found in the service's calendar rather than typed in.
func firstHoliday(t *testing.T, e *env, year, name string, work bool) string {
	t.Helper()
	best := ""
	for d, h := range holidaysOf(e, year) {
		if (name == "" || h["name"] == name) && h["work"] == work && (best == "" || d < best) {
			best = d
		}
	}
	if best == "" {
		t.Fatalf("no %q (work %v) in %s", name, work, year)
	}
	return best
}

// TestRoomWeekMarksHolidays: the Spring Festival 2026 week's header
// names the day off with its 休 badge, an adjusted working day says
// 调休上班, and the English page says both in English.
func TestRoomWeekMarksHolidays(t *testing.T) {
	e := newEnv(t)
	off := firstHoliday(t, e, "2026", "春节", false)
	b := newBrowser(t, e)
	p := b.get("/rooms/music?week=" + off)
	if p.Status != http.StatusOK {
		t.Fatalf("room week: %d", p.Status)
	}
	has(t, "the Spring Festival week", p, `<span class="hol hol-off">春节 <span class="hol-badge">休</span></span>`)
	work := firstHoliday(t, e, "2026", "", true)
	p = b.get("/rooms/music?week=" + work)
	has(t, "an adjusted working day's week", p, `<span class="hol hol-work">调休上班</span>`)
	b.lang = "en"
	p = b.get("/rooms/music?week=" + off)
	has(t, "the English Spring Festival week", p, `Public holiday: 春节 <span class="hol-badge">Day off</span>`)
	p = b.get("/rooms/music?week=" + work)
	has(t, "the English working day", p, "Working day (swapped)")
	if p := b.get("/rooms/music?week=2026-07-06"); strings.Contains(p.Body, `class="hol `) {
		t.Errorf("a week without holidays is marked")
	}
}

// TestStaffHolidaysPage: staff see the year's days, add a local day off
// (which the API then lists), remove it, and are told next to the field
// what is wrong with a date or a name, with what they typed kept.
func TestStaffHolidaysPage(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	off := firstHoliday(t, e, "2026", "春节", false)
	p := b.get("/staff/holidays?year=2026")
	has(t, "the 2026 holidays", p, "2026年节假日", `id="hol-`+off+`"`, "春节", "国家安排", "调休上班", `data-confirm=`, `href="/staff/holidays?year=2025"`, `href="/staff/holidays?year=2027"`)
	if p := b.get("/staff/holidays"); !strings.Contains(p.Body, "2026年节假日") {
		t.Errorf("the default year is not this year (2026)")
	}
	if p := b.get("/staff"); !strings.Contains(p.Body, `href="/staff/holidays"`) {
		t.Errorf("the desk has no holidays card")
	}

	p = b.post("/staff/holidays", form("year", "2026", "date", "2026-13-40", "name", "社区运动会", "kind", "off"))
	if p.Status != http.StatusUnprocessableEntity || fieldMessage(p.Body, "date") == "" || !strings.Contains(p.Body, `value="社区运动会"`) {
		t.Fatalf("bad date: %d date=%q %.300s", p.Status, fieldMessage(p.Body, "date"), p.Body)
	}
	p = b.post("/staff/holidays", form("year", "2026", "date", "2026-12-10", "name", "  ", "kind", "off"))
	if p.Status != http.StatusUnprocessableEntity || fieldMessage(p.Body, "name") == "" || !strings.Contains(p.Body, `value="2026-12-10"`) {
		t.Fatalf("empty name: %d name=%q", p.Status, fieldMessage(p.Body, "name"))
	}
	if _, ok := holidaysOf(e, "2026")["2026-12-10"]; ok {
		t.Fatalf("a refused day was stored")
	}

	p = b.post("/staff/holidays", form("year", "2026", "date", "2026-12-10", "name", "社区运动会", "kind", "off"))
	if p.Status != http.StatusSeeOther || p.Location != "/staff/holidays?year=2026&done=holiday_added" {
		t.Fatalf("add: %d %q", p.Status, p.Location)
	}
	if h := holidaysOf(e, "2026")["2026-12-10"]; h == nil || h["name"] != "社区运动会" || h["work"] != false {
		t.Fatalf("the API does not list the added day: %v", h)
	}
	p = b.follow(p)
	has(t, "the page after adding", p, "已添加该日期", `id="hol-2026-12-10"`, "社区运动会", "本地")

	p = b.post("/staff/holidays/2026-12-10/remove", nil)
	if p.Status != http.StatusSeeOther || !strings.Contains(p.Location, "done=holiday_removed") {
		t.Fatalf("remove: %d %q", p.Status, p.Location)
	}
	if _, ok := holidaysOf(e, "2026")["2026-12-10"]; ok {
		t.Fatalf("the removed day is still listed")
	}
	if p := b.follow(p); strings.Contains(p.Body, `id="hol-2026-12-10"`) {
		t.Fatalf("the page still lists the removed day")
	}
}

// TestStaffHolidaysPageEnglish: the page in English.
func TestStaffHolidaysPageEnglish(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	b.lang = "en"
	has(t, "the English holidays page", b.get("/staff/holidays?year=2026"), "Holidays 2026", "Official", "Working day (swapped)", "Add a day")
}

// TestStaffHolidaysPageStaffOnly: residents and leaders get 403 on the
// page and on its writes, and nothing changes.
func TestStaffHolidaysPageStaffOnly(t *testing.T) {
	e := newEnv(t)
	off := firstHoliday(t, e, "2026", "春节", false)
	e.leader("lead1")
	for _, b := range []*browser{residentBrowser(t, e, "res1"), leaderBrowser(t, e, "lead1")} {
		if p := b.get("/staff/holidays?year=2026"); p.Status != http.StatusForbidden {
			t.Errorf("GET: %d", p.Status)
		}
		if p := b.post("/staff/holidays", form("date", "2026-12-10", "name", "x", "kind", "off")); p.Status != http.StatusForbidden {
			t.Errorf("add: %d", p.Status)
		}
		if p := b.post("/staff/holidays/"+off+"/remove", nil); p.Status != http.StatusForbidden {
			t.Errorf("remove: %d", p.Status)
		}
	}
	if h := holidaysOf(e, "2026"); h["2026-12-10"] != nil || h[off] == nil {
		t.Fatalf("a refused write changed the calendar")
	}
}
