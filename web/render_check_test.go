package web_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"mingzhu/booking"
	"mingzhu/calendar/ical"
)

// The invariants checked after each step of a case.

// exec runs one step and checks it: the answer itself, then what every
// reader sees afterwards.
func (c *rcase) exec(s rStep) {
	before := c.obs
	a := c.run(s)
	idx := len(c.log) - 1
	after := c.observe(idx)
	c.obs = after
	if s.Tick != 0 {
		c.queueNow(idx)
		return
	}
	route := writeRoute(s)
	switch {
	case a.Status >= 500:
		c.fail(idx, fmt.Sprintf("%s answers %d%s", route, a.Status, c.loggedSig()), "%s: %s%s", route, clip(a.Raw), c.logged())
	case a.Status >= 300:
		c.checkRefusal(idx, s, route, a)
		c.checkUnchanged(idx, route, before, after)
	case len(a.Raw) == 0 || a.BadJSON != nil:
		c.fail(idx, route+" accepts with an empty or malformed body", "%s: %d %q%s", route, a.Status, clip(a.Raw), c.logged())
	case a.Status == 200 && (s.Method == "POST"): // a dry run: accepted, but writes nothing
		c.checkUnchanged(idx, route+" (dry run)", before, after)
	default:
		c.checkAccepted(idx, s, a)
		c.queueNow(idx)
	}
}

var idInPath = regexp.MustCompile(`/(series|teams)/[^/?]+`)

// writeRoute names a step's route for signatures.
func writeRoute(s rStep) string {
	p, _, _ := strings.Cut(s.Path, "?")
	return s.Method + " " + idInPath.ReplaceAllString(p, "/$1/:id")
}

// checkRefusal: a refusal is 403, 404, 409 or 422, with the one error
// shape, and a 422 names the field to fix.
func (c *rcase) checkRefusal(idx int, s rStep, route string, a answer) {
	switch a.Status {
	case 403, 404, 409, 422:
	default:
		c.fail(idx, fmt.Sprintf("%s refuses with %d", route, a.Status), "%s: %s", route, clip(a.Raw))
		return
	}
	e, _ := a.JSON["error"].(map[string]any)
	code, _ := e["code"].(string)
	msg, _ := e["message"].(string)
	if code == "" || msg == "" {
		c.fail(idx, route+" refuses without the error shape", "%d %s", a.Status, clip(a.Raw))
		return
	}
	f, _ := e["field"].(string)
	switch {
	case a.Status == 422 && f == "":
		c.fail(idx, route+" answers 422 without naming a field", "%s", clip(a.Raw))
	case a.Status == 422 && !fieldOfRequest(s, f):
		c.fail(idx, fmt.Sprintf("%s answers 422 naming field %q, which the request does not have", route, f), "%s", clip(a.Raw))
	case titleOnlyPatch(s) && a.Status != 404 && (a.Status != 403 || s.Actor == "admin"):
		c.fail(idx, "PATCH /api/v1/series/:id of the title alone is refused", "%d %s", a.Status, clip(a.Raw))
	}
}

// requestFields are the fields each write has (and a 422 may name).
var requestFields = map[string][]string{
	"POST /api/v1/bookings":              {"room", "start", "end", "title", "attendees"},
	"POST /api/v1/series":                {"team", "room", "title", "start", "end", "rrule", "exdates", "on_conflict", "dry_run"},
	"POST /api/v1/series/:id/exceptions": {"occurrence", "action", "start", "end", "room"},
	// An import names the body, a parameter, or the field of the event
	// its message names (with the event's UID and line).
	"POST /api/v1/teams/:id/import": {"body", "room", "on_conflict", "dry_run", "from", "to",
		"title", "start", "end", "rrule", "exdates", "occurrence", "attendees"},
}

// fieldOfRequest reports whether a 422 may name field: one of the write's
// fields; for a PATCH one it sent (or a time field when it changed the
// time or rule, or "id" for a series that has ended).
func fieldOfRequest(s rStep, field string) bool {
	route := writeRoute(s)
	if route != "PATCH /api/v1/series/:id" {
		return slices.Contains(requestFields[route], field)
	}
	var sent map[string]any
	_ = jsonUnmarshal(s.Body, &sent)
	_, ok := sent[field]
	_, st := sent["start"]
	_, en := sent["end"]
	_, ru := sent["rrule"]
	return ok || field == "id" || (st || en || ru) && slices.Contains([]string{"start", "end", "rrule"}, field)
}

// titleOnlyPatch is a valid new title sent by someone who may manage the
// series: nothing can refuse it.
func titleOnlyPatch(s rStep) bool {
	if writeRoute(s) != "PATCH /api/v1/series/:id" || s.Actor == "res1" {
		return false
	}
	var sent map[string]any
	if jsonUnmarshal(s.Body, &sent) != nil || len(sent) != 1 {
		return false
	}
	// A title the domain takes: not empty, at most 100 characters, and
	// no NUL (refused everywhere since issue 11, naming the title).
	t, ok := sent["title"].(string)
	return ok && t != "" && utf8.RuneCountInString(t) <= 100 && !strings.ContainsRune(t, 0)
}

func (c *rcase) checkUnchanged(idx int, route string, before, after *observation) {
	if diff := sameObservation(before, after); len(diff) > 0 {
		c.fail(idx, route+" refused (or dry run) but changed what clients read", "changed: %s", strings.Join(diff, ", "))
	}
}

// checkAccepted: whatever was accepted is listed, in every listing and
// feed that covers it; the answer is well-formed.
func (c *rcase) checkAccepted(idx int, s rStep, a answer) {
	switch route := writeRoute(s); route {
	case "POST /api/v1/bookings":
		b, _ := a.JSON["booking"].(map[string]any)
		c.checkBookingListed(idx, route, b, s.Actor)
	case "POST /api/v1/series", "PATCH /api/v1/series/:id", "POST /api/v1/series/:id/exceptions":
		se, _ := a.JSON["series"].(map[string]any)
		if se == nil {
			c.fail(idx, route+" accepts without the series", "%s", clip(a.Raw))
			return
		}
		c.checkCanonicalRule(idx, route, se)
		c.checkSeriesListed(idx, route, se)
		if route == "POST /api/v1/series/:id/exceptions" {
			c.checkException(idx, s, se)
		}
	case "POST /api/v1/teams/:id/import":
		imp, _ := a.JSON["import"].(map[string]any)
		created, _ := imp["created"].([]any)
		for _, v := range created {
			it, _ := v.(map[string]any)
			id, _ := it["id"].(string)
			switch it["kind"] {
			case "booking":
				c.checkBookingListed(idx, route, map[string]any{"id": id}, s.Actor)
			case "series":
				c.checkSeriesListed(idx, route, map[string]any{"id": id})
			}
		}
	}
}

// checkBookingListed: the booking is in the booker's and staff's lists,
// in /occurrences over its own time, and in its room's and the booker's
// feeds.
func (c *rcase) checkBookingListed(idx int, route string, b map[string]any, actor string) {
	id, _ := b["id"].(string)
	if id == "" {
		c.fail(idx, route+" accepts without an id", "%v", b)
		return
	}
	for _, k := range []string{"bookings all", "bookings mine " + actor} {
		if list, ok := c.obs.reads[k]; ok && !bytes.Contains(list, []byte(`"`+id+`"`)) { // (an unreadable list failed already)
			c.fail(idx, "accepted booking missing from GET /api/v1/bookings", "%s lacks %s", k, id)
		}
	}
	var full map[string]any
	for _, v := range parseList(c.obs.reads["bookings all"], "bookings") {
		if v["id"] == id {
			full = v
		}
	}
	if full == nil {
		return
	}
	room, _ := full["room"].(string)
	start, err1 := time.Parse(time.RFC3339, str(full["start"]))
	end, err2 := time.Parse(time.RFC3339, str(full["end"]))
	if err1 != nil || err2 != nil {
		c.fail(idx, "GET /api/v1/bookings lists a time that is not RFC 3339", "%v %v", full["start"], full["end"])
		return
	}
	c.checkInFeed(idx, "room:"+room, id)
	c.checkInFeed(idx, "me:"+actor, id)
	w := window{start, end}
	if occ, ok := c.occIn(idx, w, ""); ok && !hasOcc(occ, func(o map[string]any) bool { return o["id"] == id }) {
		c.fail(idx, "accepted booking missing from GET /api/v1/occurrences", "booking %s over %s", id, w)
	}
	c.queueItem(idx, w, "room:"+room, "me:"+actor)
}

// checkSeriesListed: the series is listed, readable by id, in its team's,
// its room's, the courses and its leader's feeds, and its first
// occurrence (as answered: start, unless excluded) is in /occurrences.
func (c *rcase) checkSeriesListed(idx int, route string, se map[string]any) {
	id, _ := se["id"].(string)
	var view map[string]any
	for _, v := range c.obs.series {
		if v["id"] == id {
			view = v
		}
	}
	if view == nil {
		if _, ok := c.obs.reads["series"]; !ok {
			return // the listing is unreadable: that failed already
		}
		if se["room"] == nil || se["room"] == "" { // every date cancelled: the series is gone
			return
		}
		c.fail(idx, "accepted series missing from GET /api/v1/series", "series %s after %s", id, route)
		return
	}
	v := viewOf(view)
	feeds := []string{"team:" + v.Team, "courses", "room:" + v.Room, "me:" + rTeams[v.Team]}
	for _, f := range feeds {
		c.checkInFeed(idx, f, id)
	}
	if v.Start.IsZero() {
		c.fail(idx, "GET /api/v1/series answers a series without a start", "%v", view)
		return
	}
	from := v.Start
	if f, err := time.Parse(time.RFC3339, str(view["from"])); err == nil && f.After(from) {
		from = f // the current part starts at an edit: its first date is later
	}
	w := window{from, from.AddDate(0, 0, 35)}
	if occ, ok := c.occIn(idx, w, ""); ok && from.Equal(v.Start) && !excludedAt(view, v.Start) &&
		!hasOcc(occ, func(o map[string]any) bool { return o["series_id"] == id && sameInstant(o["original_start"], v.Start) }) {
		c.fail(idx, "accepted series' first occurrence missing from GET /api/v1/occurrences",
			"series %s (%s, %s): start %s not listed over %s", id, v.RRule, route, v.Start.Format(time.RFC3339), w)
	}
	c.queueItem(idx, w, feeds...)
}

// checkException: a moved date is listed at its new time (in its new
// room), a cancelled one is not listed at all.
func (c *rcase) checkException(idx int, s rStep, se map[string]any) {
	var req struct{ Occurrence, Action, Start, End, Room string }
	if err := jsonUnmarshal(s.Body, &req); err != nil {
		return
	}
	orig := reqTime(req.Occurrence)
	id, _ := se["id"].(string)
	v := viewOf(se)
	if req.Action == "cancel" {
		w := window{orig, orig.Add(time.Second)}
		if occ, ok := c.occIn(idx, w, ""); ok && hasOcc(occ, func(o map[string]any) bool {
			return o["series_id"] == id && sameInstant(o["start"], orig) && o["moved"] != true
		}) {
			c.fail(idx, "cancelled occurrence still listed", "series %s at %s", id, req.Occurrence)
		}
		c.queueItem(idx, w, "team:"+v.Team, "courses", "room:"+v.Room)
		return
	}
	start, end := reqTime(req.Start), reqTime(req.End)
	room := req.Room
	if room == "" {
		room = v.Room
	}
	w := window{start, end}
	if occ, ok := c.occIn(idx, w, ""); ok && !hasOcc(occ, func(o map[string]any) bool {
		return o["series_id"] == id && o["moved"] == true && o["room"] == room && sameInstant(o["original_start"], orig)
	}) {
		c.fail(idx, "moved occurrence missing from GET /api/v1/occurrences", "series %s: %s moved to %s in %s", id, req.Occurrence, w, room)
	}
	c.checkInFeed(idx, "room:"+room, id)
	c.queueItem(idx, window{start.Add(-time.Hour), end.Add(time.Hour)}, "team:"+v.Team, "courses", "room:"+room, "room:"+v.Room)
}

// checkInFeed: the feed names the item's UID (the series' current part or
// any earlier one, or a moved occurrence).
func (c *rcase) checkInFeed(idx int, key, id string) {
	body, ok := c.obs.feeds[key]
	if !ok {
		return // unreadable: already a failure
	}
	if !bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n "), nil), []byte("UID:"+id)) {
		c.fail(idx, "accepted item missing from "+feedRoute(key), "feed %s lacks UID %s", key, id)
	}
}

// excludedAt reports whether the view excludes t (exdate or exception).
func excludedAt(view map[string]any, t time.Time) bool {
	ex, _ := view["exdates"].([]any)
	for _, d := range ex {
		if sameInstant(d, t) {
			return true
		}
	}
	exc, _ := view["exceptions"].([]any)
	for _, e := range exc {
		if m, _ := e.(map[string]any); m != nil && sameInstant(m["occurrence"], t) {
			return true
		}
	}
	return false
}

// reqTime reads a time as the API does: RFC 3339, whole seconds.
func reqTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t.Truncate(time.Second)
}

func sameInstant(v any, t time.Time) bool {
	u, err := time.Parse(time.RFC3339, str(v))
	return err == nil && u.Equal(t)
}

func str(v any) string { s, _ := v.(string); return s }

func hasOcc(list []map[string]any, f func(map[string]any) bool) bool {
	for _, o := range list {
		if f(o) {
			return true
		}
	}
	return false
}

// feedDiagnosis builds a failing feed in process to say why it fails.
func (c *rcase) feedDiagnosis(key string) string {
	kind, id, _ := strings.Cut(key, ":")
	switch kind {
	case "room":
		kind = booking.FeedRoom
	case "team":
		kind = booking.FeedTeam
	case "me":
		kind, id = booking.FeedPrivate, strings.TrimSuffix(strings.TrimPrefix(c.feeds[key], "/calendar/me/"), ".ics")
	default:
		kind = booking.FeedCourses
	}
	cal, err := c.svc.Feed(context.Background(), kind, id)
	if err != nil {
		return "Service.Feed: " + err.Error()
	}
	if err := ical.Encode(&bytes.Buffer{}, cal); err != nil {
		return "ical.Encode: " + err.Error()
	}
	return "(builds in process)"
}
