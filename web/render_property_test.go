package web_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The render property (issue 8, point 2): whatever the API accepts —
// POST /series, PATCH /series/:id, POST /teams/:id/import, POST /bookings,
// POST /series/:id/exceptions — can be listed, and appears in every feed
// that covers it, and that feed reads in ical.js exactly as /occurrences
// lists it; whatever it refuses is a 403/404/409/422 (a 422 naming the
// field) and changes nothing. Each case is a fresh server on a fresh
// SQLite file driven by generated requests (render_gen_test.go), checked
// after every step (render_check_test.go); ical.js reads all the feeds of
// a run in one node start. It runs in Asia/Shanghai and in Europe/Berlin
// (a week before the spring change), each with a fixed seed and a fresh
// one; a failure prints its seed and a shrunk request sequence.

var (
	renderCases  = flag.Int("render.cases", 10, "render property: cases per zone and seed")
	renderSteps  = flag.Int("render.steps", 12, "render property: steps per case")
	renderShrink = flag.Duration("render.shrink", 10*time.Second, "render property: time allowed for shrinking failures")
)

// renderFixedSeed is the seed every run explores; a fresh one is added.
const renderFixedSeed = 20261128

func TestRenderProperty(t *testing.T) {
	seeds := []uint64{renderFixedSeed, uint64(time.Now().UnixNano())}
	if s := os.Getenv("MINGZHU_RENDER_SEED"); s != "" { // replay a printed seed
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		seeds = []uint64{n}
	}
	zones := []time.Time{
		time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai),
		time.Date(2027, 3, 21, 10, 0, 0, 0, mustZone("Europe/Berlin")),
	}
	found := &findings{m: map[string]*finding{}}
	start := time.Now()
	for _, now := range zones {
		for _, seed := range seeds {
			t.Logf("render property: %s, seed %d (replay: MINGZHU_RENDER_SEED=%d)", now.Location(), seed, seed)
			runRender(t, now, seed, *renderCases, *renderSteps, found)
		}
	}
	t.Logf("render property: %d cases in %s", len(zones)*len(seeds)**renderCases, time.Since(start).Round(time.Millisecond))
	found.report(t, *renderShrink)
}

// runRender plays n cases from seed and then judges all their feeds in
// one ical.js run.
func runRender(t *testing.T, now time.Time, seed uint64, n, steps int, found *findings) {
	b := &batch{seen: map[string]bool{}}
	for i := 0; i < n; i++ {
		label := fmt.Sprintf("%s seed %d case %d", now.Location(), seed, i)
		c := newCase(t, now, label, found)
		c.batch = b
		c.obs = c.observe(-1)
		g := gen{rand.New(rand.NewPCG(seed, uint64(i)))}
		for k := 0; k < steps; k++ {
			s := c.nextStep(g)
			s.N = len(c.log)
			c.exec(s)
		}
		b.cases = append(b.cases, c)
	}
	finishBatch(t, b)
}

// finishBatch runs ical.js over a batch and judges it.
func finishBatch(t *testing.T, b *batch) {
	var extra [][]byte
	for _, c := range b.cases {
		for k, body := range c.obs.feeds {
			if strings.HasPrefix(k, "team:") {
				extra = append(extra, body)
			}
		}
	}
	res, where := runBatch(t, b.jobs, extra, b.quiet)
	if n := judge(b.jobs, res, where); n > 0 && !b.quiet {
		t.Logf("render property: %d of %d feed comparisons skipped (ical.js needed too many steps to reach the window)", n, len(b.jobs))
	}
	for _, c := range b.cases {
		checkFirsts(c, res)
	}
}

// finding is one distinct failure: its first occurrence, and how often.
type finding struct {
	sig, detail, label string
	steps              []rStep
	start              time.Time
	idx, count         int
}

type findings struct {
	mu    sync.Mutex
	m     map[string]*finding
	order []string
}

// fail records a failure of step idx of c under signature sig.
func (c *rcase) fail(idx int, sig, format string, args ...any) {
	f := c.found
	f.mu.Lock()
	defer f.mu.Unlock()
	if old, ok := f.m[sig]; ok {
		old.count++
		return
	}
	steps := append([]rStep(nil), c.log[:min(idx+1, len(c.log))]...)
	f.m[sig] = &finding{sig: sig, detail: fmt.Sprintf(format, args...), label: c.label, steps: steps, start: c.startClock(), idx: idx, count: 1}
	f.order = append(f.order, sig)
}

// report fails the test once per distinct failure, with a reproducer
// shrunk for as long as budget allows.
func (f *findings) report(t *testing.T, budget time.Duration) {
	deadline := time.Now().Add(budget)
	var out []string
	for _, sig := range f.order {
		fd := f.m[sig]
		steps, shrunk := fd.steps, false
		if time.Now().Before(deadline) {
			steps, shrunk = shrinkSteps(t, fd, deadline)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n  (%d times; first in %s at step %d)\n  %s\n", sig, fd.count, fd.label, fd.idx, strings.ReplaceAll(fd.detail, "\n", "\n  "))
		what := "requests"
		if shrunk {
			what = "shrunk requests"
		}
		fmt.Fprintf(&b, "  %s (site zone %s, clock %s; actors admin, leadA leads alpha, leadB leads beta, res1):\n", what, fd.start.Location(), fd.start.Format(time.RFC3339))
		for i, s := range steps {
			fmt.Fprintf(&b, "  %2d. %s\n", i, s)
		}
		out = append(out, b.String())
	}
	sort.Strings(out)
	if path := os.Getenv("MINGZHU_RENDER_FINDINGS"); path != "" {
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Log(err)
		}
	}
	for _, s := range out {
		t.Error(s)
	}
}

// shrinkSteps drops steps from a failing sequence for as long as the
// failure stays (each try is a fresh case); it reports whether the
// failure reproduced at all.
func shrinkSteps(t *testing.T, fd *finding, deadline time.Time) ([]rStep, bool) {
	steps := fd.steps
	if !reproduces(t, fd, steps) {
		return steps, false
	}
	for changed := true; changed && time.Now().Before(deadline); {
		changed = false
		for i := len(steps) - 1; i >= 0 && time.Now().Before(deadline); i-- {
			try := append(append([]rStep(nil), steps[:i]...), steps[i+1:]...)
			if reproduces(t, fd, try) {
				steps, changed = try, true
			}
		}
	}
	return steps, true
}

// reproduces replays steps on a fresh case and reports whether fd's
// failure happens again.
func reproduces(t *testing.T, fd *finding, steps []rStep) bool {
	mine := &findings{m: map[string]*finding{}}
	c := newCase(t, fd.start, "shrink", mine)
	c.batch = &batch{seen: map[string]bool{}, quiet: true}
	c.obs = c.observe(-1)
	for _, s := range steps {
		c.exec(s)
		if mine.m[fd.sig] != nil {
			return true
		}
	}
	if strings.HasPrefix(fd.sig, "ical.js") || strings.HasPrefix(fd.sig, "series' first") {
		c.batch.cases = []*rcase{c}
		finishBatch(t, c.batch)
	}
	return mine.m[fd.sig] != nil
}
