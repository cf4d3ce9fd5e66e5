package booking

import (
	"context"
	"errors"
	"time"

	"mingzhu/calendar/ical"
)

// An import is planned, then written. Planning runs the whole importer —
// expansion, exact clash checks, the conflict policy — on a read snapshot
// (planTx), holding no lock, and yields the rows it would write. Writing
// takes the single writer only to re-check what was committed since the
// snapshot (series_recheck.go) and to insert those rows, so a booking made
// meanwhile waits milliseconds, not the seconds a 500-event file takes to
// check.
//
// "Committed since" is exact: every write transaction that inserts or
// changes a booking or a series stamps those rows with the store's change
// counter (RevisionTx), raised once per transaction in commit order; the
// plan records the counter its snapshot saw. A clock with a safety margin
// would also work, but only as long as no write ever takes longer than the
// margin between reading the clock and committing, and no clock steps
// back; the counter needs neither, and maps to PostgreSQL as one counter
// row updated in each write transaction (its row lock keeps commit order).

// importPlans is how many times an import is planned on a fresh snapshot
// before, as a last resort, it runs whole inside the write transaction.
// A second plan is needed only when a write committed meanwhile took a
// slot the first one wanted; with reject, that plan then answers the 409
// itself, from a snapshot that holds the rival write.
const importPlans = 2

// errStalePlan rolls back a write whose plan was overtaken: something
// committed since its snapshot takes a slot the plan would use.
var errStalePlan = errors.New("import plan: a slot it needs was taken since its snapshot")

// ImportTiming says how an import went: how often it was planned, how
// long planning took (no lock held) and how long it held the writer
// (waiting for it included).
type ImportTiming struct {
	Plans    int
	Planning time.Duration
	Writing  time.Duration
	// InWriter: rival writes overtook every plan, so the import ran whole
	// inside the write transaction.
	InWriter bool
}

// importPlan is what an import would write, as worked out on a snapshot.
type importPlan struct {
	rev      int64 // the snapshot's revision
	series   []*Series
	bookings []*Booking
	res      *ImportResult
	keys     []string
	// busy is what the plan would occupy, per room, for the re-check.
	busy map[string]*roomPlan
}

// importEvents plans the import and writes the plan, planning again when
// it was overtaken. A dry run only plans: it needs no write transaction.
func (s *Service) importEvents(ctx context.Context, actor *User, r ImportRequest, events []ical.Imported) (*ImportResult, error) {
	planCtx, cancel := context.WithTimeout(ctx, importBudget)
	defer cancel()
	var tm ImportTiming
	for attempt := range importPlans {
		res, err := s.tryImport(ctx, planCtx, actor, r, events, attempt, &tm)
		if !errors.Is(err, errStalePlan) {
			return res, err
		}
	}
	t0 := time.Now()
	res, err := s.importInWriter(ctx, actor, r, events)
	if err == nil {
		tm.Writing, tm.InWriter = tm.Writing+time.Since(t0), true
		res.Timing = tm
	}
	return res, err
}

// tryImport makes one plan (at a low CPU priority: requests come first)
// and writes it; errStalePlan says it was overtaken.
func (s *Service) tryImport(ctx, planCtx context.Context, actor *User, r ImportRequest, events []ical.Imported,
	attempt int, tm *ImportTiming) (*ImportResult, error) {
	var p *importPlan
	var err error
	t0 := time.Now()
	inBackground(func() { p, err = s.planImport(planCtx, actor, r, events) })
	tm.Plans, tm.Planning = tm.Plans+1, tm.Planning+time.Since(t0)
	if err != nil {
		return nil, budgetError(err)
	}
	p.res.Timing = *tm
	if r.DryRun {
		return p.res, nil
	}
	if s.afterImportPlan != nil {
		s.afterImportPlan(attempt)
	}
	t0 = time.Now()
	err = s.applyImport(ctx, actor, r, p)
	tm.Writing += time.Since(t0)
	p.res.Timing = *tm
	if err != nil {
		return nil, err
	}
	s.vers.touch(p.keys...)
	return p.res, nil
}

// planImport runs the importer on a read snapshot and keeps what it
// would have written.
func (s *Service) planImport(ctx context.Context, actor *User, r ImportRequest, events []ical.Imported) (*importPlan, error) {
	var p *importPlan
	err := s.viewWarm(ctx, func(tx Tx) error {
		rev, err := tx.Revision()
		if err != nil {
			return err
		}
		pt := newPlanTx(tx)
		im, err := s.runImport(ctx, pt, actor, r, events)
		if err != nil {
			return err
		}
		p = &importPlan{rev: rev, series: pt.series, bookings: pt.bookings, res: im.res, keys: im.keys}
		return nil
	})
	if err != nil || r.DryRun {
		return p, err
	}
	p.busy, err = s.planBusy(p)
	return p, err
}

// applyImport writes a plan in one write transaction, after checking again
// what may have changed since its snapshot: the team's leaders and the
// room (cheap), and every booking and series committed since in the rooms
// the plan uses. It returns errStalePlan, writing nothing, when one of
// those takes a slot of the plan.
func (s *Service) applyImport(ctx context.Context, actor *User, r ImportRequest, p *importPlan) error {
	return s.store.Update(ctx, func(tx Tx) error {
		if err := s.mayManage(tx, actor, r.Team); err != nil {
			return err
		}
		if _, err := tx.Room(r.Room); err != nil {
			return err
		}
		if err := s.recheck(tx, p); err != nil {
			return err
		}
		if err := s.recheckClosures(tx, p); err != nil {
			return err
		}
		for _, se := range p.series {
			if err := tx.InsertSeries(se); err != nil {
				return err
			}
		}
		for _, b := range p.bookings {
			if err := tx.InsertBooking(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// importInWriter is the last resort when rival writes kept overtaking the
// plans: the whole import inside one write transaction, as before plans
// existed. It holds every other write back while it runs, hence its own
// budget; it is rare (a busy room, and a clash with the plan, twice).
func (s *Service) importInWriter(ctx context.Context, actor *User, r ImportRequest, events []ical.Imported) (*ImportResult, error) {
	ctx, cancel := context.WithTimeout(ctx, fallbackBudget)
	defer cancel()
	var im *importer
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		im, err = s.runImport(ctx, tx, actor, r, events)
		return err
	})
	if err != nil {
		return nil, budgetError(err)
	}
	s.vers.touch(im.keys...)
	return im.res, nil
}

// budgetError turns a spent import budget into a clear refusal.
func budgetError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return Errorf(ETOOLARGE, "文件太大，无法及时检查，请分开导入 the file takes too long to check; import it in parts")
	}
	return err
}
