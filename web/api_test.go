package web_test

import (
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	e.must(200, "GET", "/healthz", "", nil)
	e.db.Close() // a broken database must show in the health check
	r := e.must(503, "GET", "/healthz", "", nil)
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

func TestAccounts(t *testing.T) {
	e := newEnv(t)
	r := e.must(201, "POST", "/api/v1/auth/register", "", map[string]string{"username": "13800138000", "password": "longenough", "name": "王阿姨"})
	u := obj(r.Body["user"])
	if u["role"] != "resident" || u["username"] != "13800138000" || u["name"] != "王阿姨" || u["id"] == "" {
		t.Fatalf("user = %v", u)
	}
	if strings.Contains(string(r.Raw), "password") {
		t.Fatalf("password leaked: %s", r.Raw)
	}
	e.must(409, "POST", "/api/v1/auth/register", "", map[string]string{"username": "13800138000", "password": "longenough", "name": "x"})
	tok := e.login("13800138000", "longenough")
	me := e.must(200, "GET", "/api/v1/me", tok, nil)
	if obj(me.Body["user"])["username"] != "13800138000" {
		t.Fatalf("me = %s", me.Raw)
	}
	e.must(401, "POST", "/api/v1/auth/login", "", map[string]string{"username": "13800138000", "password": "wrong-pass"})
	e.must(401, "POST", "/api/v1/auth/login", "", map[string]string{"username": "nobody", "password": "wrong-pass"})
	e.must(401, "GET", "/api/v1/me", "", nil)
	e.must(401, "GET", "/api/v1/me", "not-a-token", nil)
	// Residents cannot create accounts; staff can create leaders.
	e.must(403, "POST", "/api/v1/users", tok, map[string]string{"username": "lead1", "password": "longenough", "name": "L", "role": "leader"})
	r = e.must(201, "POST", "/api/v1/users", e.admin, map[string]string{"username": "lead1", "password": "longenough", "name": "L", "role": "leader"})
	if obj(r.Body["user"])["role"] != "leader" {
		t.Fatalf("role = %s", r.Raw)
	}
	// Tokens expire after 30 days.
	e.clock.Add(31 * 24 * time.Hour)
	e.must(401, "GET", "/api/v1/me", tok, nil)
}

func TestRegisterValidation(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, field string
		body        map[string]string
	}{
		{"short username", "username", map[string]string{"username": "ab", "password": "longenough", "name": "x"}},
		{"bad characters", "username", map[string]string{"username": "a b!", "password": "longenough", "name": "x"}},
		{"short password", "password", map[string]string{"username": "abc", "password": "short", "name": "x"}},
		{"no name", "name", map[string]string{"username": "abc", "password": "longenough", "name": ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.must(422, "POST", "/api/v1/auth/register", "", tc.body)
			if obj(r.Body["error"])["field"] != tc.field || !strings.Contains(r.errMessage(), tc.field) {
				t.Fatalf("error = %s", r.Raw)
			}
		})
	}
	if n := e.count(`SELECT count(*) FROM users`); n != 1 {
		t.Fatalf("users = %d, want only admin", n)
	}
}

func TestRooms(t *testing.T) {
	e := newEnv(t)
	r := e.must(200, "GET", "/api/v1/rooms", "", nil)
	var ids []string
	for _, v := range arr(r.Body["rooms"]) {
		room := obj(v)
		ids = append(ids, room["id"].(string))
		if room["name"] == "" || room["name_en"] == "" || room["capacity"].(float64) < 1 || len(arr(room["equipment"])) == 0 {
			t.Fatalf("room = %v", room)
		}
	}
	if strings.Join(ids, ",") != "activity,library,calligraphy,music,lecture" {
		t.Fatalf("ids = %v", ids)
	}
	r = e.must(200, "GET", "/api/v1/rooms/calligraphy", "", nil)
	if obj(r.Body["room"])["name"] != "书法室" {
		t.Fatalf("room = %s", r.Raw)
	}
	if r := e.must(404, "GET", "/api/v1/rooms/gym", "", nil); r.errCode() != "not_found" {
		t.Fatalf("%s", r.Raw)
	}
}

func bookingBody(room, start, end string) map[string]any {
	return map[string]any{"room": room, "start": start, "end": end, "title": "读书会 Reading club", "attendees": 5}
}

func TestBookingLifecycle(t *testing.T) {
	e := newEnv(t)
	alice, bob := e.resident("alice"), e.resident("bob")
	r := e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("library", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0)))
	b := obj(r.Body["booking"])
	if b["status"] != "confirmed" || b["room"] != "library" || b["start"] != "2026-12-01T10:00:00+08:00" ||
		b["end"] != "2026-12-01T11:00:00+08:00" || b["attendees"].(float64) != 5 || b["user_id"] == "" {
		t.Fatalf("booking = %v", b)
	}
	id := b["id"].(string)
	// Half-open: the next hour does not clash; an overlap does.
	e.must(201, "POST", "/api/v1/bookings", bob, bookingBody("library", at(2026, 12, 1, 11, 0), at(2026, 12, 1, 12, 0)))
	e.must(201, "POST", "/api/v1/bookings", bob, bookingBody("music", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0)))
	r = e.must(409, "POST", "/api/v1/bookings", bob, bookingBody("library", at(2026, 12, 1, 10, 30), at(2026, 12, 1, 11, 30)))
	conflicts := arr(obj(r.Body["error"])["conflicts"])
	if r.errCode() != "conflict" || len(conflicts) != 2 || obj(conflicts[0])["id"] != id || obj(conflicts[0])["kind"] != "booking" {
		t.Fatalf("conflict = %s", r.Raw)
	}
	if obj(conflicts[0])["title"] == "读书会 Reading club" {
		t.Fatalf("another resident's title leaked: %s", r.Raw)
	}
	// Only the owner and staff see or cancel a booking.
	e.must(200, "GET", "/api/v1/bookings/"+id, alice, nil)
	e.must(403, "GET", "/api/v1/bookings/"+id, bob, nil)
	e.must(403, "DELETE", "/api/v1/bookings/"+id, bob, nil)
	e.must(404, "GET", "/api/v1/bookings/nope", alice, nil)
	mine := arr(e.must(200, "GET", "/api/v1/bookings?mine=1", bob, nil).Body["bookings"])
	if len(mine) != 2 || obj(mine[0])["start"] != "2026-12-01T11:00:00+08:00" {
		t.Fatalf("mine = %v", mine)
	}
	e.must(204, "DELETE", "/api/v1/bookings/"+id, alice, nil)
	if s := obj(e.must(200, "GET", "/api/v1/bookings/"+id, e.admin, nil).Body["booking"])["status"]; s != "cancelled" {
		t.Fatalf("status = %v", s)
	}
	// The slot is free at once.
	e.must(201, "POST", "/api/v1/bookings", bob, bookingBody("library", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0)))
}

func TestBookingBadInputWritesNothing(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("carol")
	day := func(h int) string { return at(2026, 12, 2, h, 0) }
	with := func(k string, v any) map[string]any {
		b := bookingBody("calligraphy", day(9), day(10))
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"malformed JSON", `{"room":`, 400, ""},
		{"unknown field", `{"room":"library","colour":"red"}`, 400, "colour"},
		{"missing start", with("start", nil), 422, "start"},
		{"unparsable start", with("start", "tomorrow at nine"), 422, "start"},
		{"no offset", with("end", "2026-12-02T10:00:00"), 422, "end"},
		{"end before start", with("end", day(8)), 422, "end"},
		{"end equals start", with("end", day(9)), 422, "end"},
		{"over 24 hours", with("end", at(2026, 12, 3, 10, 0)), 422, "end"},
		{"no attendees", with("attendees", 0), 422, "attendees"},
		{"over capacity", with("attendees", 17), 422, "attendees"},
		{"attendees not a number", with("attendees", "five"), 422, "attendees"},
		{"unknown room", with("room", "gym"), 404, ""},
		{"in the past", bookingBody("calligraphy", at(2026, 11, 27, 9, 0), at(2026, 11, 27, 10, 0)), 422, "start"},
		{"body too large", `{"title":"` + strings.Repeat("x", 1<<20) + `"}`, 413, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.must(tc.status, "POST", "/api/v1/bookings", tok, tc.body)
			if tc.field != "" && (obj(r.Body["error"])["field"] != tc.field || !strings.Contains(r.errMessage(), tc.field)) {
				t.Fatalf("error does not name %s: %s", tc.field, r.Raw)
			}
		})
	}
	if n := e.count(`SELECT count(*) FROM bookings`); n != 0 {
		t.Fatalf("bad input wrote %d bookings", n)
	}
}

func TestOccurrencesWindow(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("dave")
	e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("lecture", at(2026, 12, 5, 14, 0), at(2026, 12, 5, 16, 0)))
	e.must(201, "POST", "/api/v1/bookings", tok, bookingBody("lecture", at(2026, 12, 4, 14, 0), at(2026, 12, 4, 16, 0)))
	r := e.must(200, "GET", "/api/v1/occurrences?room=lecture&from=2026-12-01T00:00:00%2B08:00&to=2026-12-08T00:00:00%2B08:00", "", nil)
	occ := arr(r.Body["occurrences"])
	if len(occ) != 2 || obj(occ[0])["start"] != "2026-12-04T14:00:00+08:00" || obj(occ[0])["kind"] != "booking" {
		t.Fatalf("occurrences = %s", r.Raw)
	}
	if obj(occ[0])["title"] != "已预约 Booked" {
		t.Fatalf("anonymous caller sees a resident's title: %s", r.Raw)
	}
	r = e.must(422, "GET", "/api/v1/occurrences?room=lecture&from=2026-01-01T00:00:00%2B08:00&to=2027-01-03T00:00:00%2B08:00", "", nil)
	if obj(r.Body["error"])["field"] != "to" {
		t.Fatalf("%s", r.Raw)
	}
	e.must(422, "GET", "/api/v1/occurrences?room=lecture&from=x&to=2027-01-03T00:00:00%2B08:00", "", nil)
	e.must(404, "GET", "/api/v1/occurrences?room=gym&from=2026-12-01T00:00:00%2B08:00&to=2026-12-08T00:00:00%2B08:00", "", nil)
}

// TestBookingRace: 50 clients race for one slot; exactly one wins.
func TestBookingRace(t *testing.T) {
	e := newEnv(t)
	tokens := make([]string, 50)
	for i := range tokens {
		tokens[i] = e.resident("racer" + string(rune('a'+i/26)) + string(rune('a'+i%26)))
	}
	statuses := make([]int, 50)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range tokens {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			statuses[i] = e.do("POST", "/api/v1/bookings", tokens[i], bookingBody("music", at(2026, 12, 6, 14, 0), at(2026, 12, 6, 15, 0))).Status
		}(i)
	}
	close(start)
	wg.Wait()
	counts := map[int]int{}
	for _, s := range statuses {
		counts[s]++
	}
	if counts[201] != 1 || counts[409] != 49 {
		t.Fatalf("statuses = %v, want one 201 and 49 409", counts)
	}
	if n := e.count(`SELECT count(*) FROM bookings WHERE room_id = 'music'`); n != 1 {
		t.Fatalf("rows = %d, want 1", n)
	}
}

// TestOccurrencesFollowWrites: listings are cached, and every kind of write
// shows at once.
func TestOccurrencesFollowWrites(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("eve")
	n := func(q string) int {
		return len(arr(te.must(200, "GET", "/api/v1/occurrences?from=2026-12-07T00:00:00%2B08:00&to=2026-12-14T00:00:00%2B08:00"+q, "", nil).Body["occurrences"]))
	}
	for _, q := range []string{"&room=music", "&team=choir", ""} {
		if got := n(q); got != 0 {
			t.Fatalf("%s: %d", q, got)
		}
	}
	b := obj(te.must(201, "POST", "/api/v1/bookings", res, bookingBody("music", at(2026, 12, 8, 10, 0), at(2026, 12, 8, 11, 0))).Body["booking"])
	if n("&room=music") != 1 || n("") != 1 || n("&room=library") != 0 {
		t.Fatal("new booking not listed")
	}
	id := obj(te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 7, 19, 0), at(2026, 12, 7, 20, 0), "FREQ=DAILY")).Body["series"])["id"].(string)
	if n("&room=music") != 8 || n("&team=choir") != 7 || n("") != 8 {
		t.Fatalf("new series not listed: %d %d %d", n("&room=music"), n("&team=choir"), n(""))
	}
	te.must(201, "POST", "/api/v1/series/"+id+"/exceptions", te.choir, map[string]any{"occurrence": at(2026, 12, 9, 19, 0), "action": "cancel"})
	te.must(204, "DELETE", "/api/v1/bookings/"+b["id"].(string), res, nil)
	if n("&room=music") != 6 || n("&team=choir") != 6 || n("") != 6 {
		t.Fatal("cancellations not shown")
	}
}

// A rule key the service does not know is named (400 with the field),
// and a value of the wrong type says what JSON it wants, in words, not a
// Go type.
func TestRulesBadKeysNamed(t *testing.T) {
	e := newEnv(t)
	r := e.do("PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"rules": map[string]any{"foo": 1}})
	if r.Status != 400 || obj(r.Body["error"])["field"] != "foo" {
		t.Errorf("unknown rule key: %d %s", r.Status, r.Raw)
	}
	r = e.do("PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"rules": map[string]any{"quiet_hours": "x"}})
	if msg := r.errMessage(); r.Status != 422 || strings.Contains(msg, "booking.") || !strings.Contains(msg, "a list") {
		t.Errorf("quiet hours of the wrong type: %d %s", r.Status, r.Raw)
	}
}
