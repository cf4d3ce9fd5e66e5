package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// op is one kind of request a mix sends, picked at random by weight.
type op struct {
	name   string
	weight int
	expect []int // statuses counted as answered
	run    func(ctx context.Context, w *worker) result
}

// phase is one timed run of workers over a set of ops: the Gin baseline and
// the main run both go through it, so they are measured by the same code.
type phase struct {
	label       string
	ops         []op
	conns       int
	duration    time.Duration
	maxRequests uint64
	users       []*user // shared round-robin by workers; nil for the baseline

	start    time.Time
	prog     progress
	addrErrs []atomic.Uint64 // errors per address, for the progress line
	tickets  atomic.Uint64
}

// worker is one simulated client. Everything it records is its own until the
// phase ends, so the hot path takes no locks.
type worker struct {
	api     *API
	addr    int // index of api among the phase's addresses
	user    *user
	phase   *phase
	buf     bytes.Buffer
	stats   map[string]*EndpointStats
	created []created
	etags   map[string]string // room → latest ETag this worker saw
}

// elapsed is the time since the phase started.
func (w *worker) elapsed() time.Duration { return time.Since(w.phase.start) }

// phaseResult is a finished phase, merged over workers.
type phaseResult struct {
	elapsed time.Duration
	stats   map[string]*EndpointStats
	perAddr []*EndpointStats // all endpoints together, one per address, in apis order
	created []created
}

// addrOf is the address worker i of a phase drives: round-robin, so with
// n addresses each gets conns/n workers, give or take one, and the
// instances share the load equally. A worker keeps its address for the
// whole phase, as a client behind a sticky balancer would, so a dead
// instance shows as the errors of its own workers.
func addrOf(i, n int) int { return i % n }

// runPhase drives apis with p.conns workers, spread over them by addrOf,
// until p.duration has passed, p.maxRequests were sent or ctx is
// cancelled, printing a progress line to progressOut every second (nil:
// silent).
func runPhase(ctx context.Context, p *phase, apis []*API, progressOut io.Writer) phaseResult {
	total := 0
	for _, o := range p.ops {
		total += o.weight
	}
	p.addrErrs = make([]atomic.Uint64, len(apis))
	p.start = time.Now()
	deadline := p.start.Add(p.duration)
	workers := make([]*worker, p.conns)
	var wg sync.WaitGroup
	for i := range workers {
		a := addrOf(i, len(apis))
		w := &worker{api: apis[a], addr: a, phase: p, stats: map[string]*EndpointStats{}, etags: map[string]string{}}
		if len(p.users) > 0 {
			w.user = p.users[i%len(p.users)]
		}
		workers[i] = w
		wg.Go(func() { w.loop(ctx, deadline, total) })
	}
	stop := make(chan struct{})
	var pwg sync.WaitGroup
	if progressOut != nil {
		pwg.Go(func() { p.report(progressOut, stop) })
	}
	wg.Wait()
	res := phaseResult{elapsed: time.Since(p.start), stats: map[string]*EndpointStats{}, perAddr: make([]*EndpointStats, len(apis))}
	close(stop)
	pwg.Wait()
	for i := range res.perAddr {
		res.perAddr[i] = newEndpointStats()
	}
	for _, w := range workers {
		for name, s := range w.stats {
			res.perAddr[w.addr].Merge(s)
			m, ok := res.stats[name]
			if !ok {
				m = newEndpointStats()
				res.stats[name] = m
			}
			m.Merge(s)
		}
		res.created = append(res.created, w.created...)
	}
	return res
}

// loop is one worker's life.
func (w *worker) loop(ctx context.Context, deadline time.Time, total int) {
	p := w.phase
	for ctx.Err() == nil && time.Now().Before(deadline) {
		if p.tickets.Add(1) > p.maxRequests {
			return
		}
		o := pick(p.ops, rand.IntN(total))
		r := o.run(ctx, w)
		if r.err != nil && ctx.Err() != nil {
			return // interrupted by the user, not a failure of the server
		}
		cl := classify(r.status, r.err, o.expect)
		var code, msg string
		if r.err == nil && r.status >= 400 {
			code, msg = errorCode(r.body)
			if code == "" {
				code, msg = "(no error body)", truncate(string(r.body), 200)
			}
		}
		s, ok := w.stats[o.name]
		if !ok {
			s = newEndpointStats()
			w.stats[o.name] = s
		}
		s.observe(r, cl, code, msg)
		p.prog.count(r, cl)
		if cl == classError {
			p.addrErrs[w.addr].Add(1)
		}
		switch {
		case r.status == 503 || r.status == 429:
			sleepUntil(ctx, deadline, retryAfter(r.header))
		case r.err != nil:
			// No answer at all: a refused connection fails at once, and a
			// worker whose instance died would otherwise spin, eating the
			// -n budget and the cores the live instances need. It keeps
			// trying at a gentle pace, so an instance that comes back is
			// driven again.
			sleepUntil(ctx, deadline, transportBackoff)
		}
	}
}

// transportBackoff is how long a worker waits after a request that got no
// HTTP answer.
const transportBackoff = 100 * time.Millisecond

// pick chooses the op that n (0 <= n < sum of weights) falls on.
func pick(ops []op, n int) *op {
	for i := range ops {
		if n < ops[i].weight {
			return &ops[i]
		}
		n -= ops[i].weight
	}
	return &ops[len(ops)-1]
}

// sleepUntil sleeps d, or less if ctx ends or the deadline comes first.
func sleepUntil(ctx context.Context, deadline time.Time, d time.Duration) {
	d = min(d, time.Until(deadline))
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// report prints the progress line once a second until stop closes.
func (p *phase) report(out io.Writer, stop <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var last uint64
	for {
		select {
		case <-stop:
			return
		case now := <-tick.C:
			n := p.prog.requests.Load()
			fmt.Fprintf(out, "[%s %3.0fs] req %d (%d/s)  answered %d  unexpected %d  errors %d  503 %d  booked %d%s\n",
				p.label, now.Sub(p.start).Seconds(), n, n-last,
				p.prog.answered.Load(), p.prog.unexpected.Load(), p.prog.errors.Load(),
				p.prog.throttled.Load(), p.prog.booked.Load(), p.addrErrors())
			last = n
		}
	}
}

// addrErrors is the progress line's tail with several addresses, errors
// by address in -addr order ("  errors by addr 0/37/0"), so an instance
// that dies shows at once; empty with one address.
func (p *phase) addrErrors() string {
	if len(p.addrErrs) < 2 {
		return ""
	}
	parts := make([]string, len(p.addrErrs))
	for i := range p.addrErrs {
		parts[i] = strconv.FormatUint(p.addrErrs[i].Load(), 10)
	}
	return "  errors by addr " + strings.Join(parts, "/")
}
