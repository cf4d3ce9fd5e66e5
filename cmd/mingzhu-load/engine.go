package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
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

	start   time.Time
	prog    progress
	tickets atomic.Uint64
}

// worker is one simulated client. Everything it records is its own until the
// phase ends, so the hot path takes no locks.
type worker struct {
	api     *API
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
	created []created
}

// runPhase drives api with p.conns workers until p.duration has passed,
// p.maxRequests were sent or ctx is cancelled, printing a progress line to
// progressOut every second (nil: silent).
func runPhase(ctx context.Context, p *phase, api *API, progressOut io.Writer) phaseResult {
	total := 0
	for _, o := range p.ops {
		total += o.weight
	}
	p.start = time.Now()
	deadline := p.start.Add(p.duration)
	workers := make([]*worker, p.conns)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{api: api, phase: p, stats: map[string]*EndpointStats{}, etags: map[string]string{}}
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
	res := phaseResult{elapsed: time.Since(p.start), stats: map[string]*EndpointStats{}}
	close(stop)
	pwg.Wait()
	for _, w := range workers {
		for name, s := range w.stats {
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
		if r.status == 503 || r.status == 429 {
			sleepUntil(ctx, deadline, retryAfter(r.header))
		}
	}
}

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
			fmt.Fprintf(out, "[%s %3.0fs] req %d (%d/s)  answered %d  unexpected %d  errors %d  503 %d  booked %d\n",
				p.label, now.Sub(p.start).Seconds(), n, n-last,
				p.prog.answered.Load(), p.prog.unexpected.Load(), p.prog.errors.Load(),
				p.prog.throttled.Load(), p.prog.booked.Load())
			last = n
		}
	}
}
