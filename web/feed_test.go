package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/icaljs"
)

// longTitle has every character class RFC 5545 escaping and folding must
// survive: commas, semicolons, a newline, a backslash, long Chinese text.
const longTitle = "合唱排练, 声部练习; 第二声部\\高音\n请带乐谱 — 明珠合唱队每周二晚上的常规排练，欢迎新队员加入，一起唱响明珠社区的美好生活"

// feedEnv is a schedule with every feature a feed must carry.
type feedEnv struct {
	*teamEnv
	from, to time.Time
}

func newFeedEnv(t *testing.T) *feedEnv {
	te := newTeamEnv(t)
	a := obj(te.must(201, "POST", "/api/v1/series", te.choir, map[string]any{"team": "choir", "room": "calligraphy", "title": longTitle,
		"start": at(2026, 12, 1, 19, 0), "end": at(2026, 12, 1, 20, 30), "rrule": "FREQ=WEEKLY;BYDAY=TU"}).Body["series"])["id"].(string)
	b := obj(te.must(201, "POST", "/api/v1/series", te.choir, map[string]any{"team": "choir", "room": "calligraphy", "title": "周六合唱 Saturday choir",
		"start": at(2026, 12, 5, 9, 0), "end": at(2026, 12, 5, 10, 0), "rrule": "FREQ=WEEKLY;BYDAY=SA;COUNT=6"}).Body["series"])["id"].(string)
	te.must(201, "POST", "/api/v1/series/"+a+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 15, 19, 0), "action": "cancel"})
	te.must(201, "POST", "/api/v1/series/"+a+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 22, 19, 0), "action": "move",
		"start": at(2026, 12, 23, 18, 0), "end": at(2026, 12, 23, 19, 30)})
	te.must(201, "POST", "/api/v1/series/"+b+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 12, 9, 0), "action": "move",
		"start": at(2026, 12, 12, 9, 0), "end": at(2026, 12, 12, 10, 0), "room": "music"})
	res := te.resident("res1")
	te.must(201, "POST", "/api/v1/bookings", res, map[string]any{"room": "calligraphy", "start": at(2026, 12, 2, 10, 0), "end": at(2026, 12, 2, 11, 0), "title": "私人 Private", "attendees": 2})
	te.must(201, "POST", "/api/v1/bookings", te.choir, map[string]any{"room": "music", "start": at(2026, 12, 3, 10, 0), "end": at(2026, 12, 3, 11, 0), "title": "领队备课 Lesson prep", "attendees": 1})
	return &feedEnv{teamEnv: te, from: time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai), to: time.Date(2027, 1, 31, 0, 0, 0, 0, shanghai)}
}

// slot is what must agree between ical.js and the API.
type slot struct {
	start, end int64
	title      string
}

func (s slot) String() string {
	return fmt.Sprintf("%s–%s %q", time.Unix(s.start, 0).In(shanghai).Format("01-02 15:04"), time.Unix(s.end, 0).In(shanghai).Format("15:04"), s.title)
}

func sortSlots(s []slot) []slot {
	slices.SortFunc(s, func(a, b slot) int {
		if a.start != b.start {
			return int(a.start - b.start)
		}
		if a.end != b.end { // two at one start (a date moved onto another's)
			return int(a.end - b.end)
		}
		return strings.Compare(a.title, b.title)
	})
	return s
}

// apiSlots lists /occurrences (query appended) in the env's window.
func (fe *feedEnv) apiSlots(query, token string, keep func(map[string]any) bool) []slot {
	q := fmt.Sprintf("/api/v1/occurrences?from=%s&to=%s%s", url.QueryEscape(fe.from.Format(time.RFC3339)), url.QueryEscape(fe.to.Format(time.RFC3339)), query)
	var out []slot
	for _, v := range arr(fe.must(200, "GET", q, token, nil).Body["occurrences"]) {
		o := obj(v)
		if keep != nil && !keep(o) {
			continue
		}
		out = append(out, slot{rfc3339(fe.t, o["start"]).Unix(), rfc3339(fe.t, o["end"]).Unix(), o["title"].(string)})
	}
	return sortSlots(out)
}

// rfc3339 reads a time the API answered, failing the test if it is not one.
func rfc3339(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("time %v: %v", v, err)
	}
	return ts
}

// feedPath is the path of a feed address the API answered.
func feedPath(t *testing.T, v any) string {
	t.Helper()
	s, _ := v.(string)
	u, err := url.Parse(s)
	if err != nil || u.Path == "" {
		t.Fatalf("feed_url %v: %v", v, err)
	}
	return u.Path
}

// feedSlots fetches a feed and expands it with ical.js.
func (fe *feedEnv) feedSlots(path string) ([]slot, icaljs.Result) {
	r := fe.must(200, "GET", path, "", nil)
	if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		fe.t.Fatalf("%s: Content-Type %q", path, ct)
	}
	res := icaljs.Expand(fe.t, r.Raw, fe.from, fe.to)
	var out []slot
	for _, o := range res.Occurrences {
		out = append(out, slot{o.Start.Unix(), o.End.Unix(), o.Summary})
	}
	return sortSlots(out), res
}

func sameSlots(t *testing.T, what string, got, want []slot) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s: ical.js expands\n%v\nbut the API lists\n%v", what, got, want)
	}
}

// TestFeedsMatchAPIInIcalJS: every kind of feed, read by ical.js, gives
// exactly the occurrences the API lists for the same window, including a
// cancelled and a moved occurrence and a title that needs escaping.
func TestFeedsMatchAPIInIcalJS(t *testing.T) {
	fe := newFeedEnv(t)
	isSeries := func(o map[string]any) bool { return o["kind"] == "series" }

	got, res := fe.feedSlots("/calendar/rooms/calligraphy.ics")
	want := fe.apiSlots("&room=calligraphy", "", nil)
	sameSlots(t, "room calligraphy", got, want)
	if res.Calendar.Name != "明珠社区 · 书法室 Calligraphy room" || res.Calendar.Timezone != "Asia/Shanghai" {
		t.Fatalf("calendar = %+v", res.Calendar)
	}
	if !slices.ContainsFunc(got, func(s slot) bool { return s.title == longTitle }) || slices.ContainsFunc(got, func(s slot) bool { return s.title == "私人 Private" }) {
		t.Fatalf("titles wrong: %v", got)
	}
	if len(want) != 8+5+1 { // Tuesdays (one cancelled, one moved) + Saturdays (one moved away) + one booking
		t.Fatalf("scenario has %d slots: %v", len(want), want)
	}

	got, _ = fe.feedSlots("/calendar/rooms/music.ics")
	sameSlots(t, "room music", got, fe.apiSlots("&room=music", "", nil))

	got, _ = fe.feedSlots("/calendar/teams/choir.ics")
	sameSlots(t, "team choir", got, fe.apiSlots("&team=choir", "", nil))

	got, _ = fe.feedSlots("/calendar/courses.ics")
	sameSlots(t, "courses", got, fe.apiSlots("", "", isSeries))

	me := fe.must(200, "GET", "/api/v1/me", fe.choir, nil)
	got, _ = fe.feedSlots(feedPath(t, me.Body["feed_url"]))
	mine := func(o map[string]any) bool { return o["kind"] == "series" || o["title"] == "领队备课 Lesson prep" }
	sameSlots(t, "private", got, fe.apiSlots("", fe.choir, mine))
}

func TestFeedHTTP(t *testing.T) {
	fe := newFeedEnv(t)
	path := "/calendar/rooms/calligraphy.ics"
	r := fe.must(200, "GET", path, "", nil)
	etag, lastMod := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || lastMod == "" {
		t.Fatalf("ETag %q Last-Modified %q", etag, lastMod)
	}
	body := string(r.Raw)
	for _, want := range []string{"BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "METHOD:PUBLISH", "X-WR-CALNAME:", "NAME:",
		"REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H", "VERSION:2.0", "PRODID:", "RECURRENCE-ID;TZID=Asia/Shanghai:",
		"EXDATE;TZID=Asia/Shanghai:", "已预约 Booked", "DTSTART;TZID=Asia/Shanghai:"} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	for _, line := range strings.Split(body, "\r\n") {
		if len(line) > 75 {
			t.Fatalf("unfolded line of %d octets: %q", len(line), line)
		}
	}
	for _, leak := range []string{"私人", "res1"} {
		if strings.Contains(body, leak) {
			t.Fatalf("room feed shows %q", leak)
		}
	}
	// Conditional and HEAD requests.
	if s := fe.conditional(path, etag); s != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d", s)
	}
	// Go's client asked for gzip, so etag is the compressed variant's;
	// HEAD is never compressed and carries the plain variant's tag.
	head := fe.must(200, "HEAD", path, "", nil)
	if head.Header.Get("ETag") != strings.Replace(etag, `-gz"`, `"`, 1) || len(head.Raw) != 0 || head.Header.Get("Content-Length") == "" {
		t.Fatalf("HEAD: %v %q", head.Header, head.Raw)
	}
	// A booking in another room leaves this feed's bytes and ETag alone...
	res := fe.resident("res2")
	fe.must(201, "POST", "/api/v1/bookings", res, map[string]any{"room": "library", "start": at(2026, 12, 9, 10, 0), "end": at(2026, 12, 9, 11, 0), "attendees": 1})
	if s := fe.conditional(path, etag); s != http.StatusNotModified {
		t.Fatalf("unrelated change altered the feed: %d", s)
	}
	// ...one in this room changes it, and cancelling it restores the old feed.
	b := obj(fe.must(201, "POST", "/api/v1/bookings", res, map[string]any{"room": "calligraphy", "start": at(2026, 12, 9, 10, 0), "end": at(2026, 12, 9, 11, 0), "attendees": 1}).Body["booking"])
	r2 := fe.must(200, "GET", path, "", nil)
	if r2.Header.Get("ETag") == etag || !strings.Contains(string(r2.Raw), b["id"].(string)) {
		t.Fatal("new booking not in the feed, or ETag unchanged")
	}
	fe.must(204, "DELETE", "/api/v1/bookings/"+b["id"].(string), res, nil)
	r3 := fe.must(200, "GET", path, "", nil)
	if r3.Header.Get("ETag") != etag || strings.Contains(string(r3.Raw), b["id"].(string)) {
		t.Fatal("cancelled booking still in the feed")
	}
	fe.must(404, "GET", "/calendar/rooms/gym.ics", "", nil)
	fe.must(404, "GET", "/calendar/teams/nope.ics", "", nil)
	fe.must(404, "GET", "/calendar/rooms/calligraphy", "", nil)
}

func (fe *feedEnv) conditional(path, etag string) int {
	req, err := http.NewRequest("GET", fe.srv.URL+path, nil)
	if err != nil {
		fe.t.Fatal(err)
	}
	req.Header.Set("If-None-Match", etag)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		fe.t.Fatal(err)
	}
	r.Body.Close()
	return r.StatusCode
}

func TestFeedSequenceAndURLs(t *testing.T) {
	fe := newFeedEnv(t)
	room := obj(fe.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])
	if room["feed_url"] != fe.srv.URL+"/calendar/rooms/music.ics" || room["webcal_url"] != "webcal://"+strings.TrimPrefix(fe.srv.URL, "http://")+"/calendar/rooms/music.ics" {
		t.Fatalf("room urls = %v", room)
	}
	team := obj(fe.must(200, "GET", "/api/v1/teams/choir", "", nil).Body["team"])
	if team["feed_url"] != fe.srv.URL+"/calendar/teams/choir.ics" {
		t.Fatalf("team urls = %v", team)
	}
	before := string(fe.must(200, "GET", "/calendar/teams/choir.ics", "", nil).Raw)
	list := arr(fe.must(200, "GET", "/api/v1/series?team=choir", "", nil).Body["series"])
	id := obj(list[0])["id"].(string)
	fe.must(200, "PATCH", "/api/v1/series/"+id, fe.choir, map[string]any{"title": "新的标题 New title"})
	after := string(fe.must(200, "GET", "/calendar/teams/choir.ics", "", nil).Raw)
	uid := "UID:" + id
	if !strings.Contains(before, uid) || !strings.Contains(after, uid) || !strings.Contains(after, "新的标题 New title") {
		t.Fatalf("UID not stable or title not updated")
	}
	if seqBefore, seqAfter := masterSequence(t, before, id), masterSequence(t, after, id); seqAfter <= seqBefore {
		t.Fatalf("SEQUENCE %d -> %d: did not rise", seqBefore, seqAfter)
	}
	// The private feed: a new token, and the old address is gone.
	me := fe.must(200, "GET", "/api/v1/me", fe.choir, nil)
	old := feedPath(t, me.Body["feed_url"])
	fe.must(200, "GET", old, "", nil)
	fresh := fe.must(200, "POST", "/api/v1/me/feed-token", fe.choir, nil)
	nu := feedPath(t, fresh.Body["feed_url"])
	fe.must(404, "GET", old, "", nil)
	fe.must(200, "GET", nu, "", nil)
	fe.must(404, "GET", "/calendar/me/not-a-token.ics", "", nil)
	// A deleted series (it had no past yet) disappears: no UID of it is
	// left, neither its own (id@domain) nor a part's or a move's (id-…).
	fe.must(204, "DELETE", "/api/v1/series/"+id, fe.choir, nil)
	if feed := string(fe.must(200, "GET", "/calendar/teams/choir.ics", "", nil).Raw); strings.Contains(feed, uid) {
		t.Fatalf("deleted series still in the feed:\n%s", feed)
	}
}

// masterSequence reads SEQUENCE from the series' master VEVENT, failing
// the test if there is none.
func masterSequence(t *testing.T, feed, id string) int {
	t.Helper()
	for _, ev := range strings.Split(feed, "BEGIN:VEVENT") {
		if strings.Contains(ev, "UID:"+id+"@") && !strings.Contains(ev, "RECURRENCE-ID") {
			var n int
			i := strings.Index(ev, "SEQUENCE:")
			if i < 0 {
				break
			}
			if _, err := fmt.Sscanf(ev[i:], "SEQUENCE:%d", &n); err != nil {
				t.Fatalf("SEQUENCE of %s: %v", id, err)
			}
			return n
		}
	}
	t.Fatalf("no master VEVENT with a SEQUENCE for %s in\n%s", id, feed)
	return -1
}
