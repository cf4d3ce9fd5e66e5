// Package data implements booking.Store on SQLite. Everything SQL and
// SQLite-specific lives here, so that the domain could move to another
// database by writing another package like this one.
package data

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"runtime"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"mingzhu/booking"
)

// BusyTimeout is how long a connection waits on a lock, in milliseconds. It
// is kept below the HTTP write timeout so a stuck write fails as an answer
// instead of a dropped connection.
const BusyTimeout = 5000

// StmtCacheSize is how many prepared statements each connection keeps:
// more than the distinct statements of the service (about 60), so the
// ones in use are never evicted.
const StmtCacheSize = 128

// DB is the SQLite database: one writer connection, whose transactions
// begin IMMEDIATE so check-then-insert can never interleave, and a pool of
// read-only connections that WAL lets run beside the writer.
type DB struct {
	Path  string
	write *sql.DB
	read  *sql.DB
}

var _ booking.Store = (*DB)(nil)

// Open opens (creating if needed) and migrates the database at path.
func Open(ctx context.Context, path string) (*DB, error) {
	common := url.Values{}
	common.Set("_busy_timeout", fmt.Sprint(BusyTimeout))
	common.Set("_foreign_keys", "on")
	common.Set("_journal_mode", "WAL")
	// FULL: a commit is on disk before the booking is confirmed, so even
	// a power cut cannot take back a 201 (WAL with NORMAL survives a
	// process crash but may lose the last commits on power loss).
	common.Set("_synchronous", "FULL")
	// Each transaction prepares its statements afresh (data.Tx.stmt), and
	// preparing cost a quarter of a booking write's CPU. The driver keeps
	// closed statements per connection and hands them back to the next
	// Prepare of the same text, so a write pays for parsing once per
	// connection, not once per transaction.
	common.Set("_stmt_cache_size", fmt.Sprint(StmtCacheSize))
	w := cloneValues(common)
	w.Set("_txlock", "immediate")
	write, err := sql.Open("sqlite3", "file:"+path+"?"+w.Encode())
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	db := &DB{Path: path, write: write}
	if err := db.migrate(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	r := cloneValues(common)
	r.Set("_query_only", "1")
	if db.read, err = sql.Open("sqlite3", "file:"+path+"?"+r.Encode()); err != nil {
		write.Close()
		return nil, err
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	return db, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Close closes both pools; WAL contents are checkpointed by SQLite when the
// last connection closes.
func (db *DB) Close() error {
	var rerr error
	if db.read != nil {
		rerr = db.read.Close()
	}
	if err := db.write.Close(); err != nil {
		return err
	}
	return rerr
}

// View runs fn in a read transaction on the read-only pool.
func (db *DB) View(ctx context.Context, fn func(booking.Tx) error) error {
	return run(ctx, db.read, fn)
}

// Update runs fn in one BEGIN IMMEDIATE transaction on the writer.
func (db *DB) Update(ctx context.Context, fn func(booking.Tx) error) error {
	return run(ctx, db.write, fn)
}

func run(ctx context.Context, pool *sql.DB, fn func(booking.Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	if err := fn(&Tx{ctx: ctx, tx: sqlTx}); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// QueryRow runs one raw query on the writer connection: for operators' tools
// and tests (PRAGMA integrity_check), never for the domain.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.write.QueryRowContext(ctx, query, args...)
}
