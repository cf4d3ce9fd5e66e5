package booking

import (
	"context"
	"time"
)

// Store is what the domain needs from persistence. It is declared here, by
// its user, so that the rules never see SQL; data/ implements it.
//
// Every check-then-change happens inside one Update: the store must run
// Update transactions one at a time (SQLite: BEGIN IMMEDIATE), so a
// conflict check cannot be invalidated by a concurrent writer.
type Store interface {
	// View runs fn on a consistent read-only snapshot.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in one serialised write transaction; an error from fn
	// rolls back everything it wrote.
	Update(ctx context.Context, fn func(Tx) error) error
}

// Tx is one transaction's view of the store.
type Tx interface {
	RoomTx
	UserTx
	BookingTx
	TeamTx
	SeriesTx
	RevisionTx
	HolidayTx
	CheckInTx
	ClosureTx
	AuditTx
	ChangeTx
}

// ChangeTx is how the instances sharing one store (PostgreSQL behind a
// load balancer) learn of each other's writes. Each write records, in its
// own transaction, the cache keys it changed (the same keys the versions
// counters use; AllKeys for "assume everything changed"); every instance
// reads what others recorded since it last looked and moves its counters
// before it trusts a cached answer. A change record exists exactly when
// its change was committed, so nothing can be missed or seen early.
type ChangeTx interface {
	// RecordChange appends one record of keys to the change log.
	RecordChange(keys []string) error
	// ChangesSince is SharedStore.ChangesSince inside this transaction:
	// in a write transaction nothing else commits meanwhile, so what it
	// returns is everything committed before this write.
	ChangesSince(mark int64) (Changes, error)
}

// AllKeys in a change record means every cached answer may be stale.
const AllKeys = "*"

// Changes is what the change log holds after a mark: the keys recorded
// since, in commit order (duplicates possible), and the mark to pass next
// time. All is set when the log no longer holds every record after the
// mark (it was pruned, or the mark is from another store): the caller must
// assume everything changed.
type Changes struct {
	Keys []string
	Next int64
	All  bool
}

// SharedStore is a Store that several processes use at once. The
// Service then records its writes' keys in the change log and reads the
// log before each cached answer; a store only one process opens (SQLite)
// does not implement it, and its caches follow the writes in memory.
type SharedStore interface {
	Store
	// Shared is false for a store type that can be either and is, this
	// time, one process's own.
	Shared() bool
	// ChangesSince reads the change log outside any transaction, in one
	// round trip (it runs before every cached answer). A negative mark
	// asks only for the current head: Next, no keys.
	ChangesSince(ctx context.Context, mark int64) (Changes, error)
}

// RevisionTx reads the store's change counter. Every write transaction
// that inserts or changes a booking or a series raises it once and stamps
// those rows with the new value, in commit order; so a plan made on a read
// snapshot at revision n can ask a later write transaction for exactly
// what was committed since, with ChangedFrom n+1 (see import_plan.go).
type RevisionTx interface {
	// Revision is the counter as this transaction sees it.
	Revision() (int64, error)
}

// RoomTx reads and writes rooms.
type RoomTx interface {
	Rooms() ([]Room, error)
	// Room returns ENOTFOUND for an unknown id.
	Room(id string) (Room, error)
	// PutRoom inserts or replaces a room (seed data, snapshots).
	PutRoom(r Room) error
	// UpdateRoom stores an existing room's names, capacity and equipment;
	// ENOTFOUND for an unknown id. It never adds a room.
	UpdateRoom(r Room) error
}

// UserTx reads and writes accounts and their session tokens.
type UserTx interface {
	// InsertUser returns ECONFLICT when the username is taken.
	InsertUser(u *User) error
	// UserByID and UserByUsername return ENOTFOUND for no such user.
	UserByID(id string) (*User, error)
	UserByUsername(username string) (*User, error)
	// Users lists every account, oldest first.
	Users() ([]User, error)
	// InsertToken stores only the hash of a bearer token.
	InsertToken(hash, userID string, created, expires time.Time) error
	// UserByToken returns the user and the token's expiry, ENOTFOUND when
	// no unexpired token has that hash.
	UserByToken(hash string, now time.Time) (*User, time.Time, error)
	// SetFeedToken replaces the user's private feed token.
	SetFeedToken(userID, token string) error
	// UserByFeedToken returns ENOTFOUND for an unknown token or a
	// disabled account.
	UserByFeedToken(token string) (*User, error)
	// FindUsers lists the accounts whose username or name contains
	// f.Query (ASCII letters without regard to case) and whose role is
	// f.Role (any when empty), oldest first, at most f.Limit.
	FindUsers(f UserFilter) ([]User, error)
	// UpdateUser stores Name, Role and Disabled; ENOTFOUND for an unknown id.
	UpdateUser(u *User) error
	// SetPasswordHash replaces the hash; ENOTFOUND for an unknown id.
	SetPasswordHash(userID, hash string) error
	// DeleteTokens ends every session of the user except the token whose
	// hash is keep ("" ends all).
	DeleteTokens(userID, keep string) error
	// DeleteToken ends one session; an unknown hash is not an error.
	DeleteToken(hash string) error
	// ActiveStaff counts staff accounts that are not disabled.
	ActiveStaff() (int, error)
}

// UserFilter selects accounts for staff; Limit must be positive. Role,
// if set, keeps only accounts of that role.
type UserFilter struct {
	Query string
	Role  Role
	Limit int
}

// BookingFilter selects bookings; zero fields do not filter.
type BookingFilter struct {
	Room   string
	UserID string
	// From and To select bookings overlapping [From, To).
	From, To time.Time
	// Windows, if any, select bookings overlapping any of them, in one
	// query (checking a series' occurrences costs one round trip).
	Windows []Window
	// Holding keeps only bookings that hold their slot (confirmed or
	// pending, HoldsSlot).
	Holding bool
	// Status, if set, keeps only bookings in this status.
	Status      string
	LatestFirst bool
	Limit       int
	// TimesOnly fills only ID, Room, Start, End, CreatedAt, Status and
	// CheckedInAt (which EffectiveStatus needs):
	// enough for busy time, and much cheaper for thousands of rows.
	TimesOnly bool
	// ChangedFrom, if set, selects bookings inserted or changed by a write
	// at this revision or later (RevisionTx).
	ChangedFrom int64
}

// Window is a half-open interval [From, To).
type Window struct{ From, To time.Time }

// BookingTx reads and writes one-off bookings.
type BookingTx interface {
	InsertBooking(b *Booking) error
	// Booking returns ENOTFOUND for an unknown id.
	Booking(id string) (*Booking, error)
	// SetBookingStatus changes a booking's status at the given time.
	SetBookingStatus(id, status string, at time.Time) error
	// SetBookingState stores b's Status, Reason and CheckedInAt (the
	// house rules' changes: approve, decline, closure, check-in, no-show);
	// ENOTFOUND for an unknown id.
	SetBookingState(b *Booking, at time.Time) error
	Bookings(f BookingFilter) ([]Booking, error)
}

// TeamTx reads and writes teams.
type TeamTx interface {
	// InsertTeam returns ECONFLICT when the id is taken.
	InsertTeam(t *Team) error
	// Team returns ENOTFOUND for an unknown id.
	Team(id string) (*Team, error)
	Teams() ([]Team, error)
	// UpdateTeam stores the names and replaces the leaders; ENOTFOUND for
	// an unknown id.
	UpdateTeam(t *Team) error
}

// SeriesFilter selects series; zero fields do not filter. Room matches a
// series with any part in the room or any occurrence moved into it.
type SeriesFilter struct {
	Room string
	Team string
	// From and To keep series that may have an occurrence in [From, To).
	From, To time.Time
	// ChangedFrom, if set, selects series inserted or changed by a write at
	// this revision or later (RevisionTx). The store applies it; the
	// in-memory matches does not (cached series carry no revision).
	ChangedFrom int64
}

// SeriesTx reads and writes recurring series with their parts and
// exceptions, always as a whole.
type SeriesTx interface {
	InsertSeries(s *Series) error
	// UpdateSeries replaces the stored series (parts, exdates, exceptions).
	UpdateSeries(s *Series) error
	// Series returns ENOTFOUND for an unknown id.
	Series(id string) (*Series, error)
	// DeleteSeries removes a series that has no past worth keeping.
	DeleteSeries(id string) error
	SeriesList(f SeriesFilter) ([]*Series, error)
}

// HolidayOverride is staff's decision about one date, over the official
// arrangement: a holiday of their own (Removed false; it replaces the
// library's entry for that date, if any) or the removal of the library's
// entry (Removed true; Name and Work unused). ChangedBy is the staff
// member's user id, ChangedAt when.
type HolidayOverride struct {
	Holiday
	Removed   bool
	ChangedBy string
	ChangedAt time.Time
}

// HolidayTx reads and writes the holiday overrides. Dates are civil
// dates "2006-01-02"; the store does not check them beyond their shape.
type HolidayTx interface {
	// HolidayOverrides lists the overrides of dates in year, by date.
	HolidayOverrides(year int) ([]HolidayOverride, error)
	// AllHolidayOverrides lists every override, by date.
	AllHolidayOverrides() ([]HolidayOverride, error)
	// PutHolidayOverride inserts or replaces the override of o.Date.
	PutHolidayOverride(o HolidayOverride) error
	// DeleteHolidayOverride drops the override of date; ENOTFOUND if
	// there is none.
	DeleteHolidayOverride(date string) error
}

// CheckInTx finds the bookings that may still become no-shows, for the
// sweep that stores them and for the stamps that must move at each
// check-in deadline (see EffectiveStatus).
type CheckInTx interface {
	// UncheckedBookings lists stored-confirmed and pending bookings without a check-in
	// that start in [from, to) (zero bounds do not limit), by start, then
	// id, at most limit (0: all). Reads only; the status is as stored.
	UncheckedBookings(from, to time.Time, limit int) ([]Booking, error)
}

// ClosureFilter selects closures; zero fields do not filter. Room keeps
// that room's closures and the whole centre's (Room "" on a closure);
// From and To keep those overlapping [From, To), either bound open when
// zero.
type ClosureFilter struct {
	Room     string
	From, To time.Time
}

// ClosureTx reads and writes closures (a room or the whole centre shut
// for a stretch of time). There are a few a year, so a listing need not
// bound its scan by duration as bookings do.
type ClosureTx interface {
	// InsertClosure stores a new closure.
	InsertClosure(c *Closure) error
	// Closure returns ENOTFOUND for an unknown id.
	Closure(id string) (*Closure, error)
	// DeleteClosure removes one; ENOTFOUND for an unknown id.
	DeleteClosure(id string) error
	// SetClosureEnd moves one's end (to now, ending it early); ENOTFOUND
	// for an unknown id.
	SetClosureEnd(id string, end time.Time) error
	// Closures lists those f selects, by start then id.
	Closures(f ClosureFilter) ([]Closure, error)
}

// WriteScope says that a write transaction reads and changes only one
// room's bookings and one account's (a booking being made: the room's
// clashes and buffer, the owner's quota and no-shows; classes, closures
// and holidays it only reads). A store shared by several instances may
// then run it beside writes of other scopes (PostgreSQL: a lock per room
// and per account under a shared store-wide lock, which every unscoped
// write takes alone); a store with one writer ignores it.
type WriteScope struct{ Room, User string }

type writeScopeKey struct{}

// WithWriteScope marks ctx's next Update as confined to sc.
func WithWriteScope(ctx context.Context, sc WriteScope) context.Context {
	return context.WithValue(ctx, writeScopeKey{}, sc)
}

// WriteScopeOf is the scope WithWriteScope put on ctx, if any.
func WriteScopeOf(ctx context.Context) (WriteScope, bool) {
	sc, ok := ctx.Value(writeScopeKey{}).(WriteScope)
	return sc, ok
}
