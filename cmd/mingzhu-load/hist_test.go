package main

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestHistIndexContiguous(t *testing.T) {
	// Every bucket's midpoint must map back to that bucket, and indexes must
	// rise by at most one as values rise, across the whole range used.
	for i := 0; i < histBuckets-1; i++ {
		if got := histIndex(histMid(i)); got != i {
			t.Fatalf("histIndex(histMid(%d)=%d) = %d", i, histMid(i), got)
		}
	}
	prev := 0
	for v := uint64(0); v < 1<<20; v++ {
		i := histIndex(v)
		if i != prev && i != prev+1 {
			t.Fatalf("index jumps from %d to %d at %d", prev, i, v)
		}
		prev = i
	}
	if got := histIndex(1<<63 - 1); got >= histBuckets {
		t.Fatalf("max int64 maps to %d, beyond %d buckets", got, histBuckets)
	}
}

// exactQuantile is the nearest-rank quantile of sorted xs.
func exactQuantile(xs []time.Duration, q float64) time.Duration {
	rank := int(float64(len(xs))*q + 0.999999999)
	rank = max(rank, 1)
	return xs[rank-1]
}

func TestQuantileAgainstExact(t *testing.T) {
	tests := []struct {
		name string
		gen  func(r *rand.Rand) time.Duration
	}{
		{"uniform 0-10ms", func(r *rand.Rand) time.Duration { return time.Duration(r.Int64N(int64(10 * time.Millisecond))) }},
		{"exponential mean 2ms", func(r *rand.Rand) time.Duration { return time.Duration(r.ExpFloat64() * float64(2*time.Millisecond)) }},
		{"bimodal 100µs / 50ms", func(r *rand.Rand) time.Duration {
			if r.IntN(100) < 97 {
				return 100*time.Microsecond + time.Duration(r.IntN(1000))
			}
			return 50*time.Millisecond + time.Duration(r.IntN(1000000))
		}},
		{"tiny ns", func(r *rand.Rand) time.Duration { return time.Duration(r.IntN(60)) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			var h Histogram
			xs := make([]time.Duration, 100000)
			for i := range xs {
				xs[i] = tc.gen(r)
				h.Record(xs[i])
			}
			slices.Sort(xs)
			for _, q := range []float64{0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1} {
				want, got := exactQuantile(xs, q), h.Quantile(q)
				diff := got - want
				if diff < 0 {
					diff = -diff
				}
				if float64(diff) > float64(want)/64+1 {
					t.Errorf("q%.3f = %v, exact %v (error %v > 1/64)", q, got, want, diff)
				}
			}
			if h.Max() != xs[len(xs)-1] {
				t.Errorf("max %v, want %v", h.Max(), xs[len(xs)-1])
			}
		})
	}
}

func TestQuantileSmallAndEmpty(t *testing.T) {
	var h Histogram
	if h.Quantile(0.99) != 0 || h.Mean() != 0 {
		t.Fatal("empty histogram should report zero")
	}
	h.Record(3 * time.Millisecond)
	for _, q := range []float64{0.01, 0.5, 1} {
		if got := h.Quantile(q); got != 3*time.Millisecond {
			t.Errorf("single value: q%v = %v", q, got)
		}
	}
	// Nearest rank: with 1..100 ms, p50 is 50 ms and p99 is 99 ms.
	var g Histogram
	for i := 1; i <= 100; i++ {
		g.Record(time.Duration(i) * time.Millisecond)
	}
	for q, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond} {
		got := g.Quantile(q)
		if d := got - want; d > want/64 || d < -want/64 {
			t.Errorf("q%v = %v, want about %v", q, got, want)
		}
	}
	h.Record(-time.Second)
	if h.Quantile(0.01) != 0 {
		t.Errorf("negative durations should count as zero")
	}
}

func TestMergeEqualsSingle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var all, a, b Histogram
	for i := 0; i < 50000; i++ {
		d := time.Duration(r.Int64N(int64(time.Second)))
		all.Record(d)
		if i%3 == 0 {
			a.Record(d)
		} else {
			b.Record(d)
		}
	}
	var m Histogram
	m.Merge(&a)
	m.Merge(&b)
	m.Merge(&Histogram{})
	if m != all {
		t.Fatal("merged histogram differs from one fed every value")
	}
}
