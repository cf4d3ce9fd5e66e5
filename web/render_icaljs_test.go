package web_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/tests/icaljs"
)

// Running a batch through ical.js (testdata/render/expand_batch.mjs) and
// judging the answers.

type jsOcc struct {
	UID     string `json:"uid"`
	Summary string `json:"summary"`
	Start   int64  `json:"start"` // Unix milliseconds
	End     int64  `json:"end"`
}

type jsFeed struct {
	Error   string `json:"error"`
	Windows []struct {
		Truncated   string  `json:"truncated"`
		Occurrences []jsOcc `json:"occurrences"`
	} `json:"windows"`
	Firsts map[string]jsOcc `json:"firsts"`
}

// jsFeeds is the batch's answer by feed hash.
type jsFeeds map[string]*jsFeed

func feedHash(body []byte) string {
	sum := sha256.Sum256(body)
	return fmt.Sprintf("%x", sum[:12])
}

// ensureICALJS installs ical.js once (through the shared helper, which
// fails when node or npm is missing).
func ensureICALJS(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	mod := filepath.Join(filepath.Dir(file), "..", "tests", "icaljs", "node_modules", "ical.js", "package.json")
	if _, err := os.Stat(mod); err == nil {
		return
	}
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nEND:VCALENDAR\r\n"
	icaljs.Expand(t, []byte(cal), time.Unix(0, 0), time.Unix(1, 0))
}

// runBatch expands every job's feed over every window it was asked for,
// in one node run, plus extra feeds (for their first occurrences).
func runBatch(t *testing.T, jobs []feedJob, extra [][]byte, quiet bool) (jsFeeds, map[*feedJob]int) {
	ensureICALJS(t)
	dir := t.TempDir()
	if keep := os.Getenv("MINGZHU_RENDER_KEEP"); keep != "" { // to rerun a batch by hand
		dir = keep
		_ = os.MkdirAll(dir, 0o755)
	}
	type entry struct {
		ID      string     `json:"id"`
		File    string     `json:"file"`
		Windows [][2]int64 `json:"windows"`
	}
	entries := map[string]*entry{}
	var order []string
	need := func(body []byte) *entry {
		h := feedHash(body)
		if e, ok := entries[h]; ok {
			return e
		}
		f := filepath.Join(dir, h+".ics")
		if err := os.WriteFile(f, body, 0o644); err != nil {
			t.Fatal(err)
		}
		e := &entry{ID: h, File: f}
		entries[h], order = e, append(order, h)
		return e
	}
	where := map[*feedJob]int{}
	for i := range jobs {
		j := &jobs[i]
		e := need(j.body)
		win := [2]int64{j.w.from.UnixMilli(), j.w.to.UnixMilli()}
		k := slices.Index(e.Windows, win)
		if k < 0 {
			k, e.Windows = len(e.Windows), append(e.Windows, win)
		}
		where[j] = k
	}
	for _, b := range extra {
		need(b)
	}
	var manifest struct {
		Feeds []*entry `json:"feeds"`
	}
	for _, h := range order {
		manifest.Feeds = append(manifest.Feeds, entries[h])
	}
	mf := filepath.Join(dir, "manifest.json")
	raw, _ := json.Marshal(manifest)
	if err := os.WriteFile(mf, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	_, file, _, _ := runtime.Caller(0)
	cmd := exec.Command("node", filepath.Join(filepath.Dir(file), "testdata", "render", "expand_batch.mjs"), mf)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	began := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("expand_batch.mjs: %v: %s", err, stderr.String())
	}
	res := jsFeeds{}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("expand_batch.mjs output: %v", err)
	}
	if !quiet {
		nw := 0
		for _, e := range manifest.Feeds {
			nw += len(e.Windows)
		}
		t.Logf("render property: ical.js read %d feeds over %d windows for %d comparisons in %s",
			len(manifest.Feeds), nw, len(jobs), time.Since(began).Round(time.Millisecond))
	}
	return res, where
}

// mismatchKind tells mismatches apart for signatures: what differs, and
// the era of the window (zone rules differ by era).
func mismatchKind(j *feedJob, got []slot) string {
	what := "different occurrences"
	switch {
	case len(got) > len(j.want):
		what = "ical.js has more occurrences"
	case len(got) < len(j.want):
		what = "ical.js has fewer occurrences"
	default:
		sameTimes, sameTitles := true, true
		for i := range got {
			sameTimes = sameTimes && got[i].start == j.want[i].start && got[i].end == j.want[i].end
			sameTitles = sameTitles && got[i].title == j.want[i].title
		}
		switch {
		case sameTimes:
			what = "titles differ"
		case sameTitles && onlyEndsAcrossDST(j, got):
			what = "ends differ where an occurrence spans a DST change"
		case sameTitles:
			what = "times differ"
		}
	}
	era := "years 1970-2099"
	switch y := j.w.from.Year(); {
	case y < 1970:
		era = "years before 1970"
	case y >= 2100:
		era = "years after 2099"
	}
	return what + ", " + era
}

// onlyEndsAcrossDST reports whether got and want differ only in the ends
// of occurrences during which the site zone's offset changes.
func onlyEndsAcrossDST(j *feedJob, got []slot) bool {
	for i, w := range j.want {
		if got[i] == w {
			continue
		}
		_, o1 := time.Unix(w.start, 0).In(j.c.loc).Zone()
		_, o2 := time.Unix(w.end, 0).In(j.c.loc).Zone()
		if got[i].start != w.start || o1 == o2 {
			return false
		}
	}
	return true
}

// judge compares each job with ical.js's reading; it returns how many
// comparisons a runaway expansion left out.
func judge(jobs []feedJob, res jsFeeds, where map[*feedJob]int) (truncated int) {
	for i := range jobs {
		j := &jobs[i]
		r := res[feedHash(j.body)]
		switch {
		case r == nil:
			continue
		case r.Error != "":
			first, _, _ := strings.Cut(r.Error, " | ")
			j.c.fail(j.idx, "ical.js cannot read a feed: "+normSig(first),
				"feed %s (%s): %s\n--- feed ---\n%s", j.key, feedRoute(j.key), r.Error, clip(j.body))
			continue
		}
		win := r.Windows[where[j]]
		if win.Truncated != "" {
			truncated++
			continue
		}
		var got []slot
		for _, o := range win.Occurrences {
			got = append(got, slot{o.Start / 1000, o.End / 1000, o.Summary})
		}
		got = sortSlots(got)
		if !slices.Equal(got, j.want) {
			j.c.fail(j.idx, "ical.js reads a feed differently from GET /api/v1/occurrences: "+mismatchKind(j, got),
				"feed %s over %s:\n%s", j.key, j.w, slotDiff(got, j.want))
		}
	}
	return truncated
}

// slotDiff shows two slot lists side by side in the site zone.
func slotDiff(got, want []slot) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)) && i < 12; i++ {
		var g, w string
		if i < len(got) {
			g = got[i].String()
		}
		if i < len(want) {
			w = want[i].String()
		}
		mark := "  "
		if g != w {
			mark = "!!"
		}
		fmt.Fprintf(&b, "      %s ical.js %-40s API %s\n", mark, g, w)
	}
	if n := max(len(got), len(want)); n > 12 {
		fmt.Fprintf(&b, "      … (%d and %d in all)\n", len(got), len(want))
	}
	return b.String()
}

// checkFirsts: for every series a case ends with, ical.js finds a first
// occurrence in its team's feed, and /occurrences lists the series there.
func checkFirsts(c *rcase, res jsFeeds) {
	idx := len(c.log) - 1
	for _, se := range c.obs.series {
		v := viewOf(se)
		body, ok := c.obs.feeds["team:"+v.Team]
		if !ok {
			continue
		}
		r := res[feedHash(body)]
		if r == nil || r.Error != "" {
			continue // reported by judge
		}
		var first *jsOcc
		for uid, o := range r.Firsts {
			if strings.HasPrefix(uid, v.ID) && (first == nil || o.Start < first.Start) {
				o := o
				first = &o
			}
		}
		if first == nil {
			c.fail(idx, "ical.js finds no occurrence of a listed series", "series %s (%s) in team feed %s", v.ID, v.RRule, v.Team)
			continue
		}
		w := window{time.UnixMilli(first.Start), time.UnixMilli(first.End)}
		occ, ok := c.occIn(idx, w, "")
		if ok && !hasOcc(occ, func(o map[string]any) bool { return o["series_id"] == v.ID && sameInstant(o["start"], w.from) }) {
			c.fail(idx, "series' first occurrence (as ical.js reads the feed) missing from GET /api/v1/occurrences",
				"series %s (%s): ical.js starts it at %s; /occurrences over %s lists %d items", v.ID, v.RRule, w.from.In(c.loc).Format(time.RFC3339), w, len(occ))
		}
	}
}
