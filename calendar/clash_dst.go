package calendar

import "slices"

// DST corrections for exact clash detection.
//
// Clash detection compares occurrences in "naive" time: local date × 86400 +
// wall clock − a reference offset per rule. That is exact while both
// occurrences of a pair are read with their reference offsets, which is
// always true in zones without DST (Asia/Shanghai). In a DST zone the real
// offset of a date differs from the reference by up to (maxOff − minOff), so
// only pairs whose naive gap is within that margin of the overlap boundary
// (the "marginal" day distances) can be judged wrongly, and then only on some
// dates. From periodZone.regDay on, the offset of every wall time repeats every
// 146,097 days, so the dates on which the real answer differs from the naive
// one (the "flip" set) are a periodic set with that period, computed here over
// one zone cycle and then combined with the pattern residues (clashCRTJoin). The
// days before regDay are swept by brute force (clash.go).
//
// Reading a wall time w across a transition at instant T from offset ob to
// oa (RFC 5545 §3.3.5: skipped times use ob, repeated times their first
// reading, i.e. ob too) gives ob while w < T + max(ob, oa) and oa after. So
// the offset used on day d for wall clock tod changes only at the first day
// whose d×86400+tod reaches such a threshold: a handful of runs per year.

// offsetRuns returns the runs of the offset r reads its wall clock with on
// days [lo, hi): from days[i] on it is offs[i]; days[0] = lo. Needs lo >=
// regDay-3 and hi within the probed range (periodZone.trans).
func (r *Rule) offsetRuns(lo, hi int64) (days, offs []int64) {
	z := r.zone
	if z.fixed {
		return []int64{lo}, []int64{z.fixedOff}
	}
	tr := z.trans
	wLo := lo*periodDaySeconds + r.tod
	wall := func(t periodZoneTrans) int64 { return t.at + max(t.before, t.after) }
	j, _ := slices.BinarySearchFunc(tr, wLo, func(t periodZoneTrans, w int64) int { return clashCmp(wall(t), w+1) })
	cur := tr[0].before
	if j > 0 {
		cur = tr[j-1].after
	}
	days, offs = []int64{lo}, []int64{cur}
	for ; j < len(tr); j++ {
		d := periodCeilDiv(wall(tr[j])-r.tod, periodDaySeconds)
		if d >= hi {
			break
		}
		if d == days[len(days)-1] {
			offs[len(offs)-1] = tr[j].after
			continue
		}
		days, offs = append(days, d), append(offs, tr[j].after)
	}
	return days, offs
}

// clashFlipSet returns the residues (mod 146097) of the days d in [from,
// from+146097) on which the pair (a on d, b on d+delta) overlaps in real
// time but not naively, or the other way round. runsA covers a's days of the
// cycle, runsB b's days shifted by delta.
func clashFlipSet(a, b *Rule, refA, refB, delta, from int64) []int64 {
	to := from + periodCycleDays
	aDays, aOffs := a.offsetRuns(from, to)
	bDays, bOffs := b.offsetRuns(from+delta, to+delta)
	naive := clashOverlaps(a.tod-refA, a.dur, delta*periodDaySeconds+b.tod-refB, b.dur)
	var out []int64
	i, k := 0, 0
	for x := from; x < to; {
		// [x, y): both offsets constant.
		for i+1 < len(aDays) && aDays[i+1] <= x {
			i++
		}
		for k+1 < len(bDays) && bDays[k+1]-delta <= x {
			k++
		}
		y := to
		if i+1 < len(aDays) {
			y = min(y, aDays[i+1])
		}
		if k+1 < len(bDays) {
			y = min(y, bDays[k+1]-delta)
		}
		sa := a.tod - aOffs[i]
		sb := delta*periodDaySeconds + b.tod - bOffs[k]
		if clashOverlaps(sa, a.dur, sb, b.dur) != naive {
			for d := x; d < y; d++ {
				out = append(out, periodFloorMod(d, periodCycleDays))
			}
		}
		x = y
	}
	slices.Sort(out)
	return out
}

// clashOverlaps reports whether [sa, sa+da) and [sb, sb+db) intersect.
func clashOverlaps(sa, da, sb, db int64) bool { return sa < sb+db && sb < sa+da }
