package web_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"mingzhu/booking"
)

// Windows, /occurrences over them, and what each feed must show there:
// the comparisons with ical.js are queued here and run in one batch.

type window struct{ from, to time.Time }

func (w window) String() string {
	return "[" + w.from.Format(time.RFC3339) + ", " + w.to.Format(time.RFC3339) + ")"
}

// clamp fits w into what a listing can be asked for: RFC 3339 years in
// the site zone, at most booking.MaxWindow long.
func (c *rcase) clamp(w window) (window, bool) {
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, c.loc)
	hi := time.Date(9999, 12, 31, 23, 59, 59, 0, c.loc)
	if w.from.Before(lo) {
		w.from = lo
	}
	if w.to.After(hi) {
		w.to = hi
	}
	if w.to.Sub(w.from) > booking.MaxWindow {
		w.to = w.from.Add(booking.MaxWindow)
	}
	w.from, w.to = w.from.In(c.loc), w.to.In(c.loc)
	return w, w.to.After(w.from)
}

// occIn lists everything (as staff, unfiltered) in w.
func (c *rcase) occIn(idx int, w window, extra string) ([]map[string]any, bool) {
	w, ok := c.clamp(w)
	if !ok {
		return nil, false
	}
	actor := "admin"
	if extra != "" {
		actor = "anyone"
	}
	a, ok := c.read(idx, actor, "GET /api/v1/occurrences", c.occPath(w.from, w.to, extra), "occurrences")
	if !ok {
		return nil, false
	}
	list := parseList(a.Raw, "occurrences")
	if extra == "" {
		c.checkNoOverlap(idx, w, list)
	}
	return list, true
}

// checkNoOverlap: no two things occupy one room at once, whatever was
// accepted (the service's first promise).
func (c *rcase) checkNoOverlap(idx int, w window, list []map[string]any) {
	last := map[string]map[string]any{} // room -> latest-ending so far
	for _, o := range list {
		room := str(o["room"])
		if p := last[room]; p != nil && str(p["end"]) != "" {
			pe, _ := time.Parse(time.RFC3339, str(p["end"]))
			s, _ := time.Parse(time.RFC3339, str(o["start"]))
			if pe.After(s) {
				c.fail(idx, "two occurrences overlap in one room", "in %s over %s: %s %s %s–%s and %s %s %s–%s", room, w,
					p["kind"], p["id"], p["start"], p["end"], o["kind"], o["id"], o["start"], o["end"])
			}
			oe, _ := time.Parse(time.RFC3339, str(o["end"]))
			if !oe.After(pe) {
				continue
			}
		}
		last[room] = o
	}
}

func parseList(raw []byte, key string) []map[string]any {
	var body map[string][]map[string]any
	if json.Unmarshal(raw, &body) != nil {
		return nil
	}
	return body[key]
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// feedJob is one comparison for the batch: what ical.js must find in
// feed body over w.
type feedJob struct {
	c    *rcase
	idx  int
	key  string
	body []byte
	w    window
	want []slot
}

// queueNow compares every feed with the API around now.
func (c *rcase) queueNow(idx int) {
	now := c.clk.Now()
	keys := make([]string, 0, len(c.obs.feeds))
	for k := range c.obs.feeds {
		keys = append(keys, k)
	}
	c.queueItem(idx, window{now.AddDate(0, 0, -1), now.AddDate(0, 0, 45)}, keys...)
}

// queueItem compares the given feeds with the API over w; it also checks
// that /occurrences filtered by room or team agrees with the unfiltered
// listing.
func (c *rcase) queueItem(idx int, w window, keys ...string) {
	w, ok := c.clamp(w)
	if !ok {
		return
	}
	occ, ok := c.occIn(idx, w, "")
	if !ok {
		return
	}
	for _, k := range keys {
		body, ok := c.obs.feeds[k]
		if !ok {
			continue
		}
		want := c.derive(k, occ)
		c.batch.add(feedJob{c: c, idx: idx, key: k, body: body, w: w, want: want})
		if kind, id, _ := strings.Cut(k, ":"); kind == "room" || kind == "team" {
			c.checkFiltered(idx, w, kind, id, want)
		}
	}
}

// checkFiltered: /occurrences?room= (anonymous) is the unfiltered
// listing's part in that room, with others' titles hidden.
func (c *rcase) checkFiltered(idx int, w window, kind, id string, want []slot) {
	key := fmt.Sprintf("%d|%s|%s|%s", idx, w, kind, id)
	if c.filteredSeen[key] {
		return
	}
	c.filteredSeen[key] = true
	occ, ok := c.occIn(idx, w, "&"+kind+"="+id)
	if !ok {
		return
	}
	var got []slot
	for _, o := range occ {
		got = append(got, occSlot(o, str(o["title"])))
	}
	if g, w2 := fmt.Sprint(sortSlots(got)), fmt.Sprint(want); g != w2 {
		c.fail(idx, "GET /api/v1/occurrences?"+kind+"= disagrees with the unfiltered listing",
			"%s=%s over %s:\n      filtered   %s\n      unfiltered %s", kind, id, w, g, w2)
	}
}

// derive is what feed key must show of an unfiltered staff listing.
func (c *rcase) derive(key string, occ []map[string]any) []slot {
	kind, id, _ := strings.Cut(key, ":")
	var out []slot
	for _, o := range occ {
		series := o["kind"] == "series"
		title := str(o["title"])
		switch kind {
		case "courses":
			if !series {
				continue
			}
		case "team":
			if !series || o["team"] != id {
				continue
			}
		case "room":
			if o["room"] != id {
				continue
			}
			if !series {
				title = "已预约 Booked"
			}
		case "me":
			if series && rTeams[str(o["team"])] != id || !series && c.obs.owner[str(o["id"])] != id {
				continue
			}
		}
		out = append(out, occSlot(o, title))
	}
	return sortSlots(out)
}

func occSlot(o map[string]any, title string) slot {
	s, _ := time.Parse(time.RFC3339, str(o["start"]))
	e, _ := time.Parse(time.RFC3339, str(o["end"]))
	return slot{s.Unix(), e.Unix(), feedTitle(title)}
}

// feedTitle is a title as a feed can carry it (RFC 5545 §3.3.11): line
// breaks as LF, no other control characters.
func feedTitle(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// batch collects the comparisons of one run for one node start.
type batch struct {
	jobs  []feedJob
	seen  map[string]bool
	cases []*rcase
	quiet bool // a shrinking replay: no logs
}

func (b *batch) add(j feedJob) {
	sum := sha256.Sum256(j.body)
	key := fmt.Sprintf("%x|%s|%v", sum[:8], j.w, j.want)
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	b.jobs = append(b.jobs, j)
}
