package web_test

import (
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// TestDaylightSavingZone runs the service in Europe/Berlin across the
// change to summer time of 2027: a 09:00 class stays at 09:00 local, the
// feed read by ical.js agrees with the API, and a booking in the repeated
// hour of the autumn change is refused.
//
// The changes are found by probing the loaded zone (tests/tzprobe), and the
// scenario is laid around them. Go reads the machine's zone files
// (/usr/share/zoneinfo) before its embedded time/tzdata, so a tzdata update
// that moved a change would break dates written here (with today's data
// the spring change is 2027-03-28, the autumn one 2027-10-31).
func TestDaylightSavingZone(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	spring := tzprobe.ForwardIn(t, berlin, 2027)
	fall := tzprobe.BackwardIn(t, berlin, 2027)
	y, m, d := spring.At.In(berlin).Date()
	day := func(days, h, mi int) time.Time { return time.Date(y, m, d+days, h, mi, 0, 0, berlin) } // days after the change
	rfc := func(t time.Time) string { return t.Format(time.RFC3339) }

	e := newEnvAt(t, day(-13, 10, 0))
	lead := e.leader("lead")
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "合唱队", "name_en": "Choir", "leaders": []string{"lead"}})
	// Weekly from a week before the change, on its weekday (a Sunday in the EU).
	e.must(201, "POST", "/api/v1/series", lead, map[string]any{"team": "choir", "room": "music", "title": "Wochenprobe",
		"start": rfc(day(-7, 9, 0)), "end": rfc(day(-7, 10, 0)), "rrule": "FREQ=WEEKLY"})
	e.must(201, "POST", "/api/v1/bookings", lead, map[string]any{"room": "music", "start": rfc(day(0, 10, 0)), "end": rfc(day(0, 11, 0)), "title": "x", "attendees": 1})

	fe := &feedEnv{teamEnv: &teamEnv{env: e}, from: day(-13, 0, 0), to: day(18, 0, 0)}
	want := fe.apiSlots("&room=music", "", nil)
	offsets := map[int]bool{}
	for _, s := range want {
		if s.title != "Wochenprobe" {
			continue
		}
		local := time.Unix(s.start, 0).In(berlin)
		if local.Hour() != 9 {
			t.Fatalf("class moved off 09:00: %v", local)
		}
		_, off := local.Zone()
		offsets[off] = true
	}
	if len(want) != 5 || len(offsets) != 2 { // days -7, 0, 7, 14 and the booking; on both sides of the change
		t.Fatalf("slots = %v, offsets %v", want, offsets)
	}
	got, res := fe.feedSlots("/calendar/rooms/music.ics")
	sameSlots(t, "Berlin room feed", got, want)
	if res.Calendar.Timezone != "Europe/Berlin" {
		t.Fatalf("calendar = %+v", res.Calendar)
	}
	// Half an hour into the repeated hour, first reading (02:30 CEST).
	repeated := time.Duration(fall.From-fall.To) * time.Second
	first := fall.At.Add(-repeated / 2)
	r := e.must(422, "POST", "/api/v1/bookings", lead, map[string]any{"room": "music", "start": rfc(first), "end": rfc(fall.At.Add(2 * time.Hour)), "attendees": 1})
	if obj(r.Body["error"])["field"] != "start" {
		t.Fatalf("%s", r.Raw)
	}
}
