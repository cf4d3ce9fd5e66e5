package web_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/icaljs"
)

// closureBodyAt is a closure request of room (nil: the whole centre).
func closureBodyAt(room any, start, end, reason string) map[string]any {
	return map[string]any{"room": room, "start": start, "end": end, "reason": reason}
}

// TestClosureAPI: refusals are 422/404/403 and write nothing; a dry run
// says what a closure would cancel and suspend; the closure (201) cancels
// the resident's booking with the reason (seen in GET /bookings and in the
// private feed as CANCELLED), refuses a new booking with kind closure,
// suspends the class date (absent from /occurrences, an EXDATE ical.js
// honours, feed ETags moved); deleting it (204, then 404) brings the date
// back but not the booking.
func TestClosureAPI(t *testing.T) {
	te := newTeamEnv(t)
	fe := &feedEnv{teamEnv: te, from: time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai), to: time.Date(2026, 12, 31, 0, 0, 0, 0, shanghai)}
	e := te.env
	wang := e.resident("wang")
	class := obj(e.must(201, "POST", "/api/v1/series", te.choir, series("choir", "calligraphy", at(2026, 12, 1, 19, 0), at(2026, 12, 1, 20, 30), "FREQ=WEEKLY;COUNT=4")).Body["series"])["id"].(string)
	bk := obj(e.must(201, "POST", "/api/v1/bookings", wang, bookingBody("calligraphy", at(2026, 12, 8, 14, 0), at(2026, 12, 8, 15, 0))).Body["booking"])["id"].(string)
	day0, day1 := at(2026, 12, 8, 0, 0), at(2026, 12, 9, 0, 0)
	ok := closureBodyAt("calligraphy", day0, day1, "维修 repairs")

	refusals := []struct {
		name, token string
		body        map[string]any
		status      int
		field       string
	}{
		{"resident", wang, ok, 403, ""},
		{"leader", te.choir, ok, 403, ""},
		{"anonymous", "", ok, 401, ""},
		{"end before start", e.admin, closureBodyAt("calligraphy", day1, day0, ""), 422, "end"},
		{"end at start", e.admin, closureBodyAt("calligraphy", day0, day0, ""), 422, "end"},
		{"bad start", e.admin, closureBodyAt("calligraphy", "tomorrow", day1, ""), 422, "start"},
		{"no room key", e.admin, map[string]any{"start": day0, "end": day1}, 422, "room"},
		{"room not text", e.admin, closureBodyAt(7, day0, day1, ""), 422, "room"},
		{"long reason", e.admin, closureBodyAt("calligraphy", day0, day1, strings.Repeat("修", 201)), 422, "reason"},
		{"unknown room", e.admin, closureBodyAt("garage", day0, day1, ""), 404, "room"},
	}
	for _, tc := range refusals {
		for _, path := range []string{"/api/v1/closures", "/api/v1/closures?dry_run=true"} {
			r := e.do("POST", path, tc.token, tc.body)
			if r.Status != tc.status {
				t.Fatalf("%s %s: %d %s, want %d", tc.name, path, r.Status, r.Raw, tc.status)
			}
			if f, _ := obj(r.Body["error"])["field"].(string); tc.field != "" && f != tc.field {
				t.Fatalf("%s: field %q, want %q", tc.name, f, tc.field)
			}
		}
	}
	if n := e.count(`SELECT count(*) FROM closures`); n != 0 {
		t.Fatalf("refusals stored %d closures", n)
	}

	dry := e.must(200, "POST", "/api/v1/closures?dry_run=true", e.admin, ok)
	cancels, suspends := arr(dry.Body["cancels"]), arr(dry.Body["suspends"])
	if len(cancels) != 1 || obj(cancels[0])["id"] != bk || obj(cancels[0])["username"] != "wang" {
		t.Fatalf("dry run cancels %v", cancels)
	}
	if len(suspends) != 1 || obj(suspends[0])["series_id"] != class || obj(suspends[0])["team"] != "choir" {
		t.Fatalf("dry run suspends %v", suspends)
	}
	if n := e.count(`SELECT count(*) FROM closures`); n != 0 || e.count(`SELECT count(*) FROM bookings WHERE status = 'confirmed'`) != 1 {
		t.Fatal("the dry run wrote")
	}

	roomFeed, teamFeed := "/calendar/rooms/calligraphy.ics", "/calendar/teams/choir.ics"
	roomTag, teamTag := e.must(200, "GET", roomFeed, "", nil).Header.Get("ETag"), e.must(200, "GET", teamFeed, "", nil).Header.Get("ETag")
	made := e.must(201, "POST", "/api/v1/closures", e.admin, ok)
	c := obj(made.Body["closure"])
	if c["id"] == "" || c["room"] != "calligraphy" || c["reason"] != "维修 repairs" || rfc3339(t, c["start"]).Format(time.RFC3339) != day0 ||
		c["created_at"] == nil || len(arr(made.Body["cancels"])) != 1 || len(arr(made.Body["suspends"])) != 1 {
		t.Fatalf("201 body %s", made.Raw)
	}
	id := c["id"].(string)

	b := obj(e.must(200, "GET", "/api/v1/bookings/"+bk, wang, nil).Body["booking"])
	if b["status"] != "cancelled_by_closure" || b["reason"] != "维修 repairs" {
		t.Fatalf("the owner sees %v", b)
	}
	r := e.do("POST", "/api/v1/bookings", e.admin, bookingBody("calligraphy", at(2026, 12, 8, 9, 0), at(2026, 12, 8, 10, 0)))
	if r.Status != 409 || obj(arr(obj(r.Body["error"])["conflicts"])[0])["kind"] != "closure" {
		t.Fatalf("booking into the closure: %d %s", r.Status, r.Raw)
	}
	if got := fe.seriesDates("calligraphy", class); slices.Contains(got, "2026-12-08") || len(got) != 3 {
		t.Fatalf("listed dates with the closure: %v", got)
	}
	if fe.conditional(roomFeed, roomTag) != 200 || fe.conditional(teamFeed, teamTag) != 200 {
		t.Fatal("a feed still answers 304 after the closure")
	}
	g, _ := fe.feedSlots(roomFeed)
	sameSlots(t, "room feed", g, fe.apiSlots("&room=calligraphy", "", nil))
	g, _ = fe.feedSlots(teamFeed)
	sameSlots(t, "team feed", g, fe.apiSlots("&team=choir", "", nil))

	me := e.must(200, "GET", "/api/v1/me", wang, nil)
	_, res := fe.feedSlots(feedPath(t, me.Body["feed_url"]))
	i := slices.IndexFunc(res.Occurrences, func(o icaljs.Occurrence) bool { return strings.HasPrefix(o.UID, bk) })
	if i < 0 || res.Occurrences[i].Status != "CANCELLED" || !strings.Contains(res.Occurrences[i].Description, "维修 repairs") {
		t.Fatalf("private feed as ical.js reads it: %+v", res.Occurrences)
	}

	q := "/api/v1/closures?from=" + url.QueryEscape(day0) + "&to=" + url.QueryEscape(day1)
	if l := arr(e.must(200, "GET", q, "", nil).Body["closures"]); len(l) != 1 || obj(l[0])["id"] != id {
		t.Fatalf("public listing %v", l)
	}
	q = "/api/v1/closures?from=" + url.QueryEscape(day1) // ends exactly there: half-open
	if l := arr(e.must(200, "GET", q, "", nil).Body["closures"]); len(l) != 0 {
		t.Fatalf("a closure ending at from is listed: %v", l)
	}

	roomTag = e.must(200, "GET", roomFeed, "", nil).Header.Get("ETag")
	e.must(204, "DELETE", "/api/v1/closures/"+id, e.admin, nil)
	e.must(404, "DELETE", "/api/v1/closures/"+id, e.admin, nil)
	if got := fe.seriesDates("calligraphy", class); len(got) != 4 {
		t.Fatalf("after delete: %v", got)
	}
	if fe.conditional(roomFeed, roomTag) != 200 {
		t.Fatal("the room feed still answers 304 after the closure went")
	}
	if b := obj(e.must(200, "GET", "/api/v1/bookings/"+bk, wang, nil).Body["booking"]); b["status"] != "cancelled_by_closure" {
		t.Fatalf("after delete the booking is %v", b["status"])
	}
}

// TestClosureWholeCentreAPI: room null closes every room and answers
// "room": null.
func TestClosureWholeCentreAPI(t *testing.T) {
	e := newEnv(t)
	made := e.must(201, "POST", "/api/v1/closures", e.admin, closureBodyAt(nil, at(2026, 12, 10, 0, 0), at(2026, 12, 11, 0, 0), ""))
	c := obj(made.Body["closure"])
	if v, ok := c["room"]; !ok || v != nil || c["reason"] != "场馆临时关闭 temporarily closed" {
		t.Fatalf("whole-centre closure %s", made.Raw)
	}
	for _, room := range []string{"library", "music"} {
		r := e.do("POST", "/api/v1/bookings", e.admin, bookingBody(room, at(2026, 12, 10, 9, 0), at(2026, 12, 10, 10, 0)))
		if r.Status != 409 {
			t.Fatalf("%s inside a whole-centre closure: %d", room, r.Status)
		}
	}
	if l := arr(e.must(200, "GET", "/api/v1/closures?room=music", "", nil).Body["closures"]); len(l) != 1 {
		t.Fatalf("music's closures %v", l)
	}
}
