package calendar

import (
	"math/bits"
	"slices"
	"sort"
)

// Intersecting periodic sets of days (Chinese remainder theorem).
//
// A periodic set is (res, m): day ∈ set ⇔ day mod m ∈ res. The intersection
// of (a, ma) and (b, mb) is periodic with L = lcm(ma, mb). Write g =
// gcd(ma, mb): residues x ∈ a and y ∈ b meet iff x ≡ y (mod g), and then in
// exactly one day mod L. So the intersection costs about |a| lookups plus one
// CRT solve per meeting pair, whatever the sizes of ma, mb and L: this is
// what keeps two series with INTERVAL=997 and INTERVAL=1000 (meeting once in
// ~19,000 years) as cheap as two weekly ones.

// clashCRTJoin returns the sorted residues mod L = lcm(ma, mb) of the days in
// both sets. It fails with ErrTooMuchWork when the result would exceed
// *work entries or L would overflow int64.
func clashCRTJoin(a []int64, ma int64, b []int64, mb int64, work *int64) ([]int64, int64, error) {
	g := periodGCD(ma, mb)
	m1, m2 := ma/g, mb/g
	if hi, _ := bits.Mul64(uint64(m1), uint64(mb)); hi != 0 || m1 > (1<<62)/mb {
		return nil, 0, ErrTooMuchWork
	}
	L := m1 * mb
	inv := clashModInverse(m1%m2, m2)
	// b sorted by residue mod g, so matches for x are one contiguous run.
	type keyed struct{ k, r int64 }
	bk := make([]keyed, len(b))
	for i, y := range b {
		bk[i] = keyed{y % g, y}
	}
	slices.SortFunc(bk, func(p, q keyed) int {
		if p.k != q.k {
			return clashCmp(p.k, q.k)
		}
		return clashCmp(p.r, q.r)
	})
	var out []int64
	*work -= int64(len(a) + len(b))
	for _, x := range a {
		k := x % g
		i := sort.Search(len(bk), func(i int) bool { return bk[i].k >= k })
		for ; i < len(bk) && bk[i].k == k; i++ {
			// day = x + ma*t with ma*t ≡ y-x (mod mb) ⇔ m1*t ≡ (y-x)/g (mod m2).
			t := clashMulMod(uint64(periodFloorMod((bk[i].r-x)/g, m2)), uint64(inv), uint64(m2))
			out = append(out, x+ma*int64(t))
			if *work--; *work < 0 {
				return nil, 0, ErrTooMuchWork
			}
		}
	}
	slices.Sort(out)
	return out, L, nil
}

// clashShiftRes returns the residues of {d : d+delta ∈ (res mod m)}.
func clashShiftRes(res []int32, m, delta int64) []int64 {
	out := make([]int64, len(res))
	for i, r := range res {
		out[i] = periodFloorMod(int64(r)-delta, m)
	}
	slices.Sort(out)
	return out
}

// clashHasRes reports whether day is in the periodic set (res, m).
func clashHasRes(res []int64, m, day int64) bool {
	_, ok := slices.BinarySearch(res, periodFloorMod(day, m))
	return ok
}

// clashMulMod returns a*b mod m without overflow.
func clashMulMod(a, b, m uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	_, rem := bits.Div64(hi%m, lo, m)
	return rem
}

// clashModInverse returns x with a*x ≡ 1 (mod m), for coprime a and m.
func clashModInverse(a, m int64) int64 {
	if m == 1 {
		return 0
	}
	old, r := a, m
	oldS, s := int64(1), int64(0)
	for r != 0 {
		q := old / r
		old, r = r, old-q*r
		oldS, s = s, oldS-q*s
	}
	return periodFloorMod(oldS, m)
}

// clashCmp compares two int64s (for slices.SortFunc).
func clashCmp(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// clashResIter walks a periodic set upwards from a given day.
type clashResIter struct {
	res  []int64
	m    int64
	base int64 // multiple of m
	i    int
}

// newClashResIter starts at the first member >= from.
func newClashResIter(res []int64, m, from int64) clashResIter {
	it := clashResIter{res: res, m: m, base: from - periodFloorMod(from, m)}
	it.i = sort.Search(len(res), func(i int) bool { return it.base+res[i] >= from })
	if it.i == len(res) {
		it.i, it.base = 0, it.base+m
	}
	return it
}

// cur returns the current member.
func (it *clashResIter) cur() int64 { return it.base + it.res[it.i] }

// advance moves to the next member.
func (it *clashResIter) advance() {
	if it.i++; it.i == len(it.res) {
		it.i, it.base = 0, it.base+it.m
	}
}
