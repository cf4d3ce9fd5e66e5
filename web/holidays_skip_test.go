package web_test

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"
)

// newHolidayFeedEnv is a feed env in January 2026 with two choir classes
// over the Spring Festival, Monday, Wednesday and Saturday at 19:00 for
// five weeks: one skipping holidays (calligraphy room), one not (music
// room). It returns their ids.
func newHolidayFeedEnv(t *testing.T) (fe *feedEnv, skip, plain string) {
	e := newEnvAt(t, time.Date(2026, 1, 10, 10, 0, 0, 0, shanghai))
	te := &teamEnv{env: e, choir: e.leader("choir-lead"), dance: e.leader("dance-lead")}
	e.must(201, "POST", "/api/v1/teams", e.admin, map[string]any{"id": "choir", "name": "明珠合唱队", "name_en": "Mingzhu Choir", "leaders": []string{"choir-lead"}})
	class := func(room string, skip bool) string {
		body := series("choir", room, at(2026, 2, 2, 19, 0), at(2026, 2, 2, 20, 30), "FREQ=WEEKLY;BYDAY=MO,WE,SA;COUNT=15")
		body["skip_holidays"] = skip
		se := obj(e.must(201, "POST", "/api/v1/series", te.choir, body).Body["series"])
		if se["skip_holidays"] != skip {
			t.Fatalf("series view skip_holidays = %v, want %v", se["skip_holidays"], skip)
		}
		return se["id"].(string)
	}
	fe = &feedEnv{teamEnv: te, from: time.Date(2026, 2, 1, 0, 0, 0, 0, shanghai), to: time.Date(2026, 4, 1, 0, 0, 0, 0, shanghai)}
	return fe, class("calligraphy", true), class("music", false)
}

// daysOff2026 are the days off (work false) of 2026 as GET /holidays
// gives them, and the adjusted working days.
func (fe *feedEnv) holidays2026() (off, work map[string]bool) {
	off, work = map[string]bool{}, map[string]bool{}
	for _, v := range arr(fe.must(200, "GET", "/api/v1/holidays?year=2026", "", nil).Body["holidays"]) {
		h := obj(v)
		if h["work"] == true {
			work[h["date"].(string)] = true
		} else {
			off[h["date"].(string)] = true
		}
	}
	return off, work
}

// seriesDates are the local dates /occurrences lists for series id.
func (fe *feedEnv) seriesDates(room, id string) []string {
	q := fmt.Sprintf("/api/v1/occurrences?room=%s&from=%s&to=%s", room, url.QueryEscape(fe.from.Format(time.RFC3339)), url.QueryEscape(fe.to.Format(time.RFC3339)))
	var out []string
	for _, v := range arr(fe.must(200, "GET", q, "", nil).Body["occurrences"]) {
		if o := obj(v); o["series_id"] == id {
			out = append(out, rfc3339(fe.t, o["start"]).In(shanghai).Format(time.DateOnly))
		}
	}
	return out
}

// TestSkipHolidaysAPIAndFeeds: a class with skip_holidays leaves its
// Spring Festival days off out of /occurrences, keeps the adjusted
// working days, and every feed (room, team, courses, private) read by
// ical.js agrees; a local day off added by staff goes at once (the feed's
// ETag moves) and comes back when removed; the class without the flag
// keeps every date.
func TestSkipHolidaysAPIAndFeeds(t *testing.T) {
	fe, skip, plain := newHolidayFeedEnv(t)
	off, work := fe.holidays2026()
	all := fe.seriesDates("music", plain)
	if len(all) != 15 {
		t.Fatalf("without skip_holidays: %v", all)
	}
	want := slices.DeleteFunc(slices.Clone(all), func(d string) bool { return off[d] })
	got := fe.seriesDates("calligraphy", skip)
	if len(want) == len(all) || !slices.Equal(got, want) {
		t.Fatalf("skip_holidays dates %v\nwant %v", got, want)
	}
	if !slices.ContainsFunc(got, func(d string) bool { return work[d] }) {
		t.Fatalf("no adjusted working day kept among %v", got)
	}
	feedsAgree := func(when string) {
		t.Helper()
		g, _ := fe.feedSlots("/calendar/rooms/calligraphy.ics")
		sameSlots(t, when+": room", g, fe.apiSlots("&room=calligraphy", "", nil))
		g, _ = fe.feedSlots("/calendar/teams/choir.ics")
		sameSlots(t, when+": team", g, fe.apiSlots("&team=choir", "", nil))
		g, _ = fe.feedSlots("/calendar/courses.ics")
		sameSlots(t, when+": courses", g, fe.apiSlots("", "", func(o map[string]any) bool { return o["kind"] == "series" }))
		me := fe.must(200, "GET", "/api/v1/me", fe.choir, nil)
		g, _ = fe.feedSlots(feedPath(t, me.Body["feed_url"]))
		sameSlots(t, when+": private", g, fe.apiSlots("", fe.choir, func(o map[string]any) bool { return o["kind"] == "series" }))
	}
	feedsAgree("official")

	path := "/calendar/rooms/calligraphy.ics"
	etag := fe.must(200, "GET", path, "", nil).Header.Get("ETag")
	listing := fe.must(200, "GET", "/api/v1/occurrences?room=calligraphy&from="+url.QueryEscape(fe.from.Format(time.RFC3339))+"&to="+url.QueryEscape(fe.to.Format(time.RFC3339)), "", nil).Header.Get("ETag")
	fe.must(201, "POST", "/api/v1/holidays", fe.admin, map[string]any{"date": "2026-03-02", "name": "社区活动日", "work": false})
	if fe.conditional(path, etag) != 200 {
		t.Fatal("the room feed still answers 304 after a new day off")
	}
	if l := fe.must(200, "GET", "/api/v1/occurrences?room=calligraphy&from="+url.QueryEscape(fe.from.Format(time.RFC3339))+"&to="+url.QueryEscape(fe.to.Format(time.RFC3339)), "", nil).Header.Get("ETag"); listing != "" && l == listing {
		t.Fatal("the listing's ETag did not move with the holiday")
	}
	if got := fe.seriesDates("calligraphy", skip); slices.Contains(got, "2026-03-02") || len(got) != len(want)-1 {
		t.Fatalf("after adding 2026-03-02: %v", got)
	}
	if got := fe.seriesDates("music", plain); len(got) != 15 {
		t.Fatalf("the class without skip_holidays changed: %v", got)
	}
	feedsAgree("local day off")
	fe.must(204, "DELETE", "/api/v1/holidays/2026-03-02", fe.admin, nil)
	if got := fe.seriesDates("calligraphy", skip); !slices.Equal(got, want) {
		t.Fatalf("after removing 2026-03-02: %v\nwant %v", got, want)
	}
	feedsAgree("removed")

	// Turning it off by PATCH brings the days off back from now on.
	se := obj(fe.must(200, "PATCH", "/api/v1/series/"+skip, fe.choir, map[string]any{"skip_holidays": false}).Body["series"])
	if se["skip_holidays"] != false {
		t.Fatalf("PATCH view: %v", se["skip_holidays"])
	}
	if got := fe.seriesDates("calligraphy", skip); len(got) != 15 {
		t.Fatalf("after PATCH skip_holidays=false: %v", got)
	}
	feedsAgree("patched")
}
