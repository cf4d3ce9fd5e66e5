// Package postgres holds what is particular to PostgreSQL behind data's
// one Tx: pools through pgx's database/sql driver, the writer lock, the
// placeholder syntax, its migrations and error codes. The statements
// themselves are data's, shared with SQLite; pgx's own interface would
// have meant writing every query's scanning twice, and its database/sql
// driver keeps pgx's per-connection statement cache.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Migrations are PostgreSQL's schema changes, applied in name order.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// IsAddress reports whether a -db value names a PostgreSQL database
// rather than a SQLite file.
func IsAddress(addr string) bool {
	return strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://")
}

// LockTimeout bounds how long a write waits for the writer lock (ms), so
// a stuck writer makes the others fail with an answer (503) rather than
// hang, as SQLite's busy timeout does.
const LockTimeout = 5000

// IdleInWrite (ms) is how long a write transaction may sit idle between
// statements before the server ends it and frees the writer lock: far
// longer than any write's work between two statements (an import's
// checks take under a second).
const IdleInWrite = 30000

// Open opens the write and read pools on the database at addr. Writers
// wait for one lock (LockWrites), so a few connections per instance are
// enough; readers run in parallel on their own snapshots.
func Open(ctx context.Context, addr string) (write, read *sql.DB, err error) {
	// An instance that vanishes inside a write transaction (a machine
	// lost, a network cut) would hold the writer lock until its TCP
	// connection times out; the server ends such a session instead.
	params := fmt.Sprintf("lock_timeout=%d&idle_in_transaction_session_timeout=%d", LockTimeout, IdleInWrite)
	if write, err = open(ctx, addr, params, 4); err != nil {
		return nil, nil, err
	}
	if read, err = open(ctx, addr, "", max(8, 4*runtime.GOMAXPROCS(0))); err != nil {
		write.Close()
		return nil, nil, err
	}
	return write, read, nil
}

func open(ctx context.Context, addr, param string, conns int) (*sql.DB, error) {
	if param != "" {
		sep := "?"
		if strings.Contains(addr, "?") {
			sep = "&"
		}
		addr += sep + param
	}
	db, err := sql.Open("pgx", addr)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// The writer lock's key is two numbers: 28026 ("mz") and a hash of the
// schema the pool works in, so that stores in different schemas of one
// database (a test gives each its own) do not wait for each other.

// LockWrites is the first statement of every write transaction: the
// store's writer lock, held to commit or rollback. All writes of every
// instance pass it one at a time, so each sees everything committed
// before it, exactly as SQLite's one writer does.
const LockWrites = `SELECT pg_advisory_xact_lock(28026, hashtext(current_schema()))`

// LockScope is the first statement of a write confined to one room and
// one account (booking.WriteScope; $1 room, $2 user): the writer lock
// shared, so no unscoped write runs meanwhile, then the room's lock and
// the account's, in that order, each held to commit. Two scoped writes
// wait for each other only when they share a room or an account, and no
// cycle can form: every scoped write takes its room before its account,
// one of each. The target list is evaluated left to right.
const LockScope = `SELECT pg_advisory_xact_lock_shared(28026, hashtext(current_schema())),
	pg_advisory_xact_lock(28027, hashtext(current_schema() || ' ' || CAST($1 AS TEXT))),
	pg_advisory_xact_lock(28028, hashtext(current_schema() || ' ' || CAST($2 AS TEXT)))`

// Bind rewrites a statement written with SQLite's placeholders (? in
// order, or ?N by number) into PostgreSQL's $N. Statements are few and
// run often, so each is rewritten once. No statement of the store has a
// question mark inside a string literal.
func Bind(query string) string {
	if v, ok := bound.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c != '?' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(query) && query[j] >= '0' && query[j] <= '9' {
			j++
		}
		b.WriteByte('$')
		if j > i+1 {
			b.WriteString(query[i+1 : j])
		} else {
			n++
			b.WriteString(strconv.Itoa(n))
		}
		i = j - 1
	}
	out := b.String()
	bound.Store(query, out)
	return out
}

var bound sync.Map

// Args converts what pgx will not put in an INTEGER column: booleans
// (kept as 0/1, as in SQLite).
func Args(args []any) []any {
	for i, a := range args {
		if v, ok := a.(bool); ok {
			n := int64(0)
			if v {
				n = 1
			}
			args[i] = n
		}
	}
	return args
}

// Kind names a constraint error for data's translation.
type Kind int

// The errors the store turns into domain errors.
const (
	Other Kind = iota
	Unique
	ForeignKey
	Overlap // bookings_no_overlap, the EXCLUDE constraint
	Busy    // the writer lock not taken within LockTimeout
	BadText // text PostgreSQL cannot hold: NUL, invalid UTF-8
	Down    // the server unreachable, restarting or shutting down
)

// Classify names err's kind by its SQLSTATE, or as Down for a server
// that cannot be reached.
func Classify(err error) Kind {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		var ce *pgconn.ConnectError
		var ne net.Error
		if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) {
			return Down
		}
		return Other
	}
	if strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P") {
		return Down // connection exceptions; admin, crash or cannot-connect-now shutdowns
	}
	switch pe.Code {
	case "23505":
		return Unique
	case "23503":
		return ForeignKey
	case "23P01":
		return Overlap
	case "55P03", "57014": // lock_not_available, query_canceled (statement_timeout)
		return Busy
	case "22021", "22P05": // character_not_in_repertoire, untranslatable_character
		return BadText
	}
	return Other
}
