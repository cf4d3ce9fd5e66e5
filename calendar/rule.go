package calendar

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// RuleSpec is the input describing a recurring booking: one occurrence
// (Start, End) repeated by an RFC 5545 RRULE in the site's zone, with
// exceptions and an optional window. It is what the booking layer stores.
type RuleSpec struct {
	// Start and End bound the first occurrence. Any zone is accepted: Start
	// is taken as an instant and its wall clock in Loc is what repeats; the
	// duration End-Start (absolute, at most 24h) is kept by every occurrence.
	Start, End time.Time
	// RRule is the RFC 5545 RRULE value without the "RRULE:" prefix.
	RRule string
	// Loc is the site zone, an IANA zone such as Asia/Shanghai. DST zones
	// work: occurrences keep the wall clock, so their UTC time moves.
	Loc *time.Location
	// ExDates are original occurrence starts left out (RFC 5545 EXDATE).
	// Each must be an occurrence of the rule (window aside).
	ExDates []time.Time
	// From and Until optionally window the occurrence starts: From <= start
	// < Until, a zero value leaving that side open. Editing a series ends the
	// old part with Until and begins the new part with From.
	From, Until time.Time
	// AllowEmpty accepts a bounded rule whose every date is excluded (all
	// moved elsewhere, say): it then has no occurrences, and First and Last
	// give its first and last dates as the pattern puts them. Without it
	// NewRule refuses such a rule.
	AllowEmpty bool
}

// Occurrence is one instance of a series, the half-open interval
// [Start, End), with both times in the rule's Loc.
type Occurrence struct{ Start, End time.Time }

// Rule is a validated recurrence, ready to expand and to compare. It is
// immutable after NewRule and safe for concurrent use by many goroutines: it
// holds only value data, builds a fresh rrule-go object per expansion, and
// computes its periodic table once, lazily (see period_table.go).
type Rule struct {
	spec     RuleSpec
	loc      *time.Location
	zone     *periodZone
	pat      expandPattern
	tod      int64 // Start's wall clock, seconds after midnight
	dur      int64 // seconds
	startDay int64 // Start's local day number
	ruleHi   int64 // first day after COUNT/UNTIL (periodFarDay if unbounded)
	lo, hi   int64 // occurrence days: [lo, hi) = rule range ∩ From/Until window
	exDays   []int64
	listed   []int64 // all occurrence days of a bounded rule with ≤ MaxCount
	isListed bool
	first    int64
	// empty: every date excluded (RuleSpec.AllowEmpty); first and
	// emptyLast are then the pattern's first and last dates.
	empty     bool
	emptyLast int64

	tblOnce sync.Once
	tbl     atomic.Pointer[periodTable]
}

// Spec returns the spec as normalised by NewRule: times truncated to whole
// seconds and expressed in Loc, ExDates sorted without duplicates.
func (r *Rule) Spec() RuleSpec {
	s := r.spec
	s.ExDates = slices.Clone(s.ExDates)
	return s
}

// First returns the first occurrence that is not excluded and lies in the
// window; NewRule refuses rules without one unless AllowEmpty (see there).
func (r *Rule) First() Occurrence { return r.occ(r.first) }

// Last returns the last occurrence, or false when the rule has no end.
func (r *Rule) Last() (Occurrence, bool) {
	if r.hi >= periodFarDay {
		return Occurrence{}, false
	}
	if r.empty {
		return r.occ(r.emptyLast), true
	}
	if r.isListed {
		return r.occ(r.listed[len(r.listed)-1]), true
	}
	t := r.periodTable()
	d := t.prev(r.hi - 1)
	for r.excluded(d) {
		d = t.prev(d - 1)
	}
	return r.occ(d), true
}

// Count returns the number of occurrences after exdates and window, and
// whether the rule is bounded at all (false: infinitely many, n = 0).
func (r *Rule) Count() (n int, bounded bool) {
	if r.hi >= periodFarDay {
		return 0, false
	}
	if r.isListed {
		return len(r.listed), true
	}
	return int(r.periodTable().count(r.lo, r.hi)) - len(r.exDays), true
}

// occ returns the occurrence on local day d.
func (r *Rule) occ(d int64) Occurrence {
	s := r.instant(d)
	return Occurrence{Start: time.Unix(s, 0).In(r.loc), End: time.Unix(s+r.dur, 0).In(r.loc)}
}

// excluded reports whether day d carries an exdate.
func (r *Rule) excluded(d int64) bool {
	_, ok := slices.BinarySearch(r.exDays, d)
	return ok
}

// periodTable returns the rule's periodic table, building it on first use.
func (r *Rule) periodTable() *periodTable {
	if t := r.tbl.Load(); t != nil {
		return t
	}
	r.tblOnce.Do(func() { r.tbl.Store(buildPeriodTable(&r.pat)) })
	return r.tbl.Load()
}

// isDay reports whether d is an occurrence day of r: in the window, on the
// pattern, not excluded. It uses the table when that is already built.
func (r *Rule) isDay(d int64, work *int64) (bool, error) {
	if d < r.lo || d >= r.hi {
		return false, nil
	}
	if r.isListed {
		_, ok := slices.BinarySearch(r.listed, d)
		return ok, nil
	}
	if r.excluded(d) {
		return false, nil
	}
	if t := r.tbl.Load(); t != nil {
		return t.has(d), nil
	}
	return r.pat.isDate(d, work)
}

// eachDay calls fn for each occurrence day in [lo, hi) in order until fn
// returns false.
func (r *Rule) eachDay(lo, hi int64, work *int64, fn func(d int64) bool) error {
	lo, hi = max(lo, r.lo), min(hi, r.hi)
	if lo >= hi {
		return nil
	}
	if r.isListed {
		i, _ := slices.BinarySearch(r.listed, lo)
		for ; i < len(r.listed) && r.listed[i] < hi; i++ {
			if *work--; *work < 0 {
				return ErrTooMuchWork
			}
			if !fn(r.listed[i]) {
				return nil
			}
		}
		return nil
	}
	if t := r.tbl.Load(); t != nil {
		for d := t.next(lo); d < hi; d = t.next(d + 1) {
			if *work--; *work < 0 {
				return ErrTooMuchWork
			}
			if !r.excluded(d) && !fn(d) {
				return nil
			}
		}
		return nil
	}
	return r.pat.expand(r.pat.interval, lo, hi, work, func(d int64) bool {
		return r.excluded(d) || fn(d)
	})
}
