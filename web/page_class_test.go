package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mingzhu/calendar"
)

// choirClass creates the choir's Tuesday evening class in the music room
// (from 1 Dec 2026, open-ended) and returns its id.
func choirClass(t *testing.T, te *teamEnv) string {
	t.Helper()
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 1, 19, 0), at(2026, 12, 1, 20, 0), "FREQ=WEEKLY;BYDAY=TU"))
	return obj(r.Body["series"])["id"].(string)
}

// choirDates are the start times the API lists for the choir from 1 to
// 22 Dec.
func choirDates(t *testing.T, te *teamEnv) []string {
	t.Helper()
	r := te.must(200, "GET", "/api/v1/occurrences?team=choir&from=2026-12-01T00:00:00%2B08:00&to=2026-12-23T00:00:00%2B08:00", "", nil)
	var out []string
	for _, o := range arr(r.Body["occurrences"]) {
		out = append(out, obj(o)["start"].(string))
	}
	return out
}

func TestClassPageShowsTheClassAndItsDates(t *testing.T) {
	te := newTeamEnv(t)
	id := choirClass(t, te)
	p := newBrowser(t, te.env).get("/classes/" + id)
	if p.Status != http.StatusOK {
		t.Fatalf("class page: %d", p.Status)
	}
	first := time.Date(2026, 12, 1, 19, 0, 0, 0, shanghai)
	for _, want := range []string{"choir class", `href="/teams/choir"`, "明珠合唱队", `href="/rooms/music"`, "器乐室", "每周二 19:00–20:00",
		"2026年12月1日 – 长期", "<strong>12月1日 周二</strong>", calendar.LunarDate(first), "19:00–20:00",
		"<strong>2月16日 周二</strong>"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("class page lacks %q", want)
		}
	}
	if n := strings.Count(p.Body, `class="card class-date`); n != 12 {
		t.Errorf("%d dates listed, want the next 12", n)
	}
	if strings.Contains(p.Body, "2月23日") {
		t.Error("a 13th date is listed")
	}
	if strings.Contains(p.Body, "/cancel") || strings.Contains(p.Body, "/move") {
		t.Error("an anonymous reader gets the edit controls")
	}
	if p = leaderBrowser(t, te.env, "dance-lead").get("/classes/" + id); strings.Contains(p.Body, "/cancel") {
		t.Error("another team's leader gets the edit controls")
	}
	p = leaderBrowser(t, te.env, "choir-lead").get("/classes/" + id)
	for _, want := range []string{`action="/classes/` + id + `/cancel"`, `action="/classes/` + id + `/move"`, "取消这一次", "改期",
		`data-confirm="确定取消12月1日 周二 19:00–20:00这一次课吗？"`, `id="f-date-0"`, `id="f-start-11"`, `value="2026-12-01T19:00:00&#43;08:00"`} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the choir leader's class page lacks %q", want)
		}
	}
	b := newBrowser(t, te.env)
	b.lang = "en"
	if p = b.get("/classes/" + id); !strings.Contains(p.Body, "Every Tue 19:00–20:00") || !strings.Contains(p.Body, "Tue 1 Dec") ||
		!strings.Contains(p.Body, "Mingzhu Choir") || !strings.Contains(p.Body, "Music room") || strings.Contains(p.Body, "每周") {
		t.Errorf("English class page: %s", p.Body)
	}
	if p = newBrowser(t, te.env).get("/classes/nope"); p.Status != http.StatusNotFound || !strings.Contains(p.Body, "找不到") {
		t.Errorf("unknown class: %d", p.Status)
	}
}

// Cancelling a date asks first (a page of its own without script), then
// the date is gone from /api/v1/occurrences and marked on the page.
func TestClassCancelOneDate(t *testing.T) {
	te := newTeamEnv(t)
	id := choirClass(t, te)
	occ := at(2026, 12, 8, 19, 0)
	b := leaderBrowser(t, te.env, "choir-lead")

	p := b.post("/classes/"+id+"/cancel", form("occurrence", occ, "confirm", ""))
	if p.Status != http.StatusOK || !strings.Contains(p.Body, "确定取消下面这一次课吗") || !strings.Contains(p.Body, "12月8日 周二") ||
		!strings.Contains(p.Body, `name="confirm" value="yes"`) {
		t.Fatalf("confirmation page: %d %s", p.Status, p.Body)
	}
	if got := choirDates(t, te); len(got) != 4 {
		t.Fatalf("asking cancelled already: %v", got)
	}

	// Another team's leader, or a resident, cannot.
	te.resident("res1")
	for _, who := range []string{"dance-lead", "res1"} {
		p = leaderBrowser(t, te.env, who).post("/classes/"+id+"/cancel", form("occurrence", occ, "confirm", "yes"))
		if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "没有权限") {
			t.Fatalf("%s cancels: %d", who, p.Status)
		}
	}
	if got := choirDates(t, te); len(got) != 4 {
		t.Fatalf("a refused cancel took effect: %v", got)
	}

	p = b.post("/classes/"+id+"/cancel", form("occurrence", occ, "confirm", "yes"))
	if p.Status != http.StatusSeeOther || p.Location != "/classes/"+id+"?done=class_date_cancelled" {
		t.Fatalf("cancel: %d %q %s", p.Status, p.Location, p.Body)
	}
	if got := choirDates(t, te); strings.Join(got, " ") != at(2026, 12, 1, 19, 0)+" "+at(2026, 12, 15, 19, 0)+" "+at(2026, 12, 22, 19, 0) {
		t.Fatalf("occurrences after cancelling 8 Dec: %v", got)
	}
	p = b.get(p.Location)
	if !strings.Contains(p.Body, "这一次课已取消") || !regexp.MustCompile(`12月8日 周二</strong>[^<]*<span class="lunar">[^<]*</span> <span class="span">19:00–20:00</span>\s*<span class="lead-tag bad">已取消</span>`).MatchString(p.Body) {
		t.Fatalf("class page after cancelling: %s", p.Body)
	}
	if strings.Contains(p.Body, `value="`+strings.Replace(occ, "+", "&#43;", 1)+`"`) {
		t.Error("a cancelled date still has its controls")
	}

	// A date that has begun cannot be cancelled: the message is on the page.
	te.clock.Add(3*24*time.Hour + 9*time.Hour + 30*time.Minute) // 1 Dec 19:30
	p = b.post("/classes/"+id+"/cancel", form("occurrence", at(2026, 12, 1, 19, 0), "confirm", "yes"))
	if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, "该次活动已开始，不能更改") {
		t.Fatalf("cancelling a begun date: %d %s", p.Status, p.Body)
	}
}

// Moving a date: refusals stand next to the move form's fields with what
// was typed; a move shows in /api/v1/occurrences and on the page.
func TestClassMoveOneDate(t *testing.T) {
	te := newTeamEnv(t)
	id := choirClass(t, te)
	res := te.resident("res1")
	te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 9, 19, 0), at(2026, 12, 9, 20, 0)))
	occ := at(2026, 12, 8, 19, 0)
	b := leaderBrowser(t, te.env, "choir-lead")
	move := func(date, start, end string) page {
		return b.post("/classes/"+id+"/move", form("occurrence", occ, "date", date, "start", start, "end", end))
	}

	// 8 Dec is the second date listed: its fields are numbered 1.
	p := move("2026-12-09", "20:00", "19:30")
	if p.Status != http.StatusUnprocessableEntity || leadFieldError(p.Body, "f-end-1") != "结束时间须晚于开始时间" ||
		!strings.Contains(p.Body, `id="f-start-1" name="start" type="time" value="20:00"`) || !strings.Contains(p.Body, `id="f-date-1" name="date" type="date" value="2026-12-09"`) ||
		!regexp.MustCompile(`<details class="class-move" open>`).MatchString(p.Body) {
		t.Fatalf("end before start: %d %q %s", p.Status, leadFieldError(p.Body, "f-end-1"), p.Body)
	}
	if leadFieldError(p.Body, "f-end-0") != "" || strings.Count(p.Body, "<details class=\"class-move\" open>") != 1 {
		t.Error("the message shows at another date too")
	}
	p = move("2026-12-32", "19:00", "20:00")
	if p.Status != http.StatusUnprocessableEntity || leadFieldError(p.Body, "f-date-1") != "请填写日期" || !strings.Contains(p.Body, `value="2026-12-32"`) {
		t.Fatalf("bad date: %d %q", p.Status, leadFieldError(p.Body, "f-date-1"))
	}
	p = move("2026-12-09", "19:00", "20:00")
	if msg := leadFieldError(p.Body, "f-start-1"); p.Status != http.StatusConflict || !strings.Contains(msg, "该时段已被占用") || !strings.Contains(msg, "已预约") || strings.Contains(p.Body, "读书会") {
		t.Fatalf("move onto a booking: %d %q", p.Status, msg)
	}
	b.lang = "en"
	if p = move("2026-12-09", "19:00", "20:00"); !strings.Contains(leadFieldError(p.Body, "f-start-1"), "the room is already taken at that time: Booked") {
		t.Fatalf("English refusal: %q", leadFieldError(p.Body, "f-start-1"))
	}
	b.lang = ""
	if p = leaderBrowser(t, te.env, "dance-lead").post("/classes/"+id+"/move", form("occurrence", occ, "date", "2026-12-10", "start", "19:00", "end", "20:00")); p.Status != http.StatusForbidden {
		t.Fatalf("another team's leader moves: %d", p.Status)
	}

	p = move("2026-12-10", "18:30", "19:30")
	if p.Status != http.StatusSeeOther || p.Location != "/classes/"+id+"?done=class_date_moved" {
		t.Fatalf("move: %d %q %s", p.Status, p.Location, p.Body)
	}
	if got := strings.Join(choirDates(t, te), " "); got != at(2026, 12, 1, 19, 0)+" "+at(2026, 12, 10, 18, 30)+" "+at(2026, 12, 15, 19, 0)+" "+at(2026, 12, 22, 19, 0) {
		t.Fatalf("occurrences after the move: %s", got)
	}
	p = b.get(p.Location)
	if !strings.Contains(p.Body, "这一次课已改期") || !regexp.MustCompile(`12月10日 周四</strong>[^<]*<span class="lunar">[^<]*</span> <span class="span">18:30–19:30</span>\s*<span class="lead-tag">已改期（原定12月8日 周二 19:00）</span>`).MatchString(p.Body) {
		t.Fatalf("class page after the move: %s", p.Body)
	}
}
