package calendar

// Exact clashes between two periodic series.
//
// Let day d be a local date of series a and δ the distance in local dates to
// b's occurrence. In naive time (day×86400 + wall clock − reference offset)
// the two occurrences overlap or not depending on δ alone, and durations of
// at most 24h leave only a few δ to look at. For each δ:
//
//	C_δ = {d : d ∈ dates(a), d+δ ∈ dates(b)}     clashCRTJoin, period L = lcm(Pa, Pb)
//	F_δ = days on which real time disagrees with naive time (DST only,
//	      period 146097, clash_dst.go)
//	G_δ = C_δ ∩ F_δ                              clashCRTJoin, period lcm(L, 146097)
//	clash days = C_δ \ G_δ if the naive pair overlaps, else G_δ.
//
// Both series restricted to their day windows, minus exdates (finitely many),
// from day s (both zones periodic) on. Every set is periodic, so: clashes of
// two endless series are infinitely many as soon as one set is non-empty; a
// bounded window is counted arithmetically; and the first clashes are found
// by walking the residues in order, however far ahead they lie.

// clashStream is the set of clash days for one δ, walked in order.
type clashStream struct {
	delta  int64
	naive  bool    // naive pair overlaps: days are c minus g, else g
	c      []int64 // C_δ residues mod lc
	lc     int64
	g      []int64 // G_δ residues mod lg (nil: none)
	lg     int64
	lo, hi int64 // window on a's day
	it     clashResIter
	head   int64
	done   bool
}

// member reports whether a-day d is in the stream's set (window aside).
func (s *clashStream) member(d int64) bool {
	inG := s.g != nil && clashHasRes(s.g, s.lg, d)
	if s.naive {
		return clashHasRes(s.c, s.lc, d) && !inG
	}
	return inG
}

// nonEmpty reports whether the stream's set (ignoring window) has members.
func (s *clashStream) nonEmpty() bool {
	if !s.naive {
		return len(s.g) > 0
	}
	if s.g == nil {
		return len(s.c) > 0
	}
	return int64(len(s.c))*(s.lg/s.lc) > int64(len(s.g))
}

// count returns the number of members in the window (hi finite).
func (s *clashStream) count() int64 {
	n := int64(0)
	if s.g != nil {
		n = periodCountRes(s.g, s.lg, s.hi) - periodCountRes(s.g, s.lg, s.lo)
	}
	if s.naive {
		n = periodCountRes(s.c, s.lc, s.hi) - periodCountRes(s.c, s.lc, s.lo) - n
	}
	return n
}

// fill moves head to the next clash day not cancelled by an exdate.
func (s *clashStream) fill(a, b *Rule, work *int64) error {
	for {
		d := s.it.cur()
		if d >= s.hi {
			s.done = true
			return nil
		}
		s.it.advance()
		if *work--; *work < 0 {
			return ErrTooMuchWork
		}
		if s.naive && s.g != nil && clashHasRes(s.g, s.lg, d) {
			continue
		}
		if a.excluded(d) || b.excluded(d+s.delta) {
			continue
		}
		s.head = d
		return nil
	}
}

// clashPeriodic handles two series that are not listed (see Clashes).
func clashPeriodic(a, b *Rule, limit int, work *int64) (ClashResult, error) {
	s := max(a.zone.regDay, b.zone.regDay+4)
	pairs, total, err := clashSweepPrefix(a, b, s, limit, work)
	if err != nil {
		return ClashResult{}, err
	}
	streams, err := steadyStreams(a, b, s, work)
	if err != nil {
		return ClashResult{}, err
	}
	res := ClashResult{Pairs: pairs}
	if a.hi >= periodFarDay && b.hi >= periodFarDay && len(streams) > 0 {
		res.Unbounded, res.Total = true, -1
	} else {
		n := int64(total)
		for _, st := range streams {
			n += st.count()
		}
		n -= clashExdateCount(a, b, streams)
		res.Total = int(n)
	}
	for _, st := range streams {
		st.it = newClashResIter(st.c, st.lc, st.lo)
		if !st.naive {
			st.it = newClashResIter(st.g, st.lg, st.lo)
		}
		if err := st.fill(a, b, work); err != nil {
			return ClashResult{}, err
		}
	}
	for len(res.Pairs) < limit {
		var best *clashStream
		for _, st := range streams {
			if !st.done && (best == nil || st.head < best.head) {
				best = st
			}
		}
		if best == nil {
			break
		}
		res.Pairs = append(res.Pairs, clashDays{best.head, best.head + best.delta}.pair(a, b))
		if err := best.fill(a, b, work); err != nil {
			return ClashResult{}, err
		}
	}
	return res, nil
}

// steadyStreams builds the non-empty clash sets for every δ, in δ order.
func steadyStreams(a, b *Rule, s int64, work *int64) ([]*clashStream, error) {
	ta, tb := a.periodTable(), b.periodTable()
	resA := clashShiftRes(ta.res, ta.P, 0)
	refA, refB := clashRefOffset(a.zone), clashRefOffset(b.zone)
	dev := (a.zone.maxOff - a.zone.minOff) + (b.zone.maxOff - b.zone.minOff)
	c0 := (b.tod - refB) - (a.tod - refA)
	dMin := periodFloorDiv(-b.dur-dev-c0, periodDaySeconds)
	dMax := periodCeilDiv(a.dur+dev-c0, periodDaySeconds)
	var out []*clashStream
	for delta := dMin; delta <= dMax; delta++ {
		diff := delta*periodDaySeconds + c0
		naive := clashOverlaps(0, a.dur, diff, b.dur)
		sure := diff+dev <= -b.dur || diff-dev >= a.dur || (diff-dev > -b.dur && diff+dev < a.dur)
		marginal := dev > 0 && !sure
		if !naive && !marginal {
			continue
		}
		st := &clashStream{delta: delta, naive: naive,
			lo: max(s, a.lo, b.lo-delta), hi: min(a.hi, b.hi-delta)}
		if st.lo >= st.hi {
			continue
		}
		var err error
		st.c, st.lc, err = clashCRTJoin(resA, ta.P, clashShiftRes(tb.res, tb.P, delta), tb.P, work)
		if err != nil {
			return nil, err
		}
		if len(st.c) == 0 {
			continue
		}
		if marginal {
			f := clashFlipSet(a, b, refA, refB, delta, s)
			if *work -= int64(len(f)); *work < 0 {
				return nil, ErrTooMuchWork
			}
			if len(f) > 0 {
				st.g, st.lg, err = clashCRTJoin(st.c, st.lc, f, periodCycleDays, work)
				if err != nil {
					return nil, err
				}
			}
		}
		if st.nonEmpty() {
			out = append(out, st)
		}
	}
	return out, nil
}

// clashRefOffset is the offset naive time uses for a zone: its constant offset,
// or the smallest it takes once periodic (so real offsets are ref..ref+dev).
func clashRefOffset(z *periodZone) int64 {
	if z.fixed {
		return z.fixedOff
	}
	return z.minOff
}

// clashExdateCount counts the clashes of the streams cancelled by exdates.
func clashExdateCount(a, b *Rule, streams []*clashStream) int64 {
	n := int64(0)
	for _, st := range streams {
		for _, e := range a.exDays {
			if e >= st.lo && e < st.hi && st.member(e) {
				n++
			}
		}
		for _, f := range b.exDays {
			e := f - st.delta
			if e >= st.lo && e < st.hi && !a.excluded(e) && st.member(e) {
				n++
			}
		}
	}
	return n
}
