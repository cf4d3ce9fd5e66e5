package web_test

import (
	"net/http"
	"testing"
)

// TestRoomRulesHTTP: GET shows each room's rules (defaults, the music
// room's quiet hours, the lecture room's approval); staff's PATCH merges
// the keys given and refuses a bad one naming rules.<key>, changing
// nothing; a resident may not change rules.
func TestRoomRulesHTTP(t *testing.T) {
	e := newEnv(t)
	rules := func(room string) map[string]any {
		return obj(obj(e.must(200, "GET", "/api/v1/rooms/"+room, "", nil).Body["room"])["rules"])
	}
	if r := rules("music"); r["max_advance_days"] != 14.0 || r["min_minutes"] != 30.0 || r["max_minutes"] != 240.0 ||
		r["buffer_minutes"] != 0.0 || len(arr(r["quiet_hours"])) != 1 || obj(arr(r["quiet_hours"])[0])["start"] != "22:00" || r["requires_approval"] != false {
		t.Fatalf("music rules = %v", r)
	}
	list := arr(e.must(200, "GET", "/api/v1/rooms", "", nil).Body["rooms"])
	for _, v := range list {
		room := obj(v)
		if obj(room["rules"])["requires_approval"] != (room["id"] == "lecture") {
			t.Errorf("%s: rules = %v", room["id"], room["rules"])
		}
	}
	r := e.must(200, "PATCH", "/api/v1/rooms/music", e.admin, map[string]any{"rules": map[string]any{"max_minutes": 90, "buffer_minutes": 15}})
	got := obj(obj(r.Body["room"])["rules"])
	if got["max_minutes"] != 90.0 || got["buffer_minutes"] != 15.0 || got["min_minutes"] != 30.0 || len(arr(got["quiet_hours"])) != 1 {
		t.Fatalf("merged = %s", r.Raw)
	}
	for body, field := range map[string]string{
		`{"rules":{"buffer_minutes":-1}}`:                            "rules.buffer_minutes",
		`{"rules":{"min_minutes":120}}`:                              "rules.min_minutes",
		`{"rules":{"quiet_hours":[{"start":"late","end":"07:00"}]}}`: "rules.quiet_hours",
	} {
		r := e.must(422, "PATCH", "/api/v1/rooms/music", e.admin, body)
		if obj(r.Body["error"])["field"] != field || obj(r.Body["error"])["code"] != "invalid" {
			t.Errorf("%s: %s", body, r.Raw)
		}
	}
	e.must(400, "PATCH", "/api/v1/rooms/music", e.admin, `{"rules":{"curfew":true}}`) // unknown keys, as elsewhere
	e.must(403, "PATCH", "/api/v1/rooms/music", e.resident("wang"), map[string]any{"rules": map[string]any{"max_minutes": 600}})
	if r := rules("music"); r["max_minutes"] != 90.0 || r["min_minutes"] != 30.0 || r["buffer_minutes"] != 15.0 {
		t.Fatalf("refused patches changed rules: %v", r)
	}
}

// TestPolicyRefusalHTTP: a resident's booking that breaks a rule is a 422
// with code policy, the rule and the field; a leader's is accepted.
func TestPolicyRefusalHTTP(t *testing.T) {
	e := newEnv(t)
	res, lead := e.resident("wang"), e.leader("lin")
	for _, tc := range []struct{ start, end, rule, field string }{
		{at(2026, 12, 20, 9, 0), at(2026, 12, 20, 10, 0), "max_advance_days", "start"},
		{at(2026, 12, 1, 9, 0), at(2026, 12, 1, 9, 20), "min_minutes", "end"},
		{at(2026, 12, 2, 9, 0), at(2026, 12, 2, 13, 30), "max_minutes", "end"},
	} {
		r := e.must(422, "POST", "/api/v1/bookings", res, bookingBody("library", tc.start, tc.end))
		if er := obj(r.Body["error"]); er["code"] != "policy" || er["rule"] != tc.rule || er["field"] != tc.field {
			t.Errorf("%s: %s", tc.rule, r.Raw)
		}
		e.must(201, "POST", "/api/v1/bookings", lead, bookingBody("library", tc.start, tc.end))
	}
	e.must(201, "POST", "/api/v1/bookings", res, bookingBody("activity", at(2026, 12, 1, 9, 0), at(2026, 12, 1, 13, 0)))
	e.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 3, 9, 0), at(2026, 12, 3, 11, 0)))
	r := e.must(422, "POST", "/api/v1/bookings", res, bookingBody("calligraphy", at(2026, 12, 4, 9, 0), at(2026, 12, 4, 9, 30)))
	if er := obj(r.Body["error"]); er["rule"] != "weekly_quota" || er["message"] != "每人每周（周一至周日）最多预约6小时，该周已预约6h。 you may book at most 6 hours a week (Monday to Sunday) and already have 6h that week" {
		t.Errorf("quota: %s", r.Raw)
	}
	if n := e.count("SELECT count(*) FROM bookings WHERE user_id = (SELECT id FROM users WHERE username = 'wang')"); n != 2 {
		t.Fatalf("resident has %d bookings", n)
	}
}

// TestPolicyRefusalOnPage: the room page shows a rule's refusal next to
// the field to change, in the page's language.
func TestPolicyRefusalOnPage(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	p := b.post("/rooms/library/book", form("date", "2026-12-01", "start", "09:00", "end", "14:00", "title", "读书会", "attendees", "3"))
	if got := fieldMessage(p.Body, "end"); p.Status != http.StatusUnprocessableEntity || got != "每次预约最长240分钟" {
		t.Fatalf("Chinese page: %d, next to end %q", p.Status, got)
	}
	b.lang = "en"
	p = b.post("/rooms/library/book", form("date", "2026-12-20", "start", "09:00", "end", "10:00", "title", "读书会", "attendees", "3"))
	if got := fieldMessage(p.Body, "start"); p.Status != http.StatusUnprocessableEntity || got != "you can book at most 14 days ahead" {
		t.Fatalf("English page: %d, next to start %q", p.Status, got)
	}
}
