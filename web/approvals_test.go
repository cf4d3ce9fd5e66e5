package web_test

import (
	"strings"
	"testing"
	"time"

	"mingzhu/tests/icaljs"
)

// TestApprovalAPI: through the real router, a resident's booking of the
// lecture room answers 201 pending and holds the slot; staff find it in
// the pending queue, approve one and decline another with a reason (the
// slot then free for someone else); deciding again is 409 in both
// languages; an unknown id 404; the owner 403.
func TestApprovalAPI(t *testing.T) {
	e := newEnv(t)
	alice, bob := e.resident("alice"), e.resident("bob")
	book := func(tok string, hh int) map[string]any {
		r := e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("lecture", at(2026, 12, 1, hh, 0), at(2026, 12, 1, hh+1, 0)))
		return obj(r.Body["booking"])
	}
	a, d := book(alice, 9), book(alice, 14)
	if a["status"] != "pending" || d["status"] != "pending" {
		t.Fatalf("resident's lecture booking: %v", a)
	}
	if r := e.do("POST", "/api/v1/bookings", bob, bookingBody("lecture", at(2026, 12, 1, 9, 30), at(2026, 12, 1, 10, 30))); r.Status != 409 {
		t.Errorf("over a pending booking: %d %s", r.Status, r.Raw)
	}
	q := e.must(200, "GET", "/api/v1/bookings?status=pending", e.admin, nil)
	if list := arr(q.Body["bookings"]); len(list) != 2 || obj(list[0])["id"] != a["id"] || obj(list[1])["id"] != d["id"] {
		t.Fatalf("staff queue: %s", q.Raw)
	}
	if mine := arr(e.must(200, "GET", "/api/v1/bookings?status=pending", bob, nil).Body["bookings"]); len(mine) != 0 {
		t.Errorf("bob's own pending: %v", mine)
	}
	if r := e.do("GET", "/api/v1/bookings?status=waiting", alice, nil); r.Status != 422 || obj(r.Body["error"])["field"] != "status" {
		t.Errorf("unknown status: %d %s", r.Status, r.Raw)
	}
	aid, did := a["id"].(string), d["id"].(string)
	if r := e.do("POST", "/api/v1/bookings/"+aid+"/approve", alice, nil); r.Status != 403 {
		t.Errorf("owner approves: %d", r.Status)
	}
	if r := e.do("POST", "/api/v1/bookings/"+did+"/decline", alice, map[string]string{"reason": "x"}); r.Status != 403 {
		t.Errorf("owner declines: %d", r.Status)
	}
	r := e.must(200, "POST", "/api/v1/bookings/"+aid+"/approve", e.admin, nil)
	if obj(r.Body["booking"])["status"] != "confirmed" {
		t.Errorf("approved: %s", r.Raw)
	}
	if r := e.do("POST", "/api/v1/bookings/"+did+"/decline", e.admin, map[string]string{"reason": strings.Repeat("长", 201)}); r.Status != 422 || obj(r.Body["error"])["field"] != "reason" {
		t.Errorf("long reason: %d %s", r.Status, r.Raw)
	}
	r = e.must(200, "POST", "/api/v1/bookings/"+did+"/decline", e.admin, map[string]string{"reason": "当天有讲座 a talk that day"})
	if b := obj(r.Body["booking"]); b["status"] != "declined" || b["reason"] != "当天有讲座 a talk that day" {
		t.Errorf("declined: %s", r.Raw)
	}
	e.must(201, "POST", "/api/v1/bookings", bob, bookingBody("lecture", at(2026, 12, 1, 14, 0), at(2026, 12, 1, 15, 0)))
	for _, path := range []string{aid + "/approve", did + "/decline", aid + "/decline", did + "/approve"} {
		r := e.do("POST", "/api/v1/bookings/"+path, e.admin, nil)
		if r.Status != 409 || r.errCode() != "conflict" || r.errMessage() != "该预约不在待审批状态 this booking is not waiting for approval" {
			t.Errorf("%s again: %d %s", path, r.Status, r.Raw)
		}
	}
	if r := e.do("POST", "/api/v1/bookings/nope/approve", e.admin, nil); r.Status != 404 {
		t.Errorf("unknown id: %d", r.Status)
	}
	if got := obj(e.must(200, "GET", "/api/v1/bookings/"+did, alice, nil).Body["booking"]); got["reason"] != "当天有讲座 a talk that day" {
		t.Errorf("owner reads: %v", got)
	}
}

// TestApprovalFeeds: the owner's feed says STATUS:TENTATIVE for a
// pending booking and leaves a declined one out; the room's feed shows
// the pending one as busy, without a status.
func TestApprovalFeeds(t *testing.T) {
	e := newEnv(t)
	alice := e.resident("alice")
	p := obj(e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("lecture", at(2026, 12, 1, 9, 0), at(2026, 12, 1, 10, 0))).Body["booking"])
	d := obj(e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("lecture", at(2026, 12, 2, 9, 0), at(2026, 12, 2, 10, 0))).Body["booking"])
	e.must(200, "POST", "/api/v1/bookings/"+d["id"].(string)+"/decline", e.admin, map[string]string{"reason": "不便 not possible"})
	feedURL := e.must(200, "GET", "/api/v1/me", alice, nil).Body["feed_url"].(string)
	feed := string(e.must(200, "GET", feedURL[strings.Index(feedURL, "/calendar/"):], "", nil).Raw)
	if !strings.Contains(feed, "UID:"+p["id"].(string)) || !strings.Contains(feed, "STATUS:TENTATIVE") {
		t.Errorf("own feed lacks the tentative booking:\n%s", feed)
	}
	if strings.Contains(feed, "UID:"+d["id"].(string)) {
		t.Errorf("own feed shows the declined booking")
	}
	res := icaljs.Expand(t, []byte(feed), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(res.Occurrences) != 1 || res.Occurrences[0].Status != "TENTATIVE" {
		t.Errorf("ical.js reads the own feed as %+v", res.Occurrences)
	}
	room := string(e.must(200, "GET", "/calendar/rooms/lecture.ics", "", nil).Raw)
	if !strings.Contains(room, "UID:"+p["id"].(string)) || strings.Contains(room, "TENTATIVE") || strings.Contains(room, "UID:"+d["id"].(string)) {
		t.Errorf("room feed:\n%s", room)
	}
}
