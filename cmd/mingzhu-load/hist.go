package main

import (
	"math"
	"math/bits"
	"time"
)

// Histogram is a log-linear latency histogram (the HDR idea, cut down).
// Values below 64 ns get a bucket each; above that every power of two is
// split into 32 equal buckets, so a bucket's midpoint is within 1/64 (1.6%)
// of any value in it. It uses fixed memory whatever the run length, and two
// histograms merge by adding counts, which lets each worker record without
// locks and the report merge afterwards.
type Histogram struct {
	counts        [histBuckets]uint64
	n             uint64
	min, max, sum int64
}

const (
	histLinear  = 64 // values [0, 64) are exact
	histHalf    = histLinear / 2
	histBuckets = histLinear + (64-6-1)*histHalf + histHalf // enough for any int64
)

// histIndex maps a non-negative value to its bucket.
func histIndex(v uint64) int {
	if v < histLinear {
		return int(v)
	}
	shift := bits.Len64(v) - 6 // >= 1; v>>shift lies in [32, 64)
	return histLinear + (shift-1)*histHalf + int(v>>shift) - histHalf
}

// histMid returns a representative value (the midpoint) of bucket i.
func histMid(i int) uint64 {
	if i < histLinear {
		return uint64(i)
	}
	k := i - histLinear
	shift := k/histHalf + 1
	m := uint64(k%histHalf + histHalf)
	return m<<shift + 1<<(shift-1)
}

// Record adds one observation; negative durations count as zero.
func (h *Histogram) Record(d time.Duration) {
	v := int64(d)
	if v < 0 {
		v = 0
	}
	if h.n == 0 || v < h.min {
		h.min = v
	}
	if v > h.max {
		h.max = v
	}
	h.n++
	h.sum += v
	h.counts[histIndex(uint64(v))]++
}

// Merge adds o's observations to h.
func (h *Histogram) Merge(o *Histogram) {
	if o == nil || o.n == 0 {
		return
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	if o.max > h.max {
		h.max = o.max
	}
	h.n += o.n
	h.sum += o.sum
	for i, c := range o.counts {
		h.counts[i] += c
	}
}

// Count is the number of observations.
func (h *Histogram) Count() uint64 { return h.n }

// Max is the largest observation, exact.
func (h *Histogram) Max() time.Duration { return time.Duration(h.max) }

// Mean is the exact mean.
func (h *Histogram) Mean() time.Duration {
	if h.n == 0 {
		return 0
	}
	return time.Duration(h.sum / int64(h.n))
}

// Quantile returns the q-quantile (0 < q <= 1) by the nearest-rank method:
// the smallest recorded value with at least ceil(q*n) values at or below it,
// approximated by its bucket midpoint and clamped to the exact min and max.
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = max(rank, 1)
	rank = min(rank, h.n)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			v := int64(histMid(i))
			return time.Duration(min(max(v, h.min), h.max))
		}
	}
	return time.Duration(h.max)
}
