package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// Who may not: an anonymous reader is sent to log in, a resident or the
// leader of another team gets the 403 page (or, in a form, the refusal by
// its field), and nothing changes — for every write that is not theirs
// and every page that is not theirs to see.
func TestBreakOthersMayNot(t *testing.T) {
	bs := newBreakSite(t)
	bs.resident("nosy")
	forms := bs.writeForms()
	readers := map[string]*browser{"anonymous": newBrowser(t, bs.env), "resident": leaderBrowser(t, bs.env, "nosy"),
		"other leader": leaderBrowser(t, bs.env, "dance-lead")}
	staffOnly := []string{"/staff/users", "/staff/users/:id/role", "/staff/users/:id/password", "/staff/users/:id/disabled",
		"/staff/teams", "/staff/teams/:id", "/staff/rooms/:id"}
	writes := append([]string{"/me/bookings/:id/cancel", "/classes/:id/cancel", "/classes/:id/move", "/lead/classes/new"}, staffOnly...)
	for _, route := range writes {
		for who, b := range readers {
			before := bs.dbState()
			p := b.post(bs.path(route), forms[route])
			switch {
			case who == "anonymous" && (p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login?next=")):
				t.Errorf("%s POST %s: %d %q, want the login page", who, route, p.Status, p.Location)
			case who != "anonymous" && p.Status != http.StatusForbidden:
				t.Errorf("%s POST %s: %d %q, want 403", who, route, p.Status, p.Location)
			}
			if bs.dbState() != before {
				t.Errorf("%s POST %s changed the database", who, route)
			}
		}
	}
	reads := []string{"/me/bookings/" + bs.booking + "/cancel", "/staff", "/staff/users", "/staff/users/new", "/staff/users/" + bs.account,
		"/staff/teams", "/staff/teams/new", "/staff/teams/choir", "/staff/rooms", "/staff/rooms/music"}
	for _, path := range reads {
		for who, b := range readers {
			p := b.get(path)
			if who == "anonymous" && p.Status != http.StatusSeeOther || who != "anonymous" && p.Status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, path, p.Status)
			}
			if strings.Contains(p.Body, "读书会") || strings.Contains(p.Body, "居民 victim") {
				t.Errorf("%s GET %s shows what is not theirs", who, path)
			}
		}
	}
	// The resident's own pages and downloads need a login; the leader
	// pages are for leaders.
	for _, path := range []string{"/me/bookings", "/me/subscribe", "/me/calendar.ics", "/lead", "/lead/classes/new"} {
		if p := readers["anonymous"].get(path); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login?next=") {
			t.Errorf("anonymous GET %s: %d %q", path, p.Status, p.Location)
		}
	}
	for _, path := range []string{"/lead", "/lead/classes/new"} {
		if p := readers["resident"].get(path); p.Status != http.StatusForbidden {
			t.Errorf("resident GET %s: %d", path, p.Status)
		}
	}
	// The preview says no to another team before anything about the room.
	bs.must(201, "POST", "/api/v1/bookings", bs.admin, map[string]any{"room": "activity", "start": at(2026, 12, 7, 10, 0),
		"end": at(2026, 12, 7, 11, 0), "title": "员工会议", "attendees": 2})
	p := readers["other leader"].post("/lead/classes/preview", forms["/lead/classes/preview"])
	if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, "只有明珠合唱队的领队或工作人员") ||
		strings.Contains(p.Body, "12月7日") || strings.Contains(p.Body, "员工会议") || strings.Contains(p.Body, "已预约") {
		t.Errorf("another team's preview: %d %s", p.Status, p.Body)
	}
	// The team's own leader sees the clash, the staff's booking only as booked.
	p = leaderBrowser(t, bs.env, "choir-lead").post("/lead/classes/preview", forms["/lead/classes/preview"])
	if !strings.Contains(p.Body, "12月7日") || !strings.Contains(p.Body, "已预约") || strings.Contains(p.Body, "员工会议") {
		t.Errorf("the choir's preview: %d %s", p.Status, p.Body)
	}
	if p := readers["resident"].post("/lead/classes/preview", forms["/lead/classes/preview"]); p.Status != http.StatusForbidden {
		t.Errorf("a resident's preview: %d", p.Status)
	}
	// Staff may do all of it.
	staff := staffBrowser(t, bs.env)
	if p := staff.post(bs.path("/me/bookings/:id/cancel"), nil); p.Status != http.StatusSeeOther {
		t.Errorf("staff cancels a resident's booking: %d", p.Status)
	}
}
