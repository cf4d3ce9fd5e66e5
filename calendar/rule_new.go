package calendar

import (
	"errors"
	"slices"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// NewRule validates spec and prepares it for expansion. Every refusal is a
// *FieldError naming the field to fix:
//
//   - "rrule": unparsable; FREQ finer than DAILY; BYHOUR/BYMINUTE/BYSECOND;
//     COUNT > MaxCount; COUNT with UNTIL; UNTIL before Start; INTERVAL >
//     MaxInterval; parts RFC 5545 §3.3.10 forbids; no occurrence left after
//     window and exdates;
//   - "start": missing Start or Loc; Start not itself an occurrence of the
//     pattern (BYDAY=TU but Start is a Monday); Start the second reading of a
//     repeated wall time (the pattern would give the first one);
//   - "end": End <= Start, or longer than 24h;
//   - "exdates": an exdate that is no occurrence, or more than MaxExDates.
//
// A Start whose wall clock a later date skips (02:30 on the spring-forward
// day) yields 03:30 there, per RFC 5545 §3.3.5.
func NewRule(spec RuleSpec) (*Rule, error) {
	if spec.Loc == nil {
		return nil, ruleFieldErr("start", "缺少时区", "missing time zone (Loc)")
	}
	if spec.Start.IsZero() {
		return nil, ruleFieldErr("start", "缺少开始时间", "missing start")
	}
	loc := spec.Loc
	start := spec.Start.Truncate(time.Second).In(loc)
	end := spec.End.Truncate(time.Second).In(loc)
	dur := end.Unix() - start.Unix()
	if spec.End.IsZero() || dur <= 0 {
		return nil, ruleFieldErr("end", "结束时间必须晚于开始时间", "end must be after start")
	}
	if dur > periodDaySeconds {
		return nil, ruleFieldErr("end", "一次预订不能超过 24 小时", "one occurrence must not last longer than 24 hours")
	}
	h, mi, s := start.Clock()
	r := &Rule{
		loc:      loc,
		zone:     periodZoneFor(loc),
		tod:      int64(h*3600 + mi*60 + s),
		dur:      dur,
		startDay: periodDaysFromCivil(int64(start.Year()), int(start.Month()), start.Day()),
	}
	rp, ferr := parseRuleValue(spec.RRule, loc)
	if ferr != nil {
		return nil, ferr
	}
	if r.instant(r.startDay) != start.Unix() {
		return nil, ruleFieldErr("start", "开始时间落在夏令时回拨后重复的时段里，请用第一次出现的时刻",
			"start is the second reading of a wall time repeated by a DST change; use the first")
	}
	opt := ruleNormalize(rp.opt, start)
	r.pat = expandPattern{
		freq: opt.Freq, interval: int64(opt.Interval), wkst: opt.Wkst.Day(), opt: opt,
		h: h, m: mi, s: s,
		calendarBound: opt.Freq == rrule.MONTHLY || opt.Freq == rrule.YEARLY || len(opt.Bymonth) > 0 ||
			len(opt.Bymonthday) > 0 || len(opt.Byyearday) > 0 || len(opt.Byweekno) > 0,
	}
	r.pat.anchor = periodOf(r.pat.freq, r.pat.wkst, r.startDay)
	if !r.pat.calendarBound {
		r.tblOnce.Do(func() { r.tbl.Store(buildPeriodTable(&r.pat)) })
	}
	work := int64(ruleMaxWork)
	ok, err := r.isPatternDay(r.startDay, &work)
	if err != nil {
		return nil, ruleFieldErr("rrule", "重复规则无法展开", "cannot expand RRULE: %v", err)
	}
	if !ok {
		return nil, ruleFieldErr("start", "开始时间不符合重复规则（例如规则是每周二，开始却是周一）",
			"start is not an occurrence of the rule (e.g. BYDAY=TU but start is a Monday)")
	}
	if err := r.setRange(rp, start, &work); err != nil {
		return nil, err
	}
	r.lo, r.hi = r.startDay, r.ruleHi
	if !spec.From.IsZero() {
		r.lo = max(r.lo, r.firstDayAtOrAfter(clampUnix(spec.From.Truncate(time.Second).Unix())))
	}
	if !spec.Until.IsZero() {
		r.hi = min(r.hi, r.firstDayAtOrAfter(clampUnix(spec.Until.Truncate(time.Second).Unix())))
	}
	exTimes, err := r.setExDates(spec.ExDates, &work)
	if err != nil {
		return nil, err
	}
	if err := r.setFirst(spec.AllowEmpty); err != nil {
		return nil, err
	}
	r.spec = RuleSpec{Start: start, End: end, RRule: spec.RRule, Loc: loc, ExDates: exTimes, AllowEmpty: spec.AllowEmpty}
	if !spec.From.IsZero() {
		r.spec.From = spec.From.Truncate(time.Second).In(loc)
	}
	if !spec.Until.IsZero() {
		r.spec.Until = spec.Until.Truncate(time.Second).In(loc)
	}
	return r, nil
}

// isPatternDay reports whether d is a date of the pattern (bounds aside).
func (r *Rule) isPatternDay(d int64, work *int64) (bool, error) {
	if t := r.tbl.Load(); t != nil {
		return t.has(d), nil
	}
	return r.pat.isDate(d, work)
}

// setRange sets ruleHi from UNTIL or COUNT.
func (r *Rule) setRange(rp ruleParts, start time.Time, work *int64) error {
	r.ruleHi = periodFarDay
	switch rp.until {
	case ruleUntilInstant:
		if rp.untilUnix < start.Unix() {
			return ruleFieldErr("rrule", "UNTIL 早于开始时间", "UNTIL is before start")
		}
		r.ruleHi = r.firstDayAtOrAfter(rp.untilUnix + 1)
	case ruleUntilDate:
		if rp.untilDay < r.startDay {
			return ruleFieldErr("rrule", "UNTIL 早于开始时间", "UNTIL is before start")
		}
		r.ruleHi = rp.untilDay + 1
	}
	if rp.count > 0 {
		n, last := 0, r.startDay
		err := r.pat.expand(r.pat.interval, r.startDay, periodFarDay, work, func(d int64) bool {
			n, last = n+1, d
			return n < rp.count
		})
		if err != nil {
			return ruleFieldErr("rrule", "重复规则过于稀疏，无法展开", "rule too sparse to expand: %v", err)
		}
		r.ruleHi = last + 1
	}
	return nil
}

// setExDates validates the exdates (each must be an occurrence start of the
// rule, to the second) and keeps the days of those inside the window.
func (r *Rule) setExDates(ex []time.Time, work *int64) ([]time.Time, error) {
	if len(ex) > MaxExDates {
		return nil, ruleFieldErr("exdates", "排除日期不能超过 %d 个", "at most %d exdates", MaxExDates)
	}
	var days []int64
	var times []time.Time
	for _, t := range ex {
		u := t.Truncate(time.Second).Unix()
		found := false
		d0 := r.localDay(u)
		for d := d0 - 1; d <= d0+1 && !found; d++ {
			if d < r.startDay || d >= r.ruleHi || r.instant(d) != u {
				continue
			}
			ok, err := r.isPatternDay(d, work)
			if err != nil {
				return nil, ruleFieldErr("exdates", "排除日期检查超出计算上限", "checking exdates: %v", err)
			}
			if ok {
				found = true
				times = append(times, time.Unix(u, 0).In(r.loc))
				if d >= r.lo && d < r.hi {
					days = append(days, d)
				}
			}
		}
		if !found {
			return nil, ruleFieldErr("exdates", "排除日期 %s 不是该规则的一次发生", "exdate %s is not an occurrence of the rule",
				t.In(r.loc).Format(time.RFC3339))
		}
	}
	slices.Sort(days)
	r.exDays = slices.Compact(days)
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	times = slices.CompactFunc(times, func(a, b time.Time) bool { return a.Equal(b) })
	return times, nil
}

// setFirst finds the first occurrence and, for a bounded rule with at most
// MaxCount occurrences, lists them all (Between then binary-searches).
func (r *Rule) setFirst(allowEmpty bool) error {
	work := int64(ruleMaxWork)
	if r.hi < periodFarDay {
		var days []int64
		err := r.eachDay(r.lo, r.hi, &work, func(d int64) bool {
			days = append(days, d)
			return len(days) <= MaxCount
		})
		if err == nil && len(days) <= MaxCount {
			if len(days) == 0 {
				return r.setEmpty(allowEmpty)
			}
			r.listed, r.isListed, r.first = days, true, days[0]
			return nil
		}
	}
	found := false
	work = ruleMaxWork
	err := r.eachDay(r.lo, r.hi, &work, func(d int64) bool {
		r.first, found = d, true
		return false
	})
	if errors.Is(err, ErrTooMuchWork) {
		return ruleFieldErr("rrule", "重复规则过于稀疏，无法展开", "rule too sparse to expand within the work bound")
	}
	if err != nil {
		return ruleFieldErr("rrule", "重复规则无法展开", "cannot expand RRULE: %v", err)
	}
	if !found {
		return ruleErrNoOccurrence()
	}
	return nil
}

// ruleErrNoOccurrence is the refusal of a rule left without occurrences.
func ruleErrNoOccurrence() error {
	return ruleFieldErr("rrule", "在所给范围内（考虑排除日期后）没有任何一次发生",
		"the rule yields no occurrence (after window and exdates)")
}

// setEmpty makes a bounded rule whose every date is excluded a rule with no
// occurrences, if allowed: First and Last then give its first and last
// dates as the pattern puts them, so that the rule still has a span.
func (r *Rule) setEmpty(allowEmpty bool) error {
	if !allowEmpty {
		return ruleErrNoOccurrence()
	}
	ex := r.exDays
	r.exDays = nil
	var bare []int64
	work := int64(ruleMaxWork)
	err := r.eachDay(r.lo, r.hi, &work, func(d int64) bool { bare = append(bare, d); return true })
	r.exDays = ex
	if err != nil || len(bare) == 0 {
		return ruleErrNoOccurrence()
	}
	r.listed, r.isListed, r.empty = []int64{}, true, true
	r.first, r.emptyLast = bare[0], bare[len(bare)-1]
	return nil
}
