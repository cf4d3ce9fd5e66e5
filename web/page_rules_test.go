package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// rulesForm is the rules page's form: the four numbers, approval, and
// the quiet windows as start/end pairs.
func rulesForm(maxAdvance, minM, maxM, buffer string, approval bool, windows ...string) url.Values {
	f := form("max_advance_days", maxAdvance, "min_minutes", minM, "max_minutes", maxM, "buffer_minutes", buffer)
	if approval {
		f.Set("requires_approval", "1")
	}
	for i := 0; i+1 < len(windows); i += 2 {
		f.Add("quiet_start", windows[i])
		f.Add("quiet_end", windows[i+1])
	}
	return f
}

// TestStaffRulesPage: staff see the music room's rules filled in (its
// 22:00-07:00 window and a blank row to add one); a bad number and a
// window with one time are the page's own messages next to their fields,
// a window that starts where it ends the service's, each keeping what was
// typed and changing nothing; a good form saves every rule through the
// service (the API shows them) and the page says so.
func TestStaffRulesPage(t *testing.T) {
	e := newDemoEnv(t)
	b := staffBrowser(t, e)
	p := b.get("/staff/rooms/music/rules")
	if p.Status != 200 {
		t.Fatalf("%d", p.Status)
	}
	has(t, "rules page", p, `<h1>器乐室的使用规则</h1>`, `id="f-quiet_start-0" name="quiet_start" type="time" value="22:00"`,
		`id="f-quiet_end-0" name="quiet_end" type="time" value="07:00"`, `id="f-quiet_start-1" name="quiet_start" type="time" value=""`,
		`id="f-max_advance_days" name="max_advance_days" type="number" inputmode="numeric" step="1" value="14"`, "没有已有安排落在安静时段内。")
	has(t, "rooms list", b.get("/staff/rooms"), `href="/staff/rooms/music/rules"`)

	p = b.post("/staff/rooms/music/rules", rulesForm("两周", "30", "240", "0", false, "22:00", "07:00", "23:00", ""))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "max_advance_days") != "请填写整数" ||
		fieldError(p, "quiet_hours") != "每一段都须填写开始和结束时间" {
		t.Fatalf("page's own refusals: %d %q %q", p.Status, fieldError(p, "max_advance_days"), fieldError(p, "quiet_hours"))
	}
	has(t, "typed values kept", p, `value="两周"`, `id="f-quiet_start-1" name="quiet_start" type="time" value="23:00"`)

	p = b.post("/staff/rooms/music/rules", rulesForm("14", "30", "240", "0", false, "22:00", "07:00", "23:00", "23:00"))
	if got := fieldError(p, "quiet_hours"); p.Status != http.StatusUnprocessableEntity || got != "第2段开始与结束相同" {
		t.Fatalf("service's refusal: %d %q", p.Status, got)
	}
	has(t, "typed window kept", p, `id="f-quiet_end-1" name="quiet_end" type="time" value="23:00"`, `aria-invalid="true"`)
	p = b.post("/staff/rooms/music/rules", rulesForm("14", "90", "60", "0", false))
	if got := fieldError(p, "max_minutes"); p.Status != http.StatusUnprocessableEntity || !strings.Contains(got, "不能超过最长时长") {
		t.Fatalf("min over max: %d %q", p.Status, got)
	}
	rules := func() map[string]any {
		return obj(obj(e.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])["rules"])
	}
	if r := rules(); r["max_advance_days"] != 14.0 || r["min_minutes"] != 30.0 || len(arr(r["quiet_hours"])) != 1 {
		t.Fatalf("refusals changed the rules: %v", r)
	}

	f := rulesForm("7", "60", "180", "15", true, "22:00", "07:00", "12:00:00", "13:00:00", "", "")
	p = b.follow(b.post("/staff/rooms/music/rules", f))
	has(t, "saved", p, "规则已保存。", `value="12:00"`)
	r := rules()
	q := arr(r["quiet_hours"])
	if r["max_advance_days"] != 7.0 || r["min_minutes"] != 60.0 || r["max_minutes"] != 180.0 || r["buffer_minutes"] != 15.0 ||
		r["requires_approval"] != true || len(q) != 2 || obj(q[1])["start"] != "12:00" || obj(q[1])["end"] != "13:00" {
		t.Fatalf("saved rules: %v", r)
	}
	f.Add("quiet_remove", "0")
	b.follow(b.post("/staff/rooms/music/rules", f))
	if q := arr(rules()["quiet_hours"]); len(q) != 1 || obj(q[0])["start"] != "12:00" {
		t.Fatalf("after removing the first window: %v", q)
	}
}

// TestStaffRulesPageListsBreaches: after staff move quiet hours over a
// resident's booking, the rules page lists it (kept, by day and time),
// in either language.
func TestStaffRulesPageListsBreaches(t *testing.T) {
	e := newDemoEnv(t)
	res := e.resident("wang")
	e.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 1, 20, 0), at(2026, 12, 1, 21, 0)))
	b := staffBrowser(t, e)
	p := b.follow(b.post("/staff/rooms/music/rules", rulesForm("14", "30", "240", "0", false, "20:30", "07:00")))
	has(t, "breaches", p, "以下1项已有安排落在现在的安静时段内", "读书会 Reading club", "20:00–21:00")
	b.lang = "en"
	has(t, "breaches in English", b.get("/staff/rooms/music/rules"), "These 1 uses already made", "Booking")
}

// TestStaffRulesPageRoles: residents and leaders get the friendly 403,
// anonymous readers the login page, and their posts change nothing.
func TestStaffRulesPageRoles(t *testing.T) {
	e := newDemoEnv(t)
	res := residentBrowser(t, e, "liming")
	if p := res.get("/staff/rooms/music/rules"); p.Status != http.StatusForbidden {
		t.Errorf("resident: %d", p.Status)
	}
	if p := res.post("/staff/rooms/music/rules", rulesForm("14", "30", "240", "0", false)); p.Status != http.StatusForbidden {
		t.Errorf("resident post: %d", p.Status)
	}
	if p := newBrowser(t, e).get("/staff/rooms/music/rules"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login") {
		t.Errorf("anonymous: %d %s", p.Status, p.Location)
	}
	if q := arr(obj(obj(e.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])["rules"])["quiet_hours"]); len(q) != 1 {
		t.Errorf("quiet hours now %v", q)
	}
}

// TestQuietHoursOnRoomPage: a resident's booking in quiet hours is
// refused on the room page with the words next to the field, in the
// page's language; one ending at 22:00 is booked.
func TestQuietHoursOnRoomPage(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	p := b.post("/rooms/music/book", form("date", "2026-12-01", "start", "21:30", "end", "22:30", "title", "练琴", "attendees", "2"))
	if got := fieldMessage(p.Body, "end"); p.Status != http.StatusUnprocessableEntity || got != "器乐室22:00至次日07:00为安静时段，不能使用" {
		t.Fatalf("Chinese page: %d, next to end %q", p.Status, got)
	}
	b.lang = "en"
	p = b.post("/rooms/music/book", form("date", "2026-12-01", "start", "22:00", "end", "23:00", "title", "练琴", "attendees", "2"))
	if got := fieldMessage(p.Body, "start"); p.Status != http.StatusUnprocessableEntity ||
		got != "quiet hours in the Music room are 22:00 to 07:00 (next day); the room cannot be used then" {
		t.Fatalf("English page: %d, next to start %q", p.Status, got)
	}
	if p := b.post("/rooms/music/book", form("date", "2026-12-01", "start", "21:00", "end", "22:00", "title", "练琴", "attendees", "2")); p.Status != http.StatusSeeOther {
		t.Fatalf("ending at 22:00: %d %q", p.Status, fieldMessage(p.Body, "end"))
	}
}

// TestQuietHoursOnClassForm: a leader's new class in the music room's
// quiet hours is refused next to the end time, on "check" (the dry run)
// as on "create", naming its first date, and nothing is written; a class
// ending at 22:00 is created.
func TestQuietHoursOnClassForm(t *testing.T) {
	te := newTeamEnv(t)
	b := leaderBrowser(t, te.env, "dance-lead")
	f := classForm("dance", "music", "夜练", "TU", "21:00", "22:30", "2026-12-01", "")
	f.Set("open", "1")
	for _, action := range []string{"check", "create"} {
		p := b.post("/lead/classes/new", withField(f, "action", action))
		if got := fieldMessage(p.Body, "end"); p.Status != http.StatusUnprocessableEntity ||
			got != "自2026-12-01起每次活动都落在安静时段：器乐室22:00至次日07:00为安静时段，不能使用" {
			t.Fatalf("%s: %d, next to end %q", action, p.Status, got)
		}
	}
	if n := te.count(`SELECT count(*) FROM series`); n != 0 {
		t.Fatalf("refusals wrote %d series", n)
	}
	if p := b.post("/lead/classes/new", withField(withField(f, "end", "22:00"), "action", "create")); p.Status != http.StatusSeeOther {
		t.Fatalf("ending at 22:00: %d %q", p.Status, fieldMessage(p.Body, "end"))
	}
}

// The room page tells a resident the room's rules before they choose a
// time: quiet hours where there are some, approval where it is needed,
// the limits everywhere, in the page's language.
func TestRoomPageListsItsRules(t *testing.T) {
	e := newDemoEnv(t)
	b := newBrowser(t, e)
	music := text(b.get("/rooms/music").Body)
	mustContain(t, "music room", music, "本室规定", "安静时段 22:00–07:00：任何人都不能使用", "最多提前14天预约", "每次30至240分钟",
		"每人每周（周一至周日）最多预约6小时", "请在开始前后15分钟内签到")
	mustLack(t, "music room", music, "须经工作人员审批")
	lecture := text(b.get("/rooms/lecture").Body)
	mustContain(t, "lecture room", lecture, "居民预约须经工作人员审批")
	mustLack(t, "lecture room", lecture, "安静时段")
	b.lang = "en"
	mustContain(t, "English music room", text(b.get("/rooms/music").Body), "Rules of this room", "Quiet hours 22:00–07:00: nobody may use the room then")
}
