package web_test

import (
	"testing"
	"time"
)

// TestDaylightSavingZone runs the service in Europe/Berlin across the
// change to summer time (2027-03-28): a 09:00 class stays at 09:00 local,
// the feed read by ical.js agrees with the API, and a booking in the
// repeated hour of October is refused.
func TestDaylightSavingZone(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	e := newEnvAt(t, time.Date(2027, 3, 15, 10, 0, 0, 0, berlin))
	lead := e.leader("lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "合唱队", "name_en": "Choir", "leaders": []string{"lead"}})
	loc := func(y int, m time.Month, d, h, mi int) string {
		return time.Date(y, m, d, h, mi, 0, 0, berlin).Format(time.RFC3339)
	}
	e.must(201, "POST", "/api/v1/series", lead, map[string]any{"team": "choir", "room": "music", "title": "Sonntagsprobe",
		"start": loc(2027, 3, 21, 9, 0), "end": loc(2027, 3, 21, 10, 0), "rrule": "FREQ=WEEKLY;BYDAY=SU"})
	e.must(201, "POST", "/api/v1/bookings", lead, map[string]any{"room": "music", "start": loc(2027, 3, 28, 10, 0), "end": loc(2027, 3, 28, 11, 0), "title": "x", "attendees": 1})

	fe := &feedEnv{teamEnv: &teamEnv{env: e}, from: time.Date(2027, 3, 15, 0, 0, 0, 0, berlin), to: time.Date(2027, 4, 15, 0, 0, 0, 0, berlin)}
	want := fe.apiSlots("&room=music", "", nil)
	for _, s := range want {
		if s.title == "Sonntagsprobe" && time.Unix(s.start, 0).In(berlin).Hour() != 9 {
			t.Fatalf("class moved off 09:00: %v", time.Unix(s.start, 0).In(berlin))
		}
	}
	if len(want) != 5 {
		t.Fatalf("slots = %v", want)
	}
	got, res := fe.feedSlots("/calendar/rooms/music.ics")
	sameSlots(t, "Berlin room feed", got, want)
	if res.Calendar.Timezone != "Europe/Berlin" {
		t.Fatalf("calendar = %+v", res.Calendar)
	}
	// 2027-10-31 02:30 occurs twice in Berlin.
	first := time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC).Format(time.RFC3339)
	r := e.must(422, "POST", "/api/v1/bookings", lead, map[string]any{"room": "music", "start": first, "end": loc(2027, 10, 31, 4, 0), "attendees": 1})
	if obj(r.Body["error"])["field"] != "start" {
		t.Fatalf("%s", r.Raw)
	}
}
