package booking

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"mingzhu/calendar"
)

// ruleCache keeps built recurrence rules: parsing a stored rule costs far
// more than expanding a week of it, and reads far outnumber edits. Entries
// are keyed by series id and sequence, so an edit makes old ones unreachable.
type ruleCache struct {
	mu sync.Mutex
	m  map[string]*calendar.Rule
}

// maxCachedRules bounds memory; the cache is simply dropped when full.
const maxCachedRules = 4096

func newRuleCache() *ruleCache { return &ruleCache{m: map[string]*calendar.Rule{}} }

func (c *ruleCache) get(key string) (*calendar.Rule, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[key]
	return r, ok
}

func (c *ruleCache) put(key string, r *calendar.Rule) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedRules {
		c.m = map[string]*calendar.Rule{}
	}
	c.m[key] = r
}

// partRule builds (or fetches) the calendar rule of part i of a stored
// series, with the series' exclusions that fall in the part's window and,
// if the part skips holidays, without its dates on days off.
func (s *Service) partRule(se *Series, i int) (*calendar.Rule, error) {
	return s.cachedRule(se, i, false)
}

// bareRule is part i's rule with no exclusions: the dates as the rule
// puts them, which a published RRULE and its RECURRENCE-IDs refer to
// (days off skipped are EXDATEs on it, like cancellations).
func (s *Service) bareRule(se *Series, i int) (*calendar.Rule, error) {
	return s.cachedRule(se, i, true)
}

func (s *Service) cachedRule(se *Series, i int, bare bool) (*calendar.Rule, error) {
	key := fmt.Sprintf("%s/%d/%d/%t", se.ID, se.Sequence, i, bare)
	p := se.Parts[i]
	if p.SkipHolidays && !bare {
		key += "/" + s.holidayDataStamp() // the days off it skips, as held (daysOffIn)
	}
	if r, ok := s.rules.get(key); ok {
		return r, nil
	}
	var excluded []time.Time
	if !bare {
		excluded = se.excluded()
	}
	r, err := s.storedRule(p, excluded)
	if err == nil && !bare {
		r, err = s.skipHolidays(p, r, true)
	}
	if err != nil {
		return nil, err
	}
	s.rules.put(key, r)
	return r, nil
}

// buildRule makes the calendar rule of a part, keeping only the exclusions
// inside its window (those outside belong to other parts). It refuses a
// part left without dates: a new definition must have some.
func (s *Service) buildRule(p Part, excluded []time.Time) (*calendar.Rule, error) {
	return s.newRule(p, excluded, false)
}

// storedRule is buildRule for a part already stored or carried over from
// one. Such a part may have no date left where the rule puts it when
// every one was moved (the moved dates still take place): it is kept, with
// no occurrences of its own, so that its moves keep their master in feeds
// and their part for later edits. And an exclusion that is no date of the
// part (a date moved earlier, whose class took place before an edit
// changed the rule) is left to the series: its move stands alone.
func (s *Service) storedRule(p Part, excluded []time.Time) (*calendar.Rule, error) {
	r, err := s.newRule(p, excluded, true)
	var fe *calendar.FieldError
	if !errors.As(err, &fe) || fe.Field != "exdates" {
		return r, err
	}
	bare, err := s.newRule(p, nil, false)
	if err != nil {
		return nil, err
	}
	return s.newRule(p, slices.DeleteFunc(slices.Clone(excluded), func(t time.Time) bool { return !bare.IsOccurrence(t) }), true)
}

func (s *Service) newRule(p Part, excluded []time.Time, allowEmpty bool) (*calendar.Rule, error) {
	var ex []time.Time
	for _, t := range excluded {
		if (p.From.IsZero() || !t.Before(p.From)) && (p.Until.IsZero() || t.Before(p.Until)) {
			ex = append(ex, t)
		}
	}
	return calendar.NewRule(calendar.RuleSpec{
		Start: p.Start, End: p.End, RRule: p.RRule, Loc: s.loc,
		ExDates: ex, From: p.From, Until: p.Until, AllowEmpty: allowEmpty,
	})
}
