// Package data implements booking.Store on SQLite (the default: one file,
// nothing to install) and on PostgreSQL (a district's shared database,
// several instances over it). The statements, the scanning and the
// translation into domain errors are written once, here, over
// database/sql; data/sqlite and data/postgres hold what is particular to
// each: how pools open and writes are serialised, placeholders, error
// codes, migrations. Nothing outside data/ sees SQL or a driver.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mingzhu/booking"
	"mingzhu/data/postgres"
)

// DB is the store over one database: a writer pool whose transactions
// are serialised (SQLite: one connection, BEGIN IMMEDIATE; PostgreSQL: one
// advisory lock, taken first in every write transaction, so writes of all
// instances pass one at a time) and a pool of readers beside it.
type DB struct {
	// Path is the SQLite file, or "" on PostgreSQL; Addr is what Open was
	// given either way.
	Path, Addr string
	d          *dialect
	write      *sql.DB
	read       *sql.DB
}

var _ booking.SharedStore = (*DB)(nil)

// Open opens (creating and migrating if needed) the store at addr: a
// postgres:// or postgresql:// address is PostgreSQL, anything else the
// path of a SQLite file.
func Open(ctx context.Context, addr string) (*DB, error) {
	db := &DB{Addr: addr, d: sqliteDialect(), Path: addr}
	if postgres.IsAddress(addr) {
		db.d, db.Path = postgresDialect(), ""
	}
	var err error
	db.write, db.read, err = db.d.open(ctx, addr, func(w *sql.DB) error { return migrate(ctx, w, db.d) })
	if err != nil {
		return nil, fmt.Errorf("open %s store: %w", db.d.name, err)
	}
	return db, nil
}

// Kind is "sqlite" or "postgres".
func (db *DB) Kind() string { return db.d.name }

// Shared implements booking.SharedStore: true on PostgreSQL, where
// several instances open the same database; a SQLite file is one
// process's, whose caches follow its own writes.
func (db *DB) Shared() bool { return db.d.shared }

// Close closes both pools; SQLite checkpoints its WAL when the last
// connection closes.
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

// View runs fn in a read transaction on the read pool: one snapshot.
func (db *DB) View(ctx context.Context, fn func(booking.Tx) error) error {
	return db.run(ctx, db.read, db.d.readOnly, "", fn)
}

// Update runs fn in one serialised write transaction: alone, or, for a
// write confined to a booking.WriteScope where the dialect can, beside
// writes of other rooms and accounts.
func (db *DB) Update(ctx context.Context, fn func(booking.Tx) error) error {
	first, args := db.d.lockWrites, []any(nil)
	if sc, ok := booking.WriteScopeOf(ctx); ok && db.d.lockScope != "" {
		first, args = db.d.lockScope, []any{sc.Room, sc.User}
	}
	return db.run(ctx, db.write, nil, first, fn, args...)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, first string, fn func(booking.Tx) error, args ...any) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return db.d.translate(err, "")
	}
	defer sqlTx.Rollback()
	tx := &Tx{ctx: ctx, tx: sqlTx, d: db.d}
	if first != "" {
		if _, err := tx.exec(first, args...); err != nil {
			return db.d.translate(err, "")
		}
	}
	if err := fn(tx); err != nil {
		return db.d.outage(err)
	}
	return db.d.translate(sqlTx.Commit(), "")
}

// ChangesSince implements booking.SharedStore: one statement on the read
// pool, outside any transaction.
func (db *DB) ChangesSince(ctx context.Context, mark int64) (booking.Changes, error) {
	return changesSince(func(q string, args []any, scan func(*sql.Rows) error) error {
		rows, err := db.read.QueryContext(ctx, db.d.bind(q), db.d.args(args)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}, mark)
}

// QueryRow runs one raw query on the writer pool: for operators' tools
// and tests (PRAGMA integrity_check, counts), never for the domain.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.write.QueryRowContext(ctx, db.d.bind(query), db.d.args(args)...)
}

// IsPostgres reports whether addr names a PostgreSQL database rather than
// a SQLite file.
func IsPostgres(addr string) bool { return postgres.IsAddress(addr) }

// outage turns what a statement inside fn met but did not translate
// into a domain error when it says the database is away or the text
// cannot be stored: 503 and 4xx answers, not internal errors. Everything
// else (domain errors first of all) passes unchanged.
func (d *dialect) outage(err error) error {
	var be *booking.Error
	if errors.As(err, &be) {
		return err
	}
	switch d.kind(err) {
	case errDown, errBadText, errBusy:
		return d.translate(err, "")
	}
	return err
}
