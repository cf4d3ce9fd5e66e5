package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// My bookings lists what is coming soonest first and apart from what is
// over or cancelled, each with room, day, time, lunar date, title and
// status, and gives the private feed's address with a way to subscribe.
func TestMyBookingsUpcomingAndPast(t *testing.T) {
	e := newDemoEnv(t)
	tok := e.resident("liming")
	book := func(room string, d, h int, title string) string {
		r := e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": room, "start": at(2026, 11, d, h, 0),
			"end": at(2026, 11, d, h+1, 0), "title": title, "attendees": 2})
		return obj(r.Body["booking"])["id"].(string)
	}
	book("library", 28, 11, "早读")          // over by the time the page is read
	book("music", 30, 14, "练琴")            // later
	book("library", 29, 15, "读书会")         // sooner
	gone := book("lecture", 29, 9, "讲座彩排") // cancelled
	e.must(204, "DELETE", "/api/v1/bookings/"+gone, tok, nil)
	e.clock.Add(2 * time.Hour) // 12:00
	b := newBrowser(t, e)
	b.login("liming", "secret-pass")
	p := b.get("/me/bookings")
	if p.Status != http.StatusOK {
		t.Fatalf("my bookings: %d", p.Status)
	}
	txt := text(p.Body)
	up, past, ok := strings.Cut(txt, "已过去或已取消")
	if !ok {
		t.Fatalf("no past section: %s", txt)
	}
	if i, j := strings.Index(up, "读书会"), strings.Index(up, "练琴"); i < 0 || j < 0 || i > j {
		t.Errorf("upcoming not soonest first: %s", up)
	}
	mustContain(t, "upcoming", up, "11月29日 周日 15:00–16:00 农历十月廿一 功能室 图书室 用途 读书会 人数 2人 已确认 取消预约",
		"11月30日 周一 14:00–15:00", "器乐室")
	mustLack(t, "upcoming", up, "早读", "讲座彩排")
	mustContain(t, "past", past, "早读 人数 2人 未到", "讲座彩排 人数 2人 已取消") // 早读 was never checked in
	mustLack(t, "past", past, "读书会", "取消预约")

	me := e.must(200, "GET", "/api/v1/me", tok, nil)
	mustContain(t, "feed", p.Body, `href="/me/subscribe"`, `value="`+me.Body["feed_url"].(string)+`"`)
	mustContain(t, "feed", txt, "订阅我的日历", "请不要转发给别人")
}

// Cancelling asks first on a page of its own (no script needed), then
// cancels through the service; nobody else can cancel it.
func TestCancelAsksFirst(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	b.post("/rooms/library/book", form("date", "2026-11-29", "start", "14:00", "end", "15:00", "title", "读书会", "attendees", "3"))
	tok := e.login("liming", "secret-pass")
	id := obj(arr(e.must(200, "GET", "/api/v1/bookings", tok, nil).Body["bookings"])[0])["id"].(string)
	if !strings.Contains(b.get("/me/bookings").Body, `href="/me/bookings/`+id+`/cancel"`) {
		t.Fatal("no cancel link")
	}
	p := b.get("/me/bookings/" + id + "/cancel")
	mustContain(t, "confirmation", text(p.Body), "确定取消？", "11月29日 周日 14:00–15:00", "读书会", "确定取消", "不取消，返回")
	mustContain(t, "confirmation", p.Body, `<form method="post" action="/me/bookings/`+id+`/cancel"`)
	if st := obj(e.must(200, "GET", "/api/v1/bookings/"+id, tok, nil).Body["booking"])["status"]; st != "confirmed" {
		t.Fatalf("asking cancelled it: %v", st)
	}
	other := residentBrowser(t, e, "wangfang")
	if p := other.get("/me/bookings/" + id + "/cancel"); p.Status != http.StatusForbidden || !strings.Contains(p.Body, "只能查看自己的预约") {
		t.Fatalf("another's confirmation page: %d", p.Status)
	}
	if p := other.post("/me/bookings/"+id+"/cancel", nil); p.Status != http.StatusForbidden {
		t.Fatalf("another's cancel: %d", p.Status)
	}
	b.site = "cross-site"
	if p := b.post("/me/bookings/"+id+"/cancel", nil); p.Status != http.StatusForbidden {
		t.Fatalf("cross-site cancel: %d", p.Status)
	}
	b.site = "same-origin"
	if st := obj(e.must(200, "GET", "/api/v1/bookings/"+id, tok, nil).Body["booking"])["status"]; st != "confirmed" {
		t.Fatalf("refused cancels cancelled it: %v", st)
	}
	p = b.post("/me/bookings/"+id+"/cancel", nil)
	if p.Status != http.StatusSeeOther || p.Location != "/me/bookings?done=cancelled" {
		t.Fatalf("cancel: %d %q", p.Status, p.Location)
	}
	if st := obj(e.must(200, "GET", "/api/v1/bookings/"+id, tok, nil).Body["booking"])["status"]; st != "cancelled" {
		t.Fatalf("after cancel: %v", st)
	}
	mustContain(t, "after cancel", text(b.get("/me/bookings?done=cancelled").Body), "已取消预约。", "暂时没有预约")
	// The slot is free again for anyone.
	if p := other.post("/rooms/library/book", form("date", "2026-11-29", "start", "14:00", "end", "15:00", "attendees", "3")); p.Status != http.StatusSeeOther {
		t.Fatalf("the freed slot: %d %s", p.Status, fieldMessage(p.Body, "start"))
	}
	if p := b.get("/me/bookings/nope/cancel"); p.Status != http.StatusNotFound {
		t.Fatalf("unknown booking: %d", p.Status)
	}
	// Back to the question after cancelling, or after the booking ended:
	// nothing is asked, the list says why.
	if p := b.get("/me/bookings/" + id + "/cancel"); p.Status != http.StatusSeeOther || p.Location != "/me/bookings?done=nothing_to_cancel" {
		t.Fatalf("a cancelled booking's question: %d %q", p.Status, p.Location)
	}
	other.post("/rooms/library/book", form("date", "2026-11-29", "start", "16:00", "end", "17:00", "title", "下棋", "attendees", "2"))
	otok := e.login("wangfang", "secret-pass")
	ended := obj(arr(e.must(200, "GET", "/api/v1/bookings", otok, nil).Body["bookings"])[0])["id"].(string)
	e.clock.Add(2 * 24 * time.Hour) // past its end, within the session's life
	if p := other.get("/me/bookings/" + ended + "/cancel"); p.Status != http.StatusSeeOther || p.Location != "/me/bookings?done=nothing_to_cancel" {
		t.Fatalf("an ended booking's question: %d %q", p.Status, p.Location)
	}
	mustContain(t, "nothing to cancel", text(other.get("/me/bookings?done=nothing_to_cancel").Body), "不用再取消")
}

// A booking that has begun has no cancel button in my bookings, and the
// API refuses to cancel it (409), so its hours stay used.
func TestMineNoCancelOnceBegun(t *testing.T) {
	e := newDemoEnv(t) // 28 November 2026, 10:00
	tok := e.resident("liming")
	r := e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "library", "start": at(2026, 11, 28, 11, 0),
		"end": at(2026, 11, 28, 12, 0), "title": "读书会", "attendees": 2})
	id := obj(r.Body["booking"])["id"].(string)
	b := newBrowser(t, e)
	b.login("liming", "secret-pass")
	mustContain(t, "before it begins", b.get("/me/bookings").Body, `/me/bookings/`+id+`/cancel`)
	e.clock.Add(65 * time.Minute) // 11:05
	mustLack(t, "once begun", b.get("/me/bookings").Body, `/me/bookings/`+id+`/cancel`)
	e.must(409, "DELETE", "/api/v1/bookings/"+id, tok, nil)
}
