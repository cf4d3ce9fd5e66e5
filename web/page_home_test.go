package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The front page shows every room with its live status at the service's
// clock, capacity and equipment, today's classes, and to a reader who is
// not logged in a call to log in or register.
func TestHomeShowsRoomsLiveStatusAndTodaysClasses(t *testing.T) {
	e := newDemoEnv(t)
	b := newBrowser(t, e)
	p := b.get("/")
	if p.Status != http.StatusOK {
		t.Fatalf("GET /: %d", p.Status)
	}
	txt := text(p.Body)
	mustContain(t, "home", txt, "文体活动室", "图书室", "书法室", "器乐室", "社区理论宣讲室", "可容纳40人", "落地镜",
		"使用中，到 10:30",      // calligraphy: the painting class until 10:30
		"使用中，到 11:30",      // music: drum kit until 11:30
		"下一场：太极队 明天 06:30", // activity: nothing more today
		"今明两天暂无安排", "11月28日 周六", "农历",
		"06:30–07:30 太极队 太极晨练 文体活动室 已结束", "09:00–10:30 周末课堂·国画 少儿国画 书法室 进行中",
		"14:00–15:30 周末课堂·硬笔书法 少儿硬笔书法 书法室", "登录后即可免费预约功能室")
	mustContain(t, "home", p.Body, `href="/rooms/calligraphy"`, `href="/login?next=%2F"`, `href="/register?next=%2F"`, "<svg")
	mustLack(t, "the Chinese home page", txt, "wall mirrors", "Busy", "Morning tai chi")

	b.lang = "en"
	en := text(b.get("/").Body)
	mustContain(t, "English home", en, "Busy until 10:30", "Next: Tai Chi Team tomorrow 06:30", "Free now",
		"Up to 40 people", "wall mirrors", "Morning tai chi", "Log in to book a room")
	mustLack(t, "English home", en, "落地镜", "使用中", "下一场", "、", "：")
}

// The anonymous front page comes from a cache, yet follows every change
// of the data and of the clock: a booking made shows at once, and its
// hour turns the room busy.
func TestHomeCacheFollowsDataAndClock(t *testing.T) {
	e := newDemoEnv(t)
	anon := newBrowser(t, e)
	if txt := text(anon.get("/").Body); !strings.Contains(txt, "图书室 Library 空闲 今明两天暂无安排") {
		t.Fatalf("library before: %s", txt)
	}
	tok := e.resident("liming")
	e.must(201, "POST", "/api/v1/bookings", tok, map[string]any{"room": "library", "start": at(2026, 11, 28, 14, 0),
		"end": at(2026, 11, 28, 15, 0), "title": "读书会", "attendees": 5})
	if txt := text(anon.get("/").Body); !strings.Contains(txt, "图书室 Library 空闲 下一场：已预约 14:00") || strings.Contains(txt, "读书会") {
		t.Fatalf("library after a booking: %s", txt)
	}
	// A staff edit of the room shows at once too.
	e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"name": "阅览室", "capacity": 25})
	if txt := text(anon.get("/").Body); !strings.Contains(txt, "阅览室 Library 空闲 下一场：已预约 14:00 可容纳25人") {
		t.Fatalf("library after a staff edit: %s", txt)
	}
	e.clock.Add(4*time.Hour + 5*time.Minute) // 14:05
	if txt := text(anon.get("/").Body); !strings.Contains(txt, "阅览室 Library 使用中，到 15:00") {
		t.Fatalf("library at 14:05: %s", txt)
	}
	// The booker sees their own title; it never reaches the shared page.
	b := newBrowser(t, e)
	b.login("liming", "secret-pass")
	if txt := text(b.get("/").Body); !strings.Contains(txt, "使用中，到 15:00") {
		t.Fatalf("booker's home: %s", txt)
	}
	e.clock.Add(-time.Hour) // 13:05: next is the booking
	if txt := text(b.get("/").Body); !strings.Contains(txt, "下一场：读书会 14:00") {
		t.Fatalf("booker's home at 13:05: %s", txt)
	}
	if txt := text(anon.get("/").Body); strings.Contains(txt, "读书会") || !strings.Contains(txt, "下一场：已预约 14:00") {
		t.Fatalf("anonymous home at 13:05: %s", txt)
	}
}

// A client that accepts gzip gets the cached compressed bytes of the
// same page.
func TestHomeIsSentCompressed(t *testing.T) {
	e := newDemoEnv(t)
	get := func(enc string) *http.Response {
		req, _ := http.NewRequest("GET", e.srv.URL+"/", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	pres := get("")
	plainBody, _ := io.ReadAll(pres.Body)
	if pres.Header.Get("Content-Encoding") != "" || !strings.Contains(string(plainBody), "文体活动室") {
		t.Fatalf("a client that did not ask for gzip: %v", pres.Header)
	}
	if r := get("gzip;q=0, br"); r.Header.Get("Content-Encoding") != "" {
		t.Fatal("gzip;q=0 got gzip")
	}
	res := get("br, gzip")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", res.Header)
	}
	raw, _ := io.ReadAll(res.Body)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !bytes.Equal(body, plainBody) || len(raw) >= len(body)/2 {
		t.Fatalf("gzip body %d bytes for %d plain; same page: %v", len(raw), len(body), bytes.Equal(body, plainBody))
	}
}

// A closure shows on the front page as the room's state, with its reason
// and its end (with the date when it ends on another day), in both
// languages; a whole-centre closure shuts every room; deleting it gives
// the rooms back. The anonymous page follows, although it is cached.
func TestHomeShowsClosures(t *testing.T) {
	e := newDemoEnv(t) // the clock stands at 28 November 2026, 10:00
	anon := newBrowser(t, e)
	r := e.must(201, "POST", "/api/v1/closures", e.admin, map[string]any{"room": "library",
		"start": at(2026, 11, 28, 9, 0), "end": at(2026, 11, 28, 12, 0), "reason": "漏水维修 leak repairs"})
	mustContain(t, "home", text(anon.get("/").Body), "图书室 Library 闭馆（漏水维修），到 12:00")
	anon.lang = "en"
	mustContain(t, "English home", text(anon.get("/").Body), "Closed (leak repairs) until 12:00")
	anon.lang = "zh"
	e.must(204, "DELETE", "/api/v1/closures/"+obj(r.Body["closure"])["id"].(string), e.admin, nil)
	e.must(201, "POST", "/api/v1/closures", e.admin, map[string]any{"room": nil,
		"start": at(2026, 11, 28, 9, 0), "end": at(2026, 11, 30, 8, 0), "reason": "停电 power cut"})
	txt := text(anon.get("/").Body)
	if n := strings.Count(txt, "闭馆（停电），到 11月30日 周一 08:00"); n != 5 {
		t.Fatalf("a whole-centre closure shows on %d room cards, want 5: %s", n, txt)
	}
}
