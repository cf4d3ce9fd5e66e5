package booking

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// holidayCache keeps staff's overrides, reloaded when HolidaysStamp
// moves, and the merged days off of each year asked for, computed once
// per year and stamp: an unbounded series needs only the known years,
// never every year up to 9997. It is reloaded outside transactions
// (warmHolidays) or through the transaction at hand (refreshHolidays),
// never by a second connection from inside one (see daysOffIn).
type holidayCache struct {
	mu        sync.Mutex
	stamp     string
	loaded    bool
	overrides map[int][]HolidayOverride
	daysOff   map[int][]time.Time // civil dates (midnight UTC) off, by year
	// started counts loads begun, held is the one whose overrides are
	// held: a load never replaces those of one begun after it.
	started, held uint64
}

// daysOffIn returns the days off of the years first to last that the
// calendar knows, in date order, as civil dates at midnight UTC, from
// the overrides the cache holds, even if the stamp has moved since. It
// runs inside transactions, where a reload would take a second
// connection, and requests that each held one while waiting for another
// would exhaust the pool and wait forever. The overrides held are
// current enough where it runs: a read warms them before its transaction
// (warmReads, viewWarm), so they hold every change committed before the
// request; a write reloads them through its own transaction as it begins
// (beginWrite), and nothing commits during a write. Only a cache never
// loaded loads here.
func (s *Service) daysOffIn(first, last int) ([]time.Time, error) {
	c := &s.hols
	if !c.isLoaded() {
		if err := s.loadHolidays(s.viewIn(context.Background())); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, y := range c.knownYears(first, last) {
		days, ok := c.daysOff[y]
		if !ok {
			days = daysOff(mergeHolidays(y, c.overrides[y]))
			c.daysOff[y] = days
		}
		out = append(out, days...)
	}
	return out, nil
}

func (c *holidayCache) isLoaded() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.loaded
}

// warmHolidays loads staff's overrides if the holiday stamp has moved,
// on a shared store after applying other instances' changes (see
// warmReads).
func (s *Service) warmHolidays(ctx context.Context) error {
	s.catchUpFor(ctx)
	return s.loadHolidays(s.viewIn(ctx))
}

// viewWarm is store.View for a read whose rules consult the holiday
// cache inside the transaction (partRule, skipHolidays: dry runs, plans,
// reports): the cache is warmed first, outside it, as warmReads does for
// listings.
func (s *Service) viewWarm(ctx context.Context, fn func(Tx) error) error {
	if err := s.warmHolidays(ctx); err != nil {
		return err
	}
	return s.store.View(ctx, fn)
}

// refreshHolidays reloads the overrides through tx if the stamp has
// moved: a write calls it as it begins (beginWrite), so its rules read
// the days off as committed, without a second connection.
func (s *Service) refreshHolidays(tx Tx) error {
	return s.loadHolidays(func(fn func(Tx) error) error { return fn(tx) })
}

// holidayDataStamp is the stamp of the overrides the cache holds, ""
// before the first load: what was built from them (cachedRule) is keyed
// by it, not by the current stamp, which may have moved past them.
func (s *Service) holidayDataStamp() string {
	s.hols.mu.Lock()
	defer s.hols.mu.Unlock()
	return s.hols.stamp
}

// viewIn is store.View bound to ctx, for loadHolidays.
func (s *Service) viewIn(ctx context.Context) func(func(Tx) error) error {
	return func(fn func(Tx) error) error { return s.store.View(ctx, fn) }
}

// loadHolidays brings the overrides, read by view, up to the current
// stamp unless they are there already. The lock is not held while view
// reads: a load outside a transaction may wait for a connection, while
// transactions waiting for the lock (daysOffIn) hold theirs. Loads may
// overlap; the stamp is read before the overrides, so they are never
// tagged newer than they are, and one begun later wins.
func (s *Service) loadHolidays(view func(func(Tx) error) error) error {
	c := &s.hols
	c.mu.Lock()
	stamp := s.holidaysStamp()
	if c.loaded && c.stamp == stamp {
		c.mu.Unlock()
		return nil
	}
	c.started++
	seq := c.started
	c.mu.Unlock()
	var all []HolidayOverride
	if err := view(func(tx Tx) (err error) { all, err = tx.AllHolidayOverrides(); return err }); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq > c.held {
		c.install(stamp, all)
		c.held = seq
	}
	return nil
}

// install replaces the overrides held with all, tagged with stamp.
func (c *holidayCache) install(stamp string, all []HolidayOverride) {
	c.overrides = map[int][]HolidayOverride{}
	for _, o := range all {
		if y, err := strconv.Atoi(o.Date[:4]); err == nil {
			c.overrides[y] = append(c.overrides[y], o)
		}
	}
	c.daysOff, c.stamp, c.loaded = map[int][]time.Time{}, stamp, true
}
