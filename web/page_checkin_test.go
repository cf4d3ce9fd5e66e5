package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// The room page shows its owner a 签到 button in the check-in window (not
// before it, not to others); the POST checks in and leads back with a
// notice; then the box says 已签到 with the time, and so does my
// bookings. A refusal (a second try for another's booking id, or too
// late) is shown in the box. The door poster's code leads to this page.
func TestRoomPageCheckIn(t *testing.T) {
	e := newEnv(t) // 10:00
	b := residentBrowser(t, e, "liming")
	tok := e.login("liming", "secret-pass")
	r := e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("library", at(2026, 11, 28, 10, 30), at(2026, 11, 28, 11, 30)))
	id := obj(r.Body["booking"])["id"].(string)
	if p := b.get("/rooms/library"); strings.Contains(p.Body, `action="/rooms/library/check-in"`) {
		t.Errorf("check-in button 30 minutes early")
	}
	e.clock.Add(15 * time.Minute) // 10:15, the window opens
	p := b.get("/rooms/library")
	mustContain(t, "room page", p.Body, `action="/rooms/library/check-in"`, `name="booking" value="`+id+`"`, "开始前后15分钟内签到")
	other := residentBrowser(t, e, "wangfang")
	if p := other.get("/rooms/library"); strings.Contains(p.Body, `action="/rooms/library/check-in"`) {
		t.Errorf("another resident sees the check-in button")
	}
	if p := other.post("/rooms/library/check-in", form("booking", id)); p.Status != http.StatusForbidden {
		t.Errorf("another's check-in: %d", p.Status)
	}
	done := b.post("/rooms/library/check-in", form("booking", id))
	if done.Status != http.StatusSeeOther || done.Location != "/rooms/library?done=checked_in#checkin" {
		t.Fatalf("check-in: %d %s", done.Status, done.Location)
	}
	p = b.get(done.Location)
	mustContain(t, "after", text(p.Body), "签到成功", "10:15 已签到")
	mustLack(t, "after", p.Body, `action="/rooms/library/check-in"`)
	if got := obj(e.must(200, "GET", "/api/v1/bookings/"+id, tok, nil).Body["booking"]); got["checked_in_at"] == nil {
		t.Errorf("the page's check-in did not reach the service: %v", got)
	}
	mustContain(t, "my bookings", text(b.get("/me/bookings").Body), "10:15 已签到")

	late := obj(e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("music", at(2026, 11, 28, 10, 20), at(2026, 11, 28, 11, 0))).Body["booking"])["id"].(string)
	e.clock.Add(20 * time.Minute) // 10:35, music's deadline passed
	p = b.post("/rooms/music/check-in", form("booking", late))
	if p.Status != http.StatusConflict {
		t.Fatalf("late check-in: %d", p.Status)
	}
	mustContain(t, "late", p.Body, `id="checkin-error"`, "已记为未到")
	mustContain(t, "my bookings", text(b.get("/me/bookings").Body), "未到（未签到，时段已释放）")

	en := b
	en.lang = "en"
	mustContain(t, "english", text(en.get("/me/bookings").Body), "no-show (not checked in; the time was released)", "checked in at 10:15")
	mustContain(t, "poster", b.get("/rooms/library/poster").Body, e.srv.URL+"/rooms/library")
}

// Staff's desk leads to today's check-in list: every room's bookings of
// the day with their state in words (to come / checked in at / no-show)
// and a button where staff may check in; the POST checks in through the
// service and leads back. Residents get 403.
func TestStaffCheckInList(t *testing.T) {
	e := newEnv(t) // 10:00
	tok := e.resident("liming")
	e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "library", "start": at(2026, 11, 28, 10, 5), "end": at(2026, 11, 28, 11, 0), "title": "早读", "attendees": 1})
	soon := obj(e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "music", "start": at(2026, 11, 28, 10, 40), "end": at(2026, 11, 28, 11, 40), "title": "练琴", "attendees": 1}).Body["booking"])["id"].(string)
	e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "library", "start": at(2026, 11, 28, 15, 0), "end": at(2026, 11, 28, 16, 0), "title": "读书会", "attendees": 1})
	e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "library", "start": at(2026, 11, 29, 15, 0), "end": at(2026, 11, 29, 16, 0), "title": "明天", "attendees": 1})
	e.clock.Add(30 * time.Minute) // 10:30: 早读 is a no-show, 练琴 in staff's window
	st := staffBrowser(t, e)
	mustContain(t, "desk", st.get("/staff").Body, `href="/staff/checkin"`, "今日签到")
	p := st.get("/staff/checkin")
	txt := text(p.Body)
	mustContain(t, "list", txt, "今日签到", "10:05–11:00 图书室 居民 liming · 早读 未到", "10:40–11:40 器乐室 居民 liming · 练琴 待签到 签到", "15:00–16:00 图书室 居民 liming · 读书会 待签到")
	mustLack(t, "list", txt, "明天")
	mustContain(t, "list", p.Body, `action="/staff/checkin/`+soon+`"`)
	if strings.Count(p.Body, `action="/staff/checkin/`) != 1 {
		t.Errorf("check-in buttons only where staff may check in now: %d", strings.Count(p.Body, `action="/staff/checkin/`))
	}
	done := st.post("/staff/checkin/"+soon, form("day", "2026-11-28"))
	if done.Status != http.StatusSeeOther || !strings.Contains(done.Location, "done=checked_in") {
		t.Fatalf("staff check-in: %d %s", done.Status, done.Location)
	}
	mustContain(t, "after", text(st.get(done.Location).Body), "练琴 10:30 已签到")
	if got := obj(e.must(200, "GET", "/api/v1/bookings/"+soon, tok, nil).Body["booking"]); got["checked_in_at"] == nil {
		t.Errorf("not checked in through the service: %v", got)
	}
	mustContain(t, "tomorrow", text(st.get("/staff/checkin?day=2026-11-29").Body), "明天 待签到")
	res := residentBrowser(t, e, "wangfang")
	if p := res.get("/staff/checkin"); p.Status != http.StatusForbidden {
		t.Errorf("resident: %d", p.Status)
	}
}
