package web_test

import (
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"testing"
	"time"
)

// TestRoomPolicyLiveCheckAgrees: for each residents-only house rule, the
// room page's live check (GET /rooms/:id/check) and the form sent (POST
// /rooms/:id/book, 422) say the same words beside the same field; a
// no-show suspension names no field, so both say it for the whole form
// (the page's script puts a field-less answer there: the browser spec
// tests/browser/specs/policy.spec.mjs shows it). Nothing is booked.
func TestRoomPolicyLiveCheckAgrees(t *testing.T) {
	e := newEnv(t) // Saturday 2026-11-28 10:00, site time
	e.must(200, "PATCH", "/api/v1/rooms/calligraphy", e.admin, map[string]any{"rules": map[string]any{"buffer_minutes": 30}})
	book := func(token, room, day, start, end string) {
		t.Helper()
		e.must(201, "POST", "/api/v1/bookings", token, map[string]any{"room": room, "title": "占位", "attendees": 1,
			"start": day + "T" + start + ":00+08:00", "end": day + "T" + end + ":00+08:00"})
	}
	book(e.resident("qianren"), "calligraphy", "2026-11-29", "10:00", "11:00")
	quota := e.resident("peie")
	book(quota, "activity", "2026-11-30", "09:00", "13:00")
	late := e.resident("wudao")
	for _, start := range []string{"11:00", "13:00", "15:00"} {
		book(late, "library", "2026-11-28", start, start[:2]+":45")
	}
	cases := []struct {
		user, room, date, start, end, field, want string
		noShows                                   bool
	}{
		{"tiqian", "library", "2026-12-12", "10:01", "10:31", "start", "最多只能提前14天预约", false},
		{"duanshi", "library", "2026-11-29", "08:00", "08:29", "end", "每次预约至少30分钟", false},
		{"changshi", "library", "2026-11-29", "09:00", "13:01", "end", "每次预约最长240分钟", false},
		{"houren", "calligraphy", "2026-11-29", "11:29", "12:30", "start", "前后须各留30分钟整理时间，与其他使用太近", false},
		{"peie", "activity", "2026-12-01", "09:00", "11:01", "end", "每人每周（周一至周日）最多预约6小时，该周已预约4h。", false},
		{"wudao", "calligraphy", "2026-11-29", "15:00", "16:00", "", "30天内3次预约未到（未签到），2026年12月12日 15:15前不能预约", true},
	}
	before := e.count("SELECT count(*) FROM bookings")
	for _, tc := range cases {
		if tc.noShows {
			e.clock.Add(6 * time.Hour) // 16:00: all three deadlines (start+15 min) have passed unchecked
		}
		b := newBrowser(t, e)
		if tc.user != "wudao" && tc.user != "peie" {
			e.resident(tc.user)
		}
		b.login(tc.user, "secret-pass")
		f := form("date", tc.date, "start", tc.start, "end", tc.end, "title", "自习", "attendees", "1")
		var ans struct {
			OK             bool
			Field, Message string
		}
		p := b.get("/rooms/" + tc.room + "/check?" + url.Values{"date": f["date"], "start": f["start"], "end": f["end"], "attendees": f["attendees"]}.Encode())
		if err := json.Unmarshal([]byte(p.Body), &ans); err != nil || p.Status != 200 {
			t.Fatalf("%s: check %d %s", tc.user, p.Status, p.Body)
		}
		if ans.OK || ans.Field != tc.field || ans.Message != tc.want {
			t.Errorf("%s: live check %+v, want %q beside %q", tc.user, ans, tc.want, tc.field)
		}
		p = b.post("/rooms/"+tc.room+"/book", f)
		got := fieldMessage(p.Body, tc.field)
		if tc.field == "" {
			got = formMessage(p.Body)
			if m := fieldMessage(p.Body, "start"); m != "" {
				t.Errorf("%s: the suspension is filed under the start time: %q", tc.user, m)
			}
		}
		if p.Status != 422 || got != ans.Message {
			t.Errorf("%s: sent: %d %q, the live check said %q", tc.user, p.Status, got, ans.Message)
		}
	}
	if n := e.count("SELECT count(*) FROM bookings"); n != before {
		t.Fatalf("refusals booked %d", n-before)
	}
}

// formMessage is the text of the form-level refusal, or "".
func formMessage(body string) string {
	m := regexp.MustCompile(`<p class="form-error" role="alert">([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}
