package booking

import (
	"context"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// TokenLifetime is how long a login stays valid.
const TokenLifetime = 30 * 24 * time.Hour

// Config is what a Service needs; zero values take sensible defaults.
type Config struct {
	Store Store
	// Loc is the site time zone: classes keep their wall-clock time in it.
	Loc *time.Location
	// Now is the clock; tests set it. Defaults to time.Now.
	Now func() time.Time
	// PasswordCost is the bcrypt cost; tests lower it to stay fast.
	PasswordCost int
}

// Service applies the centre's rules. It is safe for concurrent use and
// holds no state of its own beyond caches that the store can rebuild and
// the login and registration throttles (lost on restart, by design).
type Service struct {
	// store audits every write (audit_tx.go); raw is the store itself,
	// for the bulk loads that are not people's changes (seed, restore).
	store Store
	raw   Store
	loc   *time.Location
	now   func() time.Time
	cost  int
	rules *ruleCache
	vers  *versions
	// changes follows the change log of a shared store (nil otherwise):
	// other instances' writes move vers and auth as local ones do.
	changes *changeFeed
	tt      timetable
	cl      closureCache
	gate    writeGate
	turns   roomTurns
	hols    holidayCache
	due     dueTracker
	auth    authCache
	// logins and signups throttle password guessing and account floods.
	logins, signups *limiter
	// refusals bounds the audit lines one person's refused requests may
	// write (audit_refusal.go).
	refusals *limiter
	// dummyHash is compared against when a username is unknown, at the same
	// cost as real hashes, so a login takes as long for a missing user as
	// for a wrong password and does not reveal which usernames exist.
	dummyHash []byte
	// afterImportPlan, when set (by tests), runs between planning an
	// import and writing it: a rival write committed there overtakes it.
	afterImportPlan func(attempt int)
	// afterHolidayCommit, when set (by tests), runs between a holiday
	// change's commit and the touch of its stamp (write_gate.go).
	afterHolidayCommit func()
}

// New returns a Service over the given store.
func New(cfg Config) *Service {
	s := &Service{store: cfg.Store, loc: cfg.Loc, now: cfg.Now, cost: cfg.PasswordCost}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.cost == 0 {
		s.cost = bcrypt.DefaultCost
	}
	// Writes go through the audit layer (auditStore: every change recorded
	// in its own transaction, and, on a shared store, its keys in the
	// change log); every read sees a booking's status at its
	// transaction's clock (effectiveStore). Seed and restore use raw.
	s.vers = newVersions()
	s.changes = newChangeFeed(cfg.Store, s.vers, &s.auth)
	s.raw = cfg.Store
	s.store = effectiveStore{Store: auditStore{Store: cfg.Store, clock: s.clock, gate: &s.gate, begin: s.beginWrite, changes: s.changes}, clock: s.clock}
	s.rules = newRuleCache()
	s.dummyHash, _ = bcrypt.GenerateFromPassword([]byte(NewToken()), s.cost)
	s.logins, s.signups = newLimiter(LoginFailures, LoginWindow), newLimiter(Signups, SignupWindow)
	s.refusals = newLimiter(RefusalAudits, RefusalWindow)
	return s
}

// Now is the service's clock (tests set it), at whole seconds.
func (s *Service) Now() time.Time { return s.clock() }

// Location is the site time zone, for callers that format times.
func (s *Service) Location() *time.Location { return s.loc }

// clock returns "now" once per operation, truncated to whole seconds like
// every stored time, in the site zone.
func (s *Service) clock() time.Time {
	return s.now().Truncate(time.Second).In(s.loc)
}

// local puts t in the site zone at whole seconds, as every time we return is.
func (s *Service) local(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Truncate(time.Second).In(s.loc)
}

// Health checks that the store answers a read; the health endpoint uses it
// so that a monitor sees a broken database, not just a running process.
func (s *Service) Health(ctx context.Context) error {
	return s.store.View(ctx, func(tx Tx) error {
		_, err := tx.Rooms()
		return err
	})
}

// Rooms lists all rooms in a stable order.
func (s *Service) Rooms(ctx context.Context) (rooms []Room, err error) {
	err = s.store.View(ctx, func(tx Tx) error {
		rooms, err = tx.Rooms()
		return err
	})
	return rooms, err
}

// Room returns one room, ENOTFOUND when there is none.
func (s *Service) Room(ctx context.Context, id string) (room Room, err error) {
	err = s.store.View(ctx, func(tx Tx) error {
		room, err = tx.Room(id)
		return err
	})
	return room, err
}

// beginWrite runs first in every write transaction. On a shared store it
// applies what other instances committed before it; the store runs
// writes one at a time, so nothing they commit can be missed after. Then
// it reloads the holiday cache through tx if its stamp has moved, so the
// write's rules read days off exact for the whole write (daysOffIn)
// without a second connection.
func (s *Service) beginWrite(tx Tx) error {
	if err := s.changes.catchUpIn(tx); err != nil {
		return err
	}
	return s.refreshHolidays(tx)
}
