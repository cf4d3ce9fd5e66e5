package calendar

import (
	"strconv"
	"strings"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// Parsing and validating an RRULE value (RFC 5545 §3.3.10).
//
// rrule-go parses the value; this file adds what it does not check. It
// refuses frequencies finer than DAILY and BYHOUR/BYMINUTE/BYSECOND (each
// occurrence keeps Start's wall clock, and those rules can spin rrule-go
// forever), BYEASTER (not RFC 5545), the combinations §3.3.10 forbids (BYDAY
// with an ordinal outside MONTHLY/YEARLY, which rrule-go silently drops;
// BYYEARDAY with DAILY/WEEKLY/MONTHLY; BYMONTHDAY
// with WEEKLY; COUNT with UNTIL; a part given twice), and it reads UNTIL
// itself, because rrule-go reads a zoneless UNTIL as UTC. It refuses BYWEEKNO
// altogether: rrule-go and ical.js both expand it wrongly (errByweeknoEn).

// The refusal of BYWEEKNO names the two defects of rrule-go found against
// an RFC 5545 reference (calendar/testdata/byweekno), with a date for each.
const (
	errByweeknoZh = "暂不支持按周序号（BYWEEKNO）：重复规则库在跨年处把周算错——" +
		"前一年是从星期五开始的平年时（周起始日为周一；一般是周起始日后第 4 天），1 月 1、2 日属于第 52 周，却被算作第 53 周（如 2022-01-01）；" +
		"负的周序号漏掉下一年第 1 周中落在 12 月的日子（BYWEEKNO=-52 漏掉 2024-12-30、31）；ical.js（Thunderbird）也不能正确展开 BYWEEKNO"
	errByweeknoEn = "BYWEEKNO is not supported: the recurrence library misnumbers weeks at year boundaries - " +
		"1-2 January after a common year that began on a Friday (WKST=MO; 4 days after WKST in general) lie in week 52 but count as week 53 (e.g. 2022-01-01), " +
		"and negative week numbers miss the December days of next year's week 1 (BYWEEKNO=-52 misses 2024-12-30 and 31); " +
		"ical.js (Thunderbird) does not expand BYWEEKNO correctly either"
)

// ruleUntilKind tells how UNTIL was written.
type ruleUntilKind int

const (
	ruleUntilNone    ruleUntilKind = iota
	ruleUntilInstant               // date-time, UTC ("Z") or wall clock in the site zone
	ruleUntilDate                  // DATE: through that whole local day
)

// ruleParts is a parsed, validated RRULE.
type ruleParts struct {
	opt       rrule.ROption // COUNT and UNTIL left out
	count     int
	until     ruleUntilKind
	untilUnix int64 // ruleUntilInstant: last allowed start, inclusive
	untilDay  int64 // ruleUntilDate: last allowed local day, inclusive
}

// parseRuleValue parses and validates value; loc reads a zoneless UNTIL.
func parseRuleValue(value string, loc *time.Location) (ruleParts, *FieldError) {
	var rp ruleParts
	s := strings.ToUpper(strings.TrimSpace(value))
	s = strings.TrimPrefix(s, "RRULE:")
	bad := func(zh, en string, args ...any) (ruleParts, *FieldError) {
		return rp, ruleFieldErr("rrule", zh, en, args...)
	}
	if s == "" || strings.ContainsAny(s, "\r\n") {
		return bad("重复规则无法解析", "cannot parse RRULE: %q", value)
	}
	parts := map[string]string{}
	for _, kv := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			return bad("重复规则无法解析", "cannot parse RRULE: bad part %q", kv)
		}
		if _, dup := parts[k]; dup {
			return bad("重复规则中 %s 出现了两次", "RRULE part %s given twice", k)
		}
		parts[k] = v
	}
	if v, ok := parts["UNTIL"]; ok {
		if err := rp.parseUntil(v, loc); err != nil {
			return rp, err
		}
	}
	opt, err := rrule.StrToROptionInLocation(s, time.UTC)
	if err != nil {
		return bad("重复规则无法解析", "cannot parse RRULE: %v", err)
	}
	if _, err := rrule.NewRRule(*opt); err != nil {
		return bad("重复规则无法解析", "cannot parse RRULE: %v", err)
	}
	f := opt.Freq
	if f != rrule.DAILY && f != rrule.WEEKLY && f != rrule.MONTHLY && f != rrule.YEARLY {
		return bad("频率只能是每天、每周、每月或每年", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not %v", f)
	}
	for _, k := range []string{"BYHOUR", "BYMINUTE", "BYSECOND"} {
		if _, ok := parts[k]; ok {
			return bad("不支持 %s：每次发生都保持开始时间的钟点", "%s is not supported: every occurrence keeps the start's time of day", k)
		}
	}
	if _, ok := parts["BYEASTER"]; ok {
		return bad("不支持 BYEASTER（不属于 RFC 5545）", "BYEASTER is not supported (not RFC 5545)")
	}
	if v, ok := parts["INTERVAL"]; ok {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > MaxInterval {
			return bad("间隔必须在 1 到 %d 之间", "INTERVAL must be between 1 and %d", MaxInterval)
		}
	}
	if v, ok := parts["COUNT"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxCount {
			return bad("次数必须在 1 到 %d 之间", "COUNT must be between 1 and %d", MaxCount)
		}
		rp.count = n
	}
	if _, ok := parts["UNTIL"]; ok && rp.count > 0 {
		return bad("COUNT 和 UNTIL 不能同时使用", "COUNT and UNTIL must not both be given")
	}
	if _, ok := parts["BYWEEKNO"]; ok {
		// rrule-go, like python-dateutil and rrule.js it was ported from,
		// misnumbers weeks at year boundaries, and ical.js (Thunderbird)
		// ignores or misreads BYWEEKNO, so neither our dates nor the feed's
		// would be right (byweekno_oracle_test.go proves each defect).
		return bad(errByweeknoZh, errByweeknoEn)
	}
	if _, ok := parts["BYYEARDAY"]; ok && f != rrule.YEARLY {
		return bad("BYYEARDAY 只能用于每年规则", "BYYEARDAY is only allowed with FREQ=YEARLY")
	}
	if _, ok := parts["BYMONTHDAY"]; ok && f == rrule.WEEKLY {
		return bad("BYMONTHDAY 不能用于每周规则", "BYMONTHDAY is not allowed with FREQ=WEEKLY")
	}
	_, weekno := parts["BYWEEKNO"]
	ordinals := 0
	for _, wd := range opt.Byweekday {
		if wd.N() != 0 {
			ordinals++
		}
	}
	if ordinals > 0 && ordinals < len(opt.Byweekday) {
		// rrule-go intersects the two kinds instead of joining them.
		return bad("BYDAY 不能混用带序号和不带序号的星期（如 FR,-1FR）", "BYDAY must not mix days with and without an ordinal (like FR,-1FR)")
	}
	for _, wd := range opt.Byweekday {
		if wd.N() != 0 && (f == rrule.DAILY || f == rrule.WEEKLY || weekno) {
			return bad("BYDAY 只有在每月或每年规则中才能带序号（如 -1FR）", "BYDAY with an ordinal (like -1FR) needs FREQ=MONTHLY or YEARLY without BYWEEKNO")
		}
		// A month has at most 5 of each weekday. Larger ordinals match
		// nothing, and make rrule-go index out of range and panic.
		if n := wd.N(); (f == rrule.MONTHLY || len(opt.Bymonth) > 0) && (n > 5 || n < -5) {
			return bad("BYDAY 序号在月内只能是 -5 到 5", "BYDAY ordinal %d is out of range within a month (-5…5)", n)
		}
	}
	opt.Count, opt.Until = 0, time.Time{}
	if opt.Interval < 1 {
		opt.Interval = 1
	}
	rp.opt = *opt
	return rp, nil
}

// parseUntil reads UNTIL as RFC 5545 §3.3.10 writes it: a UTC date-time
// (…Z), a zoneless date-time (wall clock in the site zone) or a DATE, which
// here includes that whole local day.
func (rp *ruleParts) parseUntil(v string, loc *time.Location) *FieldError {
	switch len(v) {
	case len("20060102"):
		t, err := time.Parse("20060102", v)
		if err == nil {
			rp.until, rp.untilDay = ruleUntilDate, periodDaysFromCivil(int64(t.Year()), int(t.Month()), t.Day())
			return nil
		}
	case len("20060102T150405"):
		t, err := time.Parse("20060102T150405", v)
		if err == nil {
			day := periodDaysFromCivil(int64(t.Year()), int(t.Month()), t.Day())
			sod := int64(t.Hour()*3600 + t.Minute()*60 + t.Second())
			rp.until, rp.untilUnix = ruleUntilInstant, periodWallInstant(loc, day, sod)
			return nil
		}
	case len("20060102T150405Z"):
		t, err := time.Parse("20060102T150405Z", v)
		if err == nil {
			rp.until, rp.untilUnix = ruleUntilInstant, t.Unix()
			return nil
		}
	}
	return ruleFieldErr("rrule", "UNTIL 无法解析", "cannot parse UNTIL %q (want 20060102, 20060102T150405 or 20060102T150405Z)", v)
}

// ruleNormalize makes the BYxxx parts rrule-go would derive from DTSTART
// explicit, from the real start, so that expansion may later use another
// DTSTART (the first day of any period) without changing the dates.
func ruleNormalize(opt rrule.ROption, start time.Time) rrule.ROption {
	if len(opt.Byweekno) == 0 && len(opt.Byyearday) == 0 && len(opt.Bymonthday) == 0 &&
		len(opt.Byweekday) == 0 && len(opt.Byeaster) == 0 {
		switch opt.Freq {
		case rrule.YEARLY:
			if len(opt.Bymonth) == 0 {
				opt.Bymonth = []int{int(start.Month())}
			}
			opt.Bymonthday = []int{start.Day()}
		case rrule.MONTHLY:
			opt.Bymonthday = []int{start.Day()}
		case rrule.WEEKLY:
			opt.Byweekday = []rrule.Weekday{ruleWeekdays[periodWeekday(periodDaysFromCivil(int64(start.Year()), int(start.Month()), start.Day()))]}
		}
	}
	return opt
}

// ruleWeekdays maps periodWeekday numbers to rrule-go weekdays.
var ruleWeekdays = []rrule.Weekday{rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU}
