package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// The week grid shows the room's classes by team and title, today
// marked, the lunar date under each day, links to the weeks around it,
// and others' bookings only as "已预约".
func TestRoomWeekShowsClassesAndBookings(t *testing.T) {
	e := newDemoEnv(t)
	tok := e.resident("liming")
	e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "activity", "start": at(2026, 11, 29, 14, 0),
		"end": at(2026, 11, 29, 16, 0), "title": "生日会", "attendees": 12})
	e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "activity", "start": at(2026, 11, 29, 22, 0),
		"end": at(2026, 11, 29, 23, 30), "title": "守岁", "attendees": 2})
	other := residentBrowser(t, e, "wangfang")
	p := other.get("/rooms/activity")
	if p.Status != http.StatusOK {
		t.Fatalf("room page: %d", p.Status)
	}
	txt := text(p.Body)
	mustContain(t, "this week", txt, "文体活动室 Activity room", "可容纳40人", "11月23日 周一 至 11月29日 周日",
		"太极队 太极晨练 06:30–07:30", "11月29日 周日 农历十月廿一", "已预约 14:00–16:00", "已预约 （续）", "今天")
	mustContain(t, "this week", p.Body, `aria-current="date">11月28日 周六`, `href="?week=2026-11-16#week"`, `href="?week=2026-11-30#week"`,
		`href="/rooms/activity/subscribe"`, `href="/rooms/activity/poster"`,
		// The free hour after tai chi on Sunday, an hour long; and today's next free quarter.
		`href="/rooms/activity?day=2026-11-29&amp;end=08%3A30&amp;start=2026-11-29T07%3A30#book"`,
		`start=2026-11-28T10%3A00#book`,
		// The rows run to midnight for the late booking; its last free half hour ends there, not the next day.
		`<th scope="row" class="hour">23:00</th>`, `?day=2026-11-29&amp;end=00%3A00&amp;start=2026-11-29T23%3A30#book`)
	mustLack(t, "another resident's view", txt, "生日会")
	mustLack(t, "this week", p.Body, "start=2026-11-28T09%3A00") // past

	own := newBrowser(t, e)
	own.login("liming", "secret-pass")
	mustContain(t, "the booker's view", text(own.get("/rooms/activity").Body), "我的预约：生日会 14:00–16:00")

	next := text(other.get("/rooms/activity?week=2026-12-02").Body)
	mustContain(t, "next week", next, "11月30日 周一 至 12月6日 周日", "明珠合唱队 合唱排练 09:00–11:00", "舞蹈队 舞蹈练习 19:00–21:00", "回到本周")
	mustLack(t, "next week", next, "今天")

	if p := other.get("/rooms/nope"); p.Status != http.StatusNotFound || !strings.Contains(p.Body, "功能室不存在") {
		t.Fatalf("unknown room: %d %.300s", p.Status, p.Body)
	}
}

// ?day= picks the day a phone shows (its column has "sel"; the buttons
// are links, so no script is needed), and a tapped free slot fills in the
// form; a reader who is not logged in is asked to log in and led back.
func TestRoomDayLinksAndPrefilledForm(t *testing.T) {
	e := newDemoEnv(t)
	anon := newBrowser(t, e)
	p := anon.get("/rooms/music?day=2026-12-03&start=2026-12-03T14:00&end=15:30")
	mustContain(t, "anonymous room page", p.Body, `class="day d3 sel"`, `href="?day=2026-12-03#week" data-day="3" aria-current="true"`,
		`href="/login?next=%2frooms%2fmusic%3fday%3d2026-12-03%23book"`)
	mustLack(t, "anonymous room page", p.Body, `action="/rooms/music/book"`)
	mustContain(t, "anonymous room page", text(p.Body), "预约前请先登录")

	b := residentBrowser(t, e, "liming")
	p = b.get("/rooms/music?day=2026-12-03&start=2026-12-03T14:00&end=15:30")
	for _, want := range []string{`name="date" type="date" value="2026-12-03"`, `name="start" type="time" value="14:00"`,
		`name="end" type="time" value="15:30"`, `name="attendees" type="number"`, `max="15"`, `data-check="/rooms/music/check"`} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("form lacks %s", want)
		}
	}
	// A slot without an end is an hour long.
	mustContain(t, "slot", b.get("/rooms/music?start=2026-12-03T20:00").Body, `name="end" type="time" value="21:00"`)
}

// A booking made through the page is the service's: it is in the API's
// list, the reader lands on their bookings with a notice, and it shows
// on the room's week.
func TestRoomBookingThroughThePage(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	p := b.post("/rooms/library/book", form("date", "2026-11-29", "start", "14:00", "end", "15:30", "title", "读书会", "attendees", "6"))
	if p.Status != http.StatusSeeOther || p.Location != "/me/bookings?done=booked" {
		t.Fatalf("booking: %d %q %s", p.Status, p.Location, fieldMessage(p.Body, "start"))
	}
	r := e.must(200, "GET", "/api/v1/bookings", e.login("liming", "secret-pass"), nil)
	list := arr(r.Body["bookings"])
	if len(list) != 1 || obj(list[0])["start"] != at(2026, 11, 29, 14, 0) || obj(list[0])["end"] != at(2026, 11, 29, 15, 30) ||
		obj(list[0])["title"] != "读书会" || obj(list[0])["attendees"] != 6.0 {
		t.Fatalf("bookings: %s", r.Raw)
	}
	mine := b.get("/me/bookings?done=booked")
	mustContain(t, "my bookings", text(mine.Body), "预约成功！", "读书会", "图书室", "11月29日 周日", "14:00–15:30")
	mustContain(t, "room week", text(b.get("/rooms/library").Body), "我的预约：读书会 14:00–15:30")
	// Midnight as the end is the end of the day.
	p = b.post("/rooms/library/book", form("date", "2026-11-29", "start", "22:00", "end", "00:00", "attendees", "1"))
	if p.Status != http.StatusSeeOther {
		t.Fatalf("booking until midnight: %d %s", p.Status, fieldMessage(p.Body, "end"))
	}
	if r := e.must(200, "GET", "/api/v1/bookings", e.login("liming", "secret-pass"), nil); obj(arr(r.Body["bookings"])[0])["end"] != at(2026, 11, 30, 0, 0) {
		t.Fatalf("until midnight: %s", r.Raw)
	}
	// Not logged in: to the login page, nothing booked.
	anon := newBrowser(t, e)
	if p := anon.post("/rooms/library/book", form("date", "2026-11-29", "start", "16:00", "end", "17:00", "attendees", "1")); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login") {
		t.Fatalf("anonymous booking: %d %q", p.Status, p.Location)
	}
	if n := e.count("SELECT count(*) FROM bookings"); n != 2 {
		t.Fatalf("%d bookings", n)
	}
}

// Every refusal stands next to its field in words, in the page's
// language, keeps what was typed, and books nothing.
func TestRoomBookingRefusals(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	cases := []struct {
		name, room     string
		f              []string
		status         int
		field, message string
	}{
		{"tai chi", "activity", []string{"date", "2026-11-29", "start", "07:00", "end", "08:00", "title", "跳绳", "attendees", "3"},
			409, "start", "该时段已被占用：课程「太极晨练」，11月29日 周日 06:30–07:30"},
		{"past", "library", []string{"date", "2026-11-28", "start", "08:00", "end", "09:00", "title", "跳绳", "attendees", "3"},
			422, "start", "不能预约已过去的时间"},
		{"too many", "library", []string{"date", "2026-11-29", "start", "08:00", "end", "09:00", "title", "跳绳", "attendees", "21"},
			422, "attendees", "人数超过图书室的容量（20人）"},
		{"not a number", "library", []string{"date", "2026-11-29", "start", "08:00", "end", "09:00", "title", "跳绳", "attendees", "三"},
			422, "attendees", "请用数字填写人数"},
		{"no date", "library", []string{"date", "", "start", "08:00", "end", "09:00", "title", "跳绳", "attendees", "3"},
			422, "date", "请选择日期"},
		{"bad date", "library", []string{"date", "2026-13-45", "start", "08:00", "end", "09:00", "title", "跳绳", "attendees", "3"},
			422, "date", "请选择日期"},
		{"no end", "library", []string{"date", "2026-11-29", "start", "08:00", "end", "", "title", "跳绳", "attendees", "3"},
			422, "end", "请选择结束时间"},
		{"end first", "library", []string{"date", "2026-11-29", "start", "09:00", "end", "08:00", "title", "跳绳", "attendees", "3"},
			422, "end", "结束时间须晚于开始时间"},
		// The field is labelled 用途, so the message must say so.
		{"long title", "library", []string{"date", "2026-11-29", "start", "08:00", "end", "09:00", "title", strings.Repeat("跳", 101), "attendees", "3"},
			422, "title", "用途（标题）不能超过100个字符"},
	}
	for _, c := range cases {
		p := b.post("/rooms/"+c.room+"/book", form(c.f...))
		if p.Status != c.status || fieldMessage(p.Body, c.field) != c.message {
			t.Errorf("%s: %d, next to %s: %q; want %d %q", c.name, p.Status, c.field, fieldMessage(p.Body, c.field), c.status, c.message)
		}
		mustContain(t, c.name, p.Body, `value="`+c.f[7]+`"`, `value="`+c.f[1]+`"`, `aria-invalid="true"`)
		if strings.Contains(text(p.Body), "already") || strings.Contains(p.Body, "past") && strings.Contains(text(p.Body), "cannot book") {
			t.Errorf("%s: the Chinese page shows English", c.name)
		}
	}
	if n := e.count("SELECT count(*) FROM bookings"); n != 0 {
		t.Fatalf("refusals booked %d", n)
	}
	// Someone else's booking is named only as such; in English too.
	b.post("/rooms/library/book", form("date", "2026-11-29", "start", "14:00", "end", "15:00", "title", "读书会", "attendees", "3"))
	b2 := residentBrowser(t, e, "wangfang")
	p := b2.post("/rooms/library/book", form("date", "2026-11-29", "start", "14:30", "end", "15:30", "attendees", "3"))
	if got := fieldMessage(p.Body, "start"); p.Status != 409 || got != "该时段已被占用：他人的预约，11月29日 周日 14:00–15:00" {
		t.Fatalf("clash with a booking: %d %q", p.Status, got)
	}
	b2.lang = "en"
	p = b2.post("/rooms/activity/book", form("date", "2026-11-29", "start", "07:00", "end", "08:00", "attendees", "3"))
	if got := fieldMessage(p.Body, "start"); got != "That time is already taken: the class “Morning tai chi”, Sun 29 Nov 06:30–07:30" {
		t.Fatalf("English clash: %q", got)
	}
}

// The live check answers in the page's language with the same words as
// the form, next to the same field, and books nothing.
func TestRoomLiveCheck(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	check := func(query string) (ans struct {
		OK             bool
		Field, Message string
	}) {
		t.Helper()
		p := b.get("/rooms/activity/check?" + query)
		if p.Status != 200 || !strings.HasPrefix(p.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("check %s: %d %s", query, p.Status, p.Header.Get("Content-Type"))
		}
		if err := json.Unmarshal([]byte(p.Body), &ans); err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if a := check("date=2026-11-29&start=07:00&end=08:00"); a.OK || a.Field != "start" || a.Message != "该时段已被占用：课程「太极晨练」，11月29日 周日 06:30–07:30" {
		t.Errorf("clash: %+v", a)
	}
	if a := check("date=2026-11-29&start=08:00&end=09:00"); !a.OK || a.Message != "这个时段空闲，可以预约" {
		t.Errorf("free: %+v", a)
	}
	if a := check("date=2026-11-29&start=08:00&end=09:00&attendees=41"); a.OK || a.Field != "attendees" || !strings.Contains(a.Message, "40人") {
		t.Errorf("too many: %+v", a)
	}
	if a := check("date=2026-11-28&start=08:00&end=09:00"); a.OK || a.Field != "start" || a.Message != "不能预约已过去的时间" {
		t.Errorf("past: %+v", a)
	}
	if a := check("date=someday&start=08:00&end=09:00"); a.OK || a.Field != "date" {
		t.Errorf("bad date: %+v", a)
	}
	b.lang = "en"
	if a := check("date=2026-11-29&start=07:00&end=08:00"); a.Message != "That time is already taken: the class “Morning tai chi”, Sun 29 Nov 06:30–07:30" {
		t.Errorf("English clash: %+v", a)
	}
	if n := e.count("SELECT count(*) FROM bookings"); n != 0 {
		t.Fatalf("checks booked %d", n)
	}
}

// In a zone with daylight saving the page reads the form's wall-clock
// times in the site zone: a time the clocks skip is refused next to its
// field, a time that comes twice is refused by the service, and a night
// booking across the change shows in its rows, the skipped hour marked.
// (In the activity room: the music room is quiet at night.)
func TestRoomPageInDaylightSavingZone(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	spring := tzprobe.ForwardIn(t, berlin, 2027)
	fall := tzprobe.BackwardIn(t, berlin, 2027)
	sday, fday := spring.At.In(berlin).Format("2006-01-02"), fall.At.In(berlin).Format("2006-01-02")
	e := newEnvAt(t, spring.At.Add(-10*24*time.Hour).In(berlin))
	b := residentBrowser(t, e, "liming")
	if p := b.post("/rooms/activity/book", form("date", sday, "start", "02:30", "end", "04:00", "attendees", "2")); p.Status != 422 ||
		fieldMessage(p.Body, "start") != "这一天因夏令时没有这个钟点，请换一个时间" {
		t.Fatalf("skipped time: %d %q", p.Status, fieldMessage(p.Body, "start"))
	}
	if p := b.post("/rooms/activity/book", form("date", fday, "start", "02:30", "end", "04:00", "attendees", "2")); p.Status != 422 ||
		!strings.Contains(fieldMessage(p.Body, "start"), "出现两次") {
		t.Fatalf("repeated time: %d %q", p.Status, fieldMessage(p.Body, "start"))
	}
	if p := b.post("/rooms/activity/book", form("date", sday, "start", "01:00", "end", "04:00", "title", "夜间练习", "attendees", "2")); p.Status != http.StatusSeeOther {
		t.Fatalf("night booking: %d %q", p.Status, fieldMessage(p.Body, "start"))
	}
	r := e.must(200, "GET", "/api/v1/bookings", e.login("liming", "secret-pass"), nil)
	bk := obj(arr(r.Body["bookings"])[0])
	if start, end := bk["start"].(string), bk["end"].(string); !strings.HasSuffix(start, "T01:00:00+01:00") || !strings.HasSuffix(end, "T04:00:00+02:00") {
		t.Fatalf("stored %s – %s", start, end)
	}
	p := b.get("/rooms/activity?day=" + sday)
	if n := strings.Count(p.Body, "无此钟点"); n != 1 {
		t.Fatalf("%d skipped hours marked in the week", n)
	}
	mustContain(t, "the week of the change", text(p.Body), "我的预约：夜间练习 01:00–04:00")
}

// The week's rows are written in Go (gridRows): what a person typed is
// escaped there as the templates would.
func TestRoomWeekEscapesWhatWasTyped(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	title := `<script>alert("x")</script>`
	if p := b.post("/rooms/library/book", form("date", "2026-11-29", "start", "14:00", "end", "15:00", "title", title, "attendees", "1")); p.Status != http.StatusSeeOther {
		t.Fatalf("booking: %d", p.Status)
	}
	p := b.get("/rooms/library?day=2026-11-29")
	if strings.Contains(p.Body, title) || !strings.Contains(p.Body, "我的预约：&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Fatalf("the title is not escaped in the grid: %d %v", p.Status, strings.Contains(p.Body, title))
	}
}

// A class in the week grid leads to its own page (its dates, its team).
func TestRoomGridLinksClasses(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", "2026-12-01T14:00:00+08:00", "2026-12-01T15:00:00+08:00", "FREQ=WEEKLY"))
	id := obj(r.Body["series"])["id"].(string)
	b := newBrowser(t, te.env)
	p := b.get("/rooms/music?week=2026-11-30")
	if !strings.Contains(p.Body, `<a class="occ-link" href="/classes/`+id+`">`) {
		t.Fatalf("the grid does not link the class %s", id)
	}
	if c := b.get("/classes/" + id); c.Status != 200 {
		t.Fatalf("the class page: %d", c.Status)
	}
}
