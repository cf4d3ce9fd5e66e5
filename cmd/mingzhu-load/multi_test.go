package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// instance is one in-process server of several sharing a store (one
// fakeServer), as instances of Mingzhu share one database. It counts what
// it answered, so a test can stop it at a known point of the run.
type instance struct {
	srv      *httptest.Server
	hits     atomic.Int64 // requests answered
	booked   atomic.Int64 // of them, 201s to POST /api/v1/bookings
	after    atomic.Int64 // requests answered after stopped was set
	stopped  *atomic.Bool // shared: set once some instance was stopped
	onAnswer func(*instance)
}

func (in *instance) ServeHTTP(w http.ResponseWriter, r *http.Request, h http.Handler) {
	rec := &statusRecorder{ResponseWriter: w}
	h.ServeHTTP(rec, r)
	in.hits.Add(1)
	if in.stopped.Load() {
		in.after.Add(1)
	}
	if r.Method == "POST" && r.URL.Path == "/api/v1/bookings" && rec.status == 201 {
		in.booked.Add(1)
	}
	if in.onAnswer != nil {
		in.onAnswer(in)
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// startInstances starts n servers over the one store f.
func startInstances(t *testing.T, f http.Handler, n int) []*instance {
	t.Helper()
	stopped := &atomic.Bool{}
	ins := make([]*instance, n)
	for i := range ins {
		in := &instance{stopped: stopped}
		in.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { in.ServeHTTP(w, r, f) }))
		t.Cleanup(in.srv.Close)
		ins[i] = in
	}
	return ins
}

// stopOnce stops victim (from another goroutine: Close waits for the
// request being answered) the first time cond holds after an answer of
// watch.
func stopOnce(watch, victim *instance, cond func() bool) {
	var once sync.Once
	watch.onAnswer = func(*instance) {
		if cond() {
			once.Do(func() {
				victim.stopped.Store(true)
				go victim.srv.Close()
			})
		}
	}
}

func addrsOf(ins []*instance) string {
	var s []string
	for _, in := range ins {
		s = append(s, in.srv.URL)
	}
	return strings.Join(s, ",")
}

// runMulti runs the tool over ins with -json and decodes the report.
func runMulti(t *testing.T, ins []*instance, mix string, extra ...string) (int, Report, string) {
	t.Helper()
	args := append([]string{"-addr", addrsOf(ins), "-mix", mix, "-c", "9", "-d", "1500ms", "-users", "4", "-baseline", "0", "-roll", "200ms", "-json"}, extra...)
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, "admin-pass", &out, &errOut)
	var rep Report
	if code != 2 {
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("output is not one JSON document: %v\n%s", err, out.String())
		}
	}
	return code, rep, errOut.String()
}

func TestAddrOfSpreadsEvenly(t *testing.T) {
	for n := 1; n <= maxAddrs; n++ {
		for conns := n; conns <= 3*maxAddrs; conns++ {
			share := make([]int, n)
			for i := range conns {
				share[addrOf(i, n)]++
			}
			for a, k := range share {
				if k != conns/n && k != conns/n+1 {
					t.Fatalf("%d clients over %d addresses: address %d gets %d, want %d or %d", conns, n, a, k, conns/n, conns/n+1)
				}
			}
		}
	}
}

// Every address is driven, and the per-address rows count exactly what
// each server answered.
func TestRunPhaseSpreadsOverAddrs(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{}")) })
	ins := startInstances(t, ok, 3)
	hc := newHTTPClient(9, time.Second)
	var apis []*API
	for _, in := range ins {
		apis = append(apis, &API{hc: hc, base: in.srv.URL})
	}
	p := &phase{label: "t", ops: ceilingOps(), conns: 9, duration: time.Hour, maxRequests: 3000}
	res := runPhase(context.Background(), p, apis, nil)
	var sum uint64
	for i, in := range ins {
		got := res.perAddr[i].Requests()
		if got == 0 || got != uint64(in.hits.Load()) || res.perAddr[i].Answered != got {
			t.Errorf("address %d: report counts %d (%d answered), server answered %d", i, got, res.perAddr[i].Answered, in.hits.Load())
		}
		sum += got
	}
	if sum != 3000 || res.stats[epCeiling].Requests() != sum {
		t.Errorf("per-address rows add up to %d, total %d, want 3000", sum, res.stats[epCeiling].Requests())
	}
}

func TestParseFlagsAddrs(t *testing.T) {
	cfg, err := parseFlags([]string{"-addr", "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083"}, "", &bytes.Buffer{})
	if err != nil || len(cfg.Bases) != 3 || cfg.Bases[2].String() != "http://127.0.0.1:8083" {
		t.Fatalf("%v, %v", cfg.Bases, err)
	}
	cfg, err = parseFlags(nil, "", &bytes.Buffer{})
	if err != nil || len(cfg.Bases) != 1 || cfg.Bases[0].String() != "http://127.0.0.1:8080" {
		t.Fatalf("default -addr: %v, %v", cfg.Bases, err)
	}
	if _, err := parseFlags([]string{"-c", "2", "-addr", "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083"}, "", &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "-c 2") || !strings.Contains(err.Error(), "-addr") {
		t.Fatalf("fewer clients than addresses: %v", err)
	}
	for _, bad := range []string{"127.0.0.1:8081,", "127.0.0.1:8081,127.0.0.1:8081", ""} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"-addr", bad}, "", &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "mingzhu-load: -addr") {
			t.Errorf("-addr %q: exit %d, stderr %q", bad, code, errOut.String())
		}
	}
}

// An address that is not up at the start is a mistake, not a dead
// instance: the run refuses to start.
func TestRunRefusesDownAddrAtStart(t *testing.T) {
	ins := startInstances(t, newFakeServer(), 2)
	ins[1].srv.Close()
	code, _, stderr := runMulti(t, ins, "read")
	if code != 2 || !strings.Contains(stderr, "not healthy at "+ins[1].srv.URL) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

// One instance of three is stopped mid-run once it has acknowledged some
// bookings: the run goes on, its address shows transport errors, the
// others none, and every 201 (its own too) reads back through a live one.
func TestRunSurvivesInstanceStoppedMidRun(t *testing.T) {
	ins := startInstances(t, newFakeServer(), 3)
	stopOnce(ins[1], ins[1], func() bool { return ins[1].booked.Load() >= 3 && ins[1].hits.Load() >= 30 })
	code, rep, stderr := runMulti(t, ins, "mixed")
	if code != 0 || !rep.Verify.OK {
		t.Fatalf("exit %d; verify %+v\n%s", code, rep.Verify, stderr)
	}
	if !ins[1].stopped.Load() {
		t.Fatalf("instance 2 was never stopped (answered %d, booked %d)", ins[1].hits.Load(), ins[1].booked.Load())
	}
	if len(rep.PerAddr) != 3 || len(rep.Addrs) != 3 || rep.Addr != addrsOf(ins) {
		t.Fatalf("addr %q, addrs %v, %d per-address rows", rep.Addr, rep.Addrs, len(rep.PerAddr))
	}
	dead := rep.PerAddr[1]
	// The first transport error may be a request cut off as it stopped
	// (EOF), the rest are refused connections, tried again at 10/s.
	if dead.Name != ins[1].srv.URL || dead.Transport < 5 || dead.Errors < dead.Transport || dead.Statuses["201"] < 3 ||
		!strings.Contains(dead.Samples["transport"], ins[1].srv.URL) {
		t.Errorf("stopped address: %+v", dead)
	}
	for _, i := range []int{0, 2} {
		if e := rep.PerAddr[i]; e.Errors != 0 || e.Answered == 0 {
			t.Errorf("live address %s: %d errors, %d answered", e.Name, e.Errors, e.Answered)
		}
		if ins[i].after.Load() < 20 {
			t.Errorf("live instance %d answered only %d requests after the other stopped", i, ins[i].after.Load())
		}
	}
	if rep.Total.Transport != dead.Transport {
		t.Errorf("total transport errors %d, the stopped address's %d", rep.Total.Transport, dead.Transport)
	}
	v := rep.Verify
	if v.BookingsChecked != rep.Bookings.Created+rep.Setup.BookingsSeeded || v.BookingsPresent != v.BookingsChecked {
		t.Errorf("verify checked %d, present %d; created %d + seeded %d", v.BookingsChecked, v.BookingsPresent, rep.Bookings.Created, rep.Setup.BookingsSeeded)
	}
	if rep.VerifyVia != ins[0].srv.URL {
		t.Errorf("verified through %q, want the first address", rep.VerifyVia)
	}
	if !strings.Contains(stderr, "errors by addr 0/") {
		t.Errorf("no per-address errors on the progress line:\n%s", stderr)
	}
}

// When the first address, through which setup ran, is the one stopped,
// the final check reads back through the next live one and says so.
func TestRunVerifiesThroughLiveAddr(t *testing.T) {
	ins := startInstances(t, newFakeServer(), 2)
	// Address 0 is stopped once it has made three bookings for its two
	// clients (so one of them has surely received a 201: its next request
	// came after it) and address 1 three; CI once stopped it before any.
	stopOnce(ins[1], ins[0], func() bool { return ins[0].booked.Load() >= 3 && ins[1].booked.Load() >= 3 })
	code, rep, stderr := runMulti(t, ins, "book", "-c", "4")
	if code != 0 || !rep.Verify.OK || !ins[0].stopped.Load() {
		t.Fatalf("exit %d, stopped %v; verify %+v\n%s", code, ins[0].stopped.Load(), rep.Verify, stderr)
	}
	if rep.VerifyVia != ins[1].srv.URL || !strings.Contains(strings.Join(rep.Notes, "\n"), ins[0].srv.URL+" did not answer /healthz") {
		t.Errorf("verified through %q; notes %q", rep.VerifyVia, rep.Notes)
	}
	if rep.PerAddr[0].Transport == 0 || rep.PerAddr[0].Statuses["201"] == 0 || rep.PerAddr[1].Errors != 0 {
		t.Errorf("per address %+v", rep.PerAddr)
	}
	if v := rep.Verify; v.BookingsPresent != v.BookingsChecked || v.BookingsChecked != rep.Bookings.Created {
		t.Errorf("verify %+v, created %d", v, rep.Bookings.Created)
	}
}

func TestTableShowsAddrs(t *testing.T) {
	ins := startInstances(t, newFakeServer(), 2)
	var out, errOut bytes.Buffer
	args := []string{"-addr", addrsOf(ins), "-mix", "occurrences", "-c", "4", "-n", "200", "-users", "2", "-baseline", "0"}
	if code := run(context.Background(), args, "admin-pass", &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	s := out.String()
	for _, want := range []string{"against " + addrsOf(ins), "per address (client i drives address i mod 2)", "\n" + ins[1].srv.URL + " ", "verify read through " + ins[0].srv.URL} {
		if !strings.Contains(s, want) {
			t.Errorf("table lacks %q:\n%s", want, s)
		}
	}
}

// One address: no per-address rows, no verify_via, the table as before.
func TestOneAddrReportUnchanged(t *testing.T) {
	ins := startInstances(t, newFakeServer(), 1)
	code, rep, stderr := runMulti(t, ins, "occurrences", "-n", "100", "-c", "2")
	if code != 0 || rep.PerAddr != nil || rep.VerifyVia != "" || rep.Addr != ins[0].srv.URL || strings.Contains(stderr, "errors by addr") {
		t.Fatalf("exit %d, addr %q, per addr %v, via %q", code, rep.Addr, rep.PerAddr, rep.VerifyVia)
	}
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"-addr", ins[0].srv.URL, "-mix", "occurrences", "-c", "2", "-n", "50", "-users", "1", "-baseline", "0"}, "admin-pass", &out, &errOut)
	if s := out.String(); strings.Contains(s, "per address") || strings.Contains(s, "verify read through") || !strings.Contains(s, "verify OK") {
		t.Errorf("one-address table changed:\n%s", s)
	}
}
