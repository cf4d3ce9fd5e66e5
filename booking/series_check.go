package booking

import (
	"time"
	"unicode/utf8"

	"mingzhu/calendar"
)

// The one door for a series' definition. A series enters by POST /series,
// by PATCH and by .ics import; all three pass through checkSeriesTitle
// and definePart, so that whatever one of them accepts the others accept
// too, and every listing and feed can show it. (Checks that need the room,
// such as clashes, follow in placeSeries, also shared.)

// checkSeriesTitle refuses an empty or overlong title.
func checkSeriesTitle(title string) error {
	if err := checkText("title", title); err != nil {
		return err
	}
	if title == "" || utf8.RuneCountInString(title) > 100 {
		return Invalid("title", "标题须为1-100个字符 title must be 1-100 characters")
	}
	return nil
}

// definePart checks a part's definition, puts its rule in canonical form
// and returns the part's rule with the given exclusions and, when the
// part skips holidays, without its dates on days off (so clash checks
// pass over them too: a class that does not meet cannot clash). It
// refuses what
// could not be shown or would contradict itself: a time outside the
// representable years, a duration over 24 hours, a bounded rule whose
// dates run past the representable years, and any date in or across an
// hour that daylight saving skips or repeats (which also keeps a long
// class from overlapping its next date when the clocks go forward).
func (s *Service) definePart(p *Part, excluded []time.Time) (*calendar.Rule, error) {
	if err := s.checkDefinition(p); err != nil {
		return nil, err
	}
	rule, err := s.buildRule(*p, excluded)
	if err == nil {
		rule, err = s.skipHolidays(*p, rule, false)
	}
	if err != nil {
		return nil, fieldError(err)
	}
	if err := s.checkDates(rule); err != nil {
		return nil, err
	}
	return rule, nil
}

// redefinePart is definePart for a PATCH of se's current part p: the new
// definition carries the exceptions of the old one over, and may have
// every remaining date moved (see storedRule), but some date must still
// take place; field names what the PATCH changed, for that refusal.
func (s *Service) redefinePart(se *Series, p *Part, field string) (*calendar.Rule, error) {
	if err := s.checkDefinition(p); err != nil {
		return nil, err
	}
	if _, err := s.buildRule(*p, nil); err != nil {
		return nil, fieldError(err)
	}
	rule, err := s.storedRule(*p, se.excluded())
	if err == nil {
		rule, err = s.skipHolidays(*p, rule, true)
	}
	if err != nil {
		return nil, fieldError(err)
	}
	if n, bounded := rule.Count(); bounded && n == 0 && !s.movedFrom(se, *p) {
		return nil, Invalid(field, "改后没有任何一次活动（其余日期都已取消或排除） no date would remain after the change (the others are cancelled or excluded)")
	}
	if err := s.checkDates(rule); err != nil {
		return nil, err
	}
	return rule, nil
}

// checkDefinition checks what needs no expansion, and canonicalises the
// rule.
func (s *Service) checkDefinition(p *Part) error {
	rr, err := calendar.CanonicalRRule(p.RRule)
	if err != nil {
		return fieldError(err)
	}
	p.RRule = rr
	if err := validateInterval(p.Start, p.End, "start", "end"); err != nil {
		return err
	}
	return s.checkWallClock(p.Start, p.End, "start", "end")
}

// checkDates refuses a rule whose dates could not be shown.
func (s *Service) checkDates(rule *calendar.Rule) error {
	if last, ok := rule.Last(); ok && last.End.After(LatestTime) {
		return Invalid("rrule", "最后一次活动须在9997年之内 the last occurrence must lie before the year 9998")
	}
	if o, ok := rule.AmbiguousOccurrence(); ok {
		day := s.local(o.Start).Format("2006-01-02")
		return Invalid("start", "%s 这次活动落在或跨越夏令时调整的钟点，请换一个时间 the occurrence on %s falls in or spans an hour that daylight saving skips or repeats; choose another time",
			day, day)
	}
	return nil
}
