package web_test

import (
	"strings"
	"testing"
	"time"
)

// TestCheckInAPI: the owner checks in within the window (200 with
// checked_in_at, twice the same), others 403, unknown 404, too early 409
// with the window in words; at the deadline, with nothing run in
// between, an unchecked booking is no_show in GET, my bookings, the
// occurrences and the cached room feed, and its remaining time can be
// booked at once.
func TestCheckInAPI(t *testing.T) {
	e := newEnv(t) // 2026-11-28 10:00 Shanghai
	alice, bob := e.resident("alice"), e.resident("bob")
	a := obj(e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("library", at(2026, 11, 28, 10, 10), at(2026, 11, 28, 11, 0))).Body["booking"])
	c := obj(e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("calligraphy", at(2026, 11, 28, 10, 30), at(2026, 11, 28, 12, 0))).Body["booking"])
	path := func(b map[string]any) string { return "/api/v1/bookings/" + b["id"].(string) + "/check-in" }

	if r := e.do("POST", path(c), alice, nil); r.Status != 409 || !strings.Contains(r.errMessage(), "只能在开始前后15分钟内签到") ||
		!strings.Contains(r.errMessage(), "you can check in from 15 minutes before to 15 minutes after the start") {
		t.Errorf("too early: %d %s", r.Status, r.Raw)
	}
	if r := e.do("POST", path(a), bob, nil); r.Status != 403 {
		t.Errorf("bob: %d %s", r.Status, r.Raw)
	}
	if r := e.do("POST", "/api/v1/bookings/nope/check-in", alice, nil); r.Status != 404 {
		t.Errorf("unknown: %d %s", r.Status, r.Raw)
	}
	in := obj(e.must(200, "POST", path(a), alice, nil).Body["booking"])
	if in["checked_in_at"] != "2026-11-28T10:00:00+08:00" || in["status"] != "confirmed" {
		t.Errorf("checked in: %v", in)
	}
	e.clock.Add(5 * time.Minute)
	if again := obj(e.must(200, "POST", path(a), alice, nil).Body["booking"]); again["checked_in_at"] != in["checked_in_at"] {
		t.Errorf("twice: %v", again)
	}

	feed := func() string { return string(e.must(200, "GET", "/calendar/rooms/calligraphy.ics", "", nil).Raw) }
	occ := func() int {
		return len(arr(e.must(200, "GET", "/api/v1/occurrences?room=calligraphy&from="+at(2026, 11, 28, 0, 0)+"&to="+at(2026, 11, 29, 0, 0), alice, nil).Body["occurrences"]))
	}
	e.clock.Add(39*time.Minute + 59*time.Second) // 10:44:59, a second before c's deadline
	if f := feed(); !strings.Contains(f, "BEGIN:VEVENT") || occ() != 1 {
		t.Fatalf("before the deadline: feed %q, %d occurrences", f, occ())
	}
	e.clock.Add(time.Second) // 10:45:00
	if got := obj(e.must(200, "GET", "/api/v1/bookings/"+c["id"].(string), alice, nil).Body["booking"]); got["status"] != "no_show" {
		t.Errorf("GET at the deadline: %v", got)
	}
	mine := arr(e.must(200, "GET", "/api/v1/bookings", alice, nil).Body["bookings"])
	for _, m := range mine {
		if b := obj(m); b["id"] == c["id"] && b["status"] != "no_show" || b["id"] == a["id"] && b["status"] != "confirmed" {
			t.Errorf("my bookings at the deadline: %v", b)
		}
	}
	if f := feed(); strings.Contains(f, "BEGIN:VEVENT") || occ() != 0 {
		t.Errorf("at the deadline: feed %q, %d occurrences", f, occ())
	}
	if r := e.do("POST", path(c), alice, nil); r.Status != 409 || !strings.Contains(r.errMessage(), "no-show") {
		t.Errorf("check-in after the deadline: %d %s", r.Status, r.Raw)
	}
	e.must(201, "POST", "/api/v1/bookings", bob, bookingBody("calligraphy", at(2026, 11, 28, 10, 45), at(2026, 11, 28, 12, 0)))
}

// TestNoShowSuspensionAPI: a resident's third no-show in 30 days answers
// their next booking 422 policy no_show_suspension, saying until when.
func TestNoShowSuspensionAPI(t *testing.T) {
	e := newEnv(t)
	alice := e.resident("alice")
	for d := 1; d <= 3; d++ {
		e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("library", at(2026, 11, 28+d, 9, 0), at(2026, 11, 28+d, 10, 0)))
	}
	e.clock.Add(3*24*time.Hour - 45*time.Minute) // 2026-12-01 09:15, the third deadline
	r := e.do("POST", "/api/v1/bookings", alice, bookingBody("library", at(2026, 12, 2, 9, 0), at(2026, 12, 2, 10, 0)))
	if r.Status != 422 || r.errCode() != "policy" || obj(r.Body["error"])["rule"] != "no_show_suspension" ||
		!strings.Contains(r.errMessage(), "2026年12月15日 09:15") || !strings.Contains(r.errMessage(), "15 Dec 2026 09:15") {
		t.Errorf("suspended: %d %s", r.Status, r.Raw)
	}
}
