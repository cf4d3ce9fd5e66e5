package main

import (
	"context"
	"net/http"
	"net/http/httptest"
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
