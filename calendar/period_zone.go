package calendar

import (
	"math"
	"sync"
	"time"
)

// Time zones: wall clock to instant, and where a zone becomes periodic.
//
// An occurrence keeps Start's wall clock on every date, so its instant is
// "date + wall time" read in the site zone. RFC 5545 §3.3.5 (FORM #3) says how
// to read a wall time the zone skips or repeats: a skipped time (spring
// forward) uses the UTC offset from before the gap, so 02:30 becomes 03:30; a
// repeated time (fall back) means its first occurrence. Go's time.Date gives
// 01:30 for the skipped case, hence periodWallInstant below.
//
// Exact clash detection needs to know when a zone's offsets become periodic.
// Zones with recurring DST rules ("last Sunday of March") repeat with the
// Gregorian calendar, every 146,097 days, from their last irregular
// transition on; zones without DST (Asia/Shanghai since 1991) are constant
// from their last transition on. periodZoneFor finds that point by probing Go's
// zone data between 1800 and 2900 and comparing each transition with the one
// 400 years later. The result is cached per zone name.

// periodZoneTrans is one change of UTC offset: at (Unix seconds) the offset goes
// from before to after (seconds east of UTC).
type periodZoneTrans struct{ at, before, after int64 }

// periodZone describes a location's offsets as far as recurrence needs them.
type periodZone struct {
	loc *time.Location
	// regDay is a local day from which the offset of every wall time on day d
	// equals the one on day d+periodCycleDays (and no irregular transition lies
	// within three days). Earlier days are handled by brute force.
	regDay int64
	// fixed reports that the offset no longer changes from regDay on.
	fixed    bool
	fixedOff int64
	// minOff and maxOff bound the offsets in force from regDay on.
	minOff, maxOff int64
	// trans lists the offset changes between 1800 and 2900.
	trans []periodZoneTrans
	// Before earlyDay the offset is earlyOff (the zone's first, local mean
	// time): Go looks such instants up slowly, walking all transitions.
	early    bool
	earlyDay int64
	earlyOff int64
}

var (
	periodProbeFrom = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	periodProbeTo   = time.Date(2900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	periodZoneCache sync.Map // name → *periodZone
)

// periodZoneFor returns the (cached) periodZone of loc. The cache is keyed by name;
// an entry is reused only if it agrees with loc at a few probe instants, so a
// custom location that reuses a name does not pick up a wrong entry.
func periodZoneFor(loc *time.Location) *periodZone {
	name := loc.String()
	if v, ok := periodZoneCache.Load(name); ok {
		zi := v.(*periodZone)
		if zi.loc == loc || periodSameOffsets(zi.loc, loc) {
			return zi
		}
		return periodComputeZone(loc)
	}
	zi := periodComputeZone(loc)
	periodZoneCache.Store(name, zi)
	return zi
}

// periodSameOffsets compares two locations at probe instants 1900-2100.
func periodSameOffsets(a, b *time.Location) bool {
	for _, y := range []int{1900, 1950, 1990, 2010, 2025, 2030, 2100} {
		for _, m := range []time.Month{1, 4, 7, 10} {
			t := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC)
			_, oa := t.In(a).Zone()
			_, ob := t.In(b).Zone()
			if oa != ob {
				return false
			}
		}
	}
	return true
}

// periodComputeZone probes loc (see the file comment).
func periodComputeZone(loc *time.Location) *periodZone {
	zi := &periodZone{loc: loc}
	t := time.Unix(periodProbeFrom, 0).In(loc)
	if start, _ := t.ZoneBounds(); start.IsZero() {
		_, off := t.Zone()
		zi.early, zi.earlyOff = true, int64(off)
	}
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.Unix() >= periodProbeTo {
			break
		}
		if !end.After(t) {
			// Beyond its table Go derives bounds from the zone's rule year by
			// year, and on the last day of some leap years (2040-12-31 in
			// Europe/Berlin, Go 1.26) reports an end <= t. Step an hour,
			// finding any offset change in it by bisection.
			end = periodStepZone(t, time.Hour)
		}
		_, ob := t.Zone()
		_, oa := end.Zone()
		if ob != oa {
			zi.trans = append(zi.trans, periodZoneTrans{end.Unix(), int64(ob), int64(oa)})
		}
		t = end
	}
	const cycle = periodCycleDays * periodDaySeconds
	byAt := make(map[int64]periodZoneTrans, len(zi.trans))
	for _, tr := range zi.trans {
		byAt[tr.at] = tr
	}
	lastBad := int64(math.MinInt64)
	for _, tr := range zi.trans {
		if tr.at+cycle < periodProbeTo {
			if p, ok := byAt[tr.at+cycle]; !ok || p.before != tr.before || p.after != tr.after {
				lastBad = max(lastBad, tr.at)
			}
		}
		if tr.at-cycle >= periodProbeFrom {
			if p, ok := byAt[tr.at-cycle]; !ok || p.before != tr.before || p.after != tr.after {
				lastBad = max(lastBad, tr.at-cycle)
			}
		}
	}
	if lastBad == math.MinInt64 {
		zi.regDay = -periodFarDay
	} else {
		zi.regDay = periodFloorDiv(lastBad, periodDaySeconds) + 3
	}
	_, off := time.Unix(periodProbeTo, 0).In(loc).Zone()
	zi.minOff, zi.maxOff = int64(off), int64(off)
	zi.fixed = true
	for _, tr := range zi.trans {
		if tr.at > lastBad {
			zi.fixed = false
			zi.minOff = min(zi.minOff, tr.before, tr.after)
			zi.maxOff = max(zi.maxOff, tr.before, tr.after)
		}
	}
	zi.fixedOff = int64(off)
	zi.earlyDay = -periodFarDay
	if zi.early && len(zi.trans) > 0 {
		zi.earlyDay = periodFloorDiv(zi.trans[0].at, periodDaySeconds) - 2
	}
	if !zi.fixed {
		// Periodic from the first probe on: start the cycle inside the probed
		// range so that offset cycles can be built from zi.trans.
		zi.regDay = max(zi.regDay, periodFloorDiv(periodProbeFrom, periodDaySeconds)+3)
	}
	return zi
}

// periodStepZone returns t+step, or the first instant after t with another
// offset if the offset changes within step.
func periodStepZone(t time.Time, step time.Duration) time.Time {
	_, o := t.Zone()
	lo, hi := t, t.Add(step)
	if _, oh := hi.Zone(); oh == o {
		return hi
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if _, om := mid.Zone(); om == o {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// periodWallInstant returns the Unix second at which wall clock sod (seconds after
// midnight) on local day number day happens in loc, following RFC 5545
// §3.3.5: a repeated wall time means its first occurrence, a skipped one is
// read with the offset in force before the gap.
func periodWallInstant(loc *time.Location, day int64, sod int64) int64 {
	y, m, d := periodCivilFromDays(day)
	t := time.Date(int(y), time.Month(m), d, int(sod/3600), int(sod/60%60), int(sod%60), 0, loc)
	wall := day*periodDaySeconds + sod
	u := t.Unix()
	_, o := t.Zone()
	off := int64(o)
	start, end := t.ZoneBounds()
	switch {
	case u+off == wall:
		if start.IsZero() || u-start.Unix() > 2*periodDaySeconds {
			return u
		}
		_, po := start.Add(-time.Second).Zone()
		if alt := wall - int64(po); int64(po) > off && alt < start.Unix() {
			return alt // the earlier of two readings of a repeated time
		}
		return u
	case u+off < wall && !end.IsZero():
		return wall - off // t lies before the gap: off is the offset before it
	case !start.IsZero():
		_, po := start.Add(-time.Second).Zone()
		return wall - int64(po)
	}
	return u
}

// instant returns the Unix second of the occurrence of r on local day d.
func (r *Rule) instant(d int64) int64 {
	if r.zone.fixed && d >= r.zone.regDay {
		return d*periodDaySeconds + r.tod - r.zone.fixedOff
	}
	if r.zone.early && d < r.zone.earlyDay {
		return d*periodDaySeconds + r.tod - r.zone.earlyOff
	}
	return periodWallInstant(r.loc, d, r.tod)
}

// localDay returns the local day number of Unix second u in r's zone.
func (r *Rule) localDay(u int64) int64 {
	if r.zone.fixed && u >= r.zone.regDay*periodDaySeconds {
		return periodFloorDiv(u+r.zone.fixedOff, periodDaySeconds)
	}
	if r.zone.early && u < r.zone.earlyDay*periodDaySeconds {
		return periodFloorDiv(u+r.zone.earlyOff, periodDaySeconds)
	}
	_, off := time.Unix(u, 0).In(r.loc).Zone()
	return periodFloorDiv(u+int64(off), periodDaySeconds)
}

// firstDayAtOrAfter returns the smallest day d whose occurrence instant is
// >= u. Occurrence instants grow with the day (offsets change by far less
// than a day), so day windows on instants are exact.
func (r *Rule) firstDayAtOrAfter(u int64) int64 {
	d := r.localDay(u)
	for r.instant(d-1) >= u {
		d--
	}
	for r.instant(d) < u {
		d++
	}
	return d
}
