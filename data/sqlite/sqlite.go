// Package sqlite holds what is particular to SQLite behind data's one
// Tx: how the two pools are opened (one writer whose transactions begin
// IMMEDIATE, a read-only pool beside it in WAL mode), its migrations, the
// driver's error codes, and the file-level backup. The SQL the store runs
// is data's, shared with PostgreSQL.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"

	"github.com/mattn/go-sqlite3"
)

// BusyTimeout is how long a connection waits on a lock, in milliseconds. It
// is kept below the HTTP write timeout so a stuck write fails as an answer
// instead of a dropped connection.
const BusyTimeout = 5000

// StmtCacheSize is how many prepared statements each connection keeps:
// more than the distinct statements of the service (about 60), so the
// ones in use are never evicted.
const StmtCacheSize = 128

// Migrations are SQLite's schema changes, applied in name order.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Open opens (creating if needed) the database file at path as a writer
// pool of one connection and a read-only pool. migrate runs on the writer
// before the read pool opens, so readers never see a half-made schema.
func Open(ctx context.Context, path string, migrate func(*sql.DB) error) (write, read *sql.DB, err error) {
	common := url.Values{}
	common.Set("_busy_timeout", fmt.Sprint(BusyTimeout))
	common.Set("_foreign_keys", "on")
	common.Set("_journal_mode", "WAL")
	// FULL: a commit is on disk before the booking is confirmed, so even
	// a power cut cannot take back a 201 (WAL with NORMAL survives a
	// process crash but may lose the last commits on power loss).
	common.Set("_synchronous", "FULL")
	// The driver keeps each connection's statements and hands one back to
	// the next run of the same text (data runs statements by text), so a
	// write pays for parsing once per connection, not once per transaction.
	common.Set("_stmt_cache_size", fmt.Sprint(StmtCacheSize))
	w := cloneValues(common)
	w.Set("_txlock", "immediate")
	if write, err = sql.Open("sqlite3", "file:"+path+"?"+w.Encode()); err != nil {
		return nil, nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := migrate(write); err != nil {
		write.Close()
		return nil, nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	r := cloneValues(common)
	r.Set("_query_only", "1")
	if read, err = sql.Open("sqlite3", "file:"+path+"?"+r.Encode()); err != nil {
		write.Close()
		return nil, nil, err
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return write, read, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Kind names a constraint error for data's translation.
type Kind int

// The constraint errors the store turns into domain errors.
const (
	Other Kind = iota
	Unique
	ForeignKey
	Overlap // the bookings_no_overlap triggers (migration 0013)
)

// Classify names err's kind.
func Classify(err error) Kind {
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrConstraint {
		return Other
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return Unique
	case sqlite3.ErrConstraintForeignKey:
		return ForeignKey
	case sqlite3.ErrConstraintTrigger:
		return Overlap
	}
	return Other
}
