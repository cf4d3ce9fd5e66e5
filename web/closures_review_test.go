package web_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestClosureRefusalOnRoomPage: a booking into a closed slot is told the
// room is closed, with the reason, next to the start field, by the form
// and by the live check, in the page's language; the API's 409 says it
// too and still lists the closure among its conflicts.
func TestClosureRefusalOnRoomPage(t *testing.T) {
	e := newDemoEnv(t)
	e.must(201, "POST", "/api/v1/closures", e.admin, closureBodyAt("library", at(2026, 12, 1, 9, 0), at(2026, 12, 1, 12, 0), "维修 repairs"))
	b := residentBrowser(t, e, "liming")
	f := form("date", "2026-12-01", "start", "10:00", "end", "11:00", "title", "读书会", "attendees", "3")
	const zh, en = "该时段闭馆（维修），12月1日 周二 09:00–12:00", "The room is closed then (repairs), Tue 1 Dec 09:00–12:00"
	if p := b.post("/rooms/library/book", f); p.Status != 409 || fieldMessage(p.Body, "start") != zh {
		t.Errorf("form: %d, next to start %q; want %q", p.Status, fieldMessage(p.Body, "start"), zh)
	}
	check := func() (ans struct{ Field, Message string }) {
		t.Helper()
		p := b.get("/rooms/library/check?date=2026-12-01&start=10:00&end=11:00&attendees=3")
		if err := json.Unmarshal([]byte(p.Body), &ans); err != nil {
			t.Fatal(err)
		}
		return ans
	}
	if a := check(); a.Field != "start" || a.Message != zh {
		t.Errorf("live check: %+v; want start %q", a, zh)
	}
	b.lang = "en"
	if p := b.post("/rooms/library/book", f); fieldMessage(p.Body, "start") != en {
		t.Errorf("English form: %q; want %q", fieldMessage(p.Body, "start"), en)
	}
	if a := check(); a.Message != en {
		t.Errorf("English live check: %+v; want %q", a, en)
	}
	r := e.do("POST", "/api/v1/bookings", e.login("liming", "secret-pass"), bookingBody("library", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0)))
	er := obj(r.Body["error"])
	msg, _ := er["message"].(string)
	if r.Status != 409 || !strings.HasPrefix(msg, "该时段闭馆") || !strings.Contains(msg, "closed") || !strings.Contains(msg, "维修 repairs") {
		t.Errorf("API: %d %q; want the room closed, with the reason", r.Status, msg)
	}
	if cs := arr(er["conflicts"]); len(cs) != 1 || obj(cs[0])["kind"] != "closure" {
		t.Errorf("API conflicts %v, want the closure", cs)
	}
	if n := e.count("SELECT count(*) FROM bookings"); n != 0 {
		t.Fatalf("%d bookings made into a closure", n)
	}
}

// TestClosureListDates: GET /closures takes from and to as dates (00:00
// site time that day) or RFC 3339, like the utilisation report; a bad
// date is 422 naming its field.
func TestClosureListDates(t *testing.T) {
	e := newEnv(t)
	e.must(201, "POST", "/api/v1/closures", e.admin, closureBodyAt("library", at(2026, 12, 1, 9, 0), at(2026, 12, 1, 12, 0), ""))
	e.must(201, "POST", "/api/v1/closures", e.admin, closureBodyAt(nil, at(2026, 12, 3, 9, 0), at(2026, 12, 3, 12, 0), ""))
	for q, want := range map[string]int{
		"from=2026-12-01":               2,
		"from=2026-12-02":               1,
		"to=2026-12-01":                 0, // ends as the 1st begins
		"to=2026-12-02":                 1,
		"from=2026-12-01&to=2026-12-02": 1,
		"from=2026-12-02T00:00:00%2B08:00&to=2026-12-04": 1,
		"from=2026-12-01T11:00:00+08:00&to=2026-12-02":   1, // an unencoded "+"
	} {
		r := e.must(200, "GET", "/api/v1/closures?"+q, "", nil)
		if got := len(arr(r.Body["closures"])); got != want {
			t.Errorf("?%s: %d closures, want %d", q, got, want)
		}
	}
	for q, field := range map[string]string{"from=2026-02-30": "from", "to=2026-12-1x": "to", "from=2026-12-02&to=2026-12-02": "to"} {
		r := e.do("GET", "/api/v1/closures?"+q, "", nil)
		if f, _ := obj(r.Body["error"])["field"].(string); r.Status != 422 || f != field {
			t.Errorf("?%s: %d field %q, want 422 %s", q, r.Status, f, field)
		}
	}
}

// TestClosureInThePastAPI: a closure that has ended by now is 422 on end,
// dry run or not, and stores nothing; one that began an hour ago is made.
func TestClosureInThePastAPI(t *testing.T) {
	e := newEnv(t) // now 2026-11-28 10:00
	past := closureBodyAt("library", at(2026, 11, 20, 0, 0), at(2026, 11, 28, 10, 0), "")
	for _, path := range []string{"/api/v1/closures", "/api/v1/closures?dry_run=true"} {
		r := e.do("POST", path, e.admin, past)
		if r.Status != 422 {
			t.Errorf("%s: %d %s, want 422 end", path, r.Status, r.Raw)
			continue
		}
		if f, _ := obj(r.Body["error"])["field"].(string); f != "end" {
			t.Errorf("%s: %d %s, want 422 end", path, r.Status, r.Raw)
		}
	}
	if n := e.count(`SELECT count(*) FROM closures`); n != 0 {
		t.Fatalf("a closure in the past was stored (%d)", n)
	}
	e.must(201, "POST", "/api/v1/closures", e.admin, closureBodyAt("library", at(2026, 11, 28, 9, 0), at(2026, 11, 28, 12, 0), "水管爆裂 burst pipe"))
}
