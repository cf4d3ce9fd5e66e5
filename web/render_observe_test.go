package web_test

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// An observation is everything a client can read after a step: the
// listings, every series by id, every feed. Each read is checked as it is
// made (200, well-formed and non-empty); a refused write must leave the
// whole observation byte-for-byte as it was.

type observation struct {
	reads  map[string][]byte // what was read -> body
	feeds  map[string][]byte // feed key -> body (also in reads)
	series []map[string]any  // GET /series
	owner  map[string]string // booking id -> actor who made it (the case's, kept across steps)
}

// observe reads everything after step idx and checks each answer.
func (c *rcase) observe(idx int) *observation {
	o := &observation{reads: map[string][]byte{}, feeds: map[string][]byte{}, owner: c.owner}
	if a, ok := c.read(idx, "anyone", "GET /api/v1/series", "/api/v1/series", "series"); ok {
		for _, v := range a.JSON["series"].([]any) {
			if m, _ := v.(map[string]any); m != nil {
				o.series = append(o.series, m)
			}
		}
		o.reads["series"] = a.Raw
	}
	for _, se := range o.series {
		id, _ := se["id"].(string)
		if a, ok := c.read(idx, "anyone", "GET /api/v1/series/:id", "/api/v1/series/"+id, "series"); ok {
			o.reads["series/"+id] = a.Raw
		}
		c.checkCanonicalRule(idx, "GET /api/v1/series", se)
	}
	if a, ok := c.read(idx, "admin", "GET /api/v1/bookings?all=1", "/api/v1/bookings?all=1", "bookings"); ok {
		o.reads["bookings all"] = a.Raw
		for _, v := range a.JSON["bookings"].([]any) {
			b, _ := v.(map[string]any)
			id, _ := b["id"].(string)
			uid, _ := b["user_id"].(string)
			if a := c.userIDs[uid]; a != "" {
				o.owner[id] = a
			}
		}
	}
	for _, actor := range rActors {
		if a, ok := c.read(idx, actor, "GET /api/v1/bookings?mine=1", "/api/v1/bookings?mine=1", "bookings"); ok {
			o.reads["bookings mine "+actor] = a.Raw
		}
	}
	keys := make([]string, 0, len(c.feeds))
	for k := range c.feeds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if body, ok := c.readFeed(idx, k); ok {
			o.feeds[k] = body
			o.reads["feed "+k] = body
		}
	}
	now := c.clk.Now()
	if a, ok := c.read(idx, "admin", "GET /api/v1/occurrences", c.occPath(now.AddDate(0, 0, -1), now.AddDate(0, 0, 45), ""), "occurrences"); ok {
		o.reads["occurrences now"] = a.Raw
	}
	return o
}

// read makes one JSON read and checks it: 200, well-formed, the wrapper
// key present. A 200 with an empty body is the failure point 3 names.
func (c *rcase) read(idx int, actor, route, path, key string) (answer, bool) {
	a := c.call(actor, "GET", path, "", nil)
	switch {
	case a.Status != 200:
		c.fail(idx, fmt.Sprintf("%s answers %d%s", route, a.Status, c.loggedSig()), "%s as %s: %d %s%s", path, actor, a.Status, clip(a.Raw), c.logged())
	case len(a.Raw) == 0:
		c.fail(idx, route+" answers 200 with an empty body", "%s as %s: 200, Content-Type %q, no body%s", path, actor, a.CType, c.logged())
	case a.BadJSON != nil || a.JSON[key] == nil:
		c.fail(idx, route+" answers malformed JSON", "%s as %s: %v: %s", path, actor, a.BadJSON, clip(a.Raw))
	default:
		return a, true
	}
	return a, false
}

// feedRoute names a feed key's route, for signatures.
func feedRoute(key string) string {
	switch kind, _, _ := strings.Cut(key, ":"); kind {
	case "room":
		return "GET /calendar/rooms/:room.ics"
	case "team":
		return "GET /calendar/teams/:team.ics"
	case "me":
		return "GET /calendar/me/:token.ics"
	}
	return "GET /calendar/courses.ics"
}

// readFeed reads one feed and checks its envelope; ical.js reads it later.
func (c *rcase) readFeed(idx int, key string) ([]byte, bool) {
	a := c.call("", "GET", c.feeds[key], "", nil)
	route := feedRoute(key)
	switch {
	case a.Status != 200:
		diag := c.feedDiagnosis(key)
		c.fail(idx, fmt.Sprintf("feeds answer %d: %s", a.Status, normSig(diag)), "%s (feed %s): %d %s%s\n    %s", route, key, a.Status, clip(a.Raw), c.logged(), diag)
		return nil, false
	case a.CType != "text/calendar; charset=utf-8":
		c.fail(idx, route+" has the wrong Content-Type", "feed %s: %q", key, a.CType)
	case !bytes.HasPrefix(a.Raw, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(a.Raw, []byte("END:VCALENDAR\r\n")):
		c.fail(idx, route+" is not one whole VCALENDAR", "feed %s: %s", key, clip(a.Raw))
	}
	c.checkFeedLines(idx, key, a.Raw)
	return a.Raw, true
}

var canonicalRRule = regexp.MustCompile(`^[A-Z0-9=;,+\-]+$`)

// rulePartNames are the parts RFC 5545 §3.3.10 knows.
var rulePartNames = []string{"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
	"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"}

// canonicalRule reports whether r is a bare RRULE value in the one
// canonical form: upper case, no spaces, known parts each once, FREQ first.
func canonicalRule(r string) bool {
	if !canonicalRRule.MatchString(r) || !strings.HasPrefix(r, "FREQ=") {
		return false
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(r, ";") {
		k, v, ok := strings.Cut(part, "=")
		if !ok || v == "" || seen[k] || !slices.Contains(rulePartNames, k) {
			return false
		}
		seen[k] = true
	}
	return true
}

// checkFeedLines checks what every subscriber relies on line by line:
// folded at 75 octets, and RRULEs in the one canonical form (point 1).
func (c *rcase) checkFeedLines(idx int, key string, body []byte) {
	for _, line := range strings.Split(string(body), "\r\n") {
		if len(line) > 75 {
			c.fail(idx, "a feed has a line longer than 75 octets", "feed %s: %d octets: %q", key, len(line), line)
			return
		}
	}
	unfolded := strings.ReplaceAll(string(body), "\r\n ", "")
	for _, line := range strings.Split(unfolded, "\r\n") {
		if v, ok := strings.CutPrefix(line, "RRULE:"); ok && !canonicalRule(v) {
			c.fail(idx, "feeds publish a rule not in canonical form", "feed %s (%s): %q", key, feedRoute(key), line)
		}
	}
}

// checkCanonicalRule: the answered rule is the canonical one (point 1).
func (c *rcase) checkCanonicalRule(idx int, route string, se map[string]any) {
	if r, _ := se["rrule"].(string); r != "" && !canonicalRule(r) {
		c.fail(idx, "the API answers a rule not in canonical form", "%s: series %s: rrule %q", route, se["id"], r)
	}
}

// occPath is /occurrences over [from, to) with extra query parameters.
func (c *rcase) occPath(from, to time.Time, extra string) string {
	return fmt.Sprintf("/api/v1/occurrences?from=%s&to=%s%s", url.QueryEscape(from.In(c.loc).Format(time.RFC3339)),
		url.QueryEscape(to.In(c.loc).Format(time.RFC3339)), extra)
}

// sameObservation reports what a refused write changed.
func sameObservation(before, after *observation) []string {
	var diff []string
	for k, v := range before.reads {
		if w, ok := after.reads[k]; !ok {
			diff = append(diff, k+" (no longer readable)")
		} else if !bytes.Equal(v, w) {
			diff = append(diff, k)
		}
	}
	for k := range after.reads {
		if _, ok := before.reads[k]; !ok {
			diff = append(diff, k+" (new)")
		}
	}
	sort.Strings(diff)
	return diff
}

func clip(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

var (
	sigDigits = regexp.MustCompile(`\d+`)
	sigIDs    = regexp.MustCompile(`\b[0-9a-z]{26}\b`)
	sigQuoted = regexp.MustCompile(`"[^"]*"|'[^']*'`)
)

// normSig keeps what tells one cause from another in an error message:
// ids, numbers and quoted input are blanked.
func normSig(s string) string {
	s = strings.TrimSpace(s)
	s = sigIDs.ReplaceAllString(s, "ID")
	s = sigQuoted.ReplaceAllString(s, `"…"`)
	s = sigDigits.ReplaceAllString(s, "N")
	if len(s) > 160 {
		s = s[:160]
	}
	return s
}

// loggedSig is the server's error log of the last request, for a
// signature ("" when it logged nothing).
func (c *rcase) loggedSig() string {
	if len(c.lastLog) == 0 {
		return ""
	}
	return ": " + normSig(c.lastLog[len(c.lastLog)-1])
}
