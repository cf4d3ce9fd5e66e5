package data

import (
	"context"
	"database/sql"
	"io/fs"

	"mingzhu/data/postgres"
	"mingzhu/data/sqlite"
)

// dialect is what differs between the databases behind the one Tx: the
// statements are written once, for both, with SQLite's placeholders, and
// the few words that differ are filled in from here.
type dialect struct {
	name string
	// bind rewrites a statement's placeholders; args converts arguments
	// the driver refuses.
	bind func(string) string
	args func([]any) []any
	// kind names a constraint error.
	kind func(error) errKind
	// lockWrites, if set, is the first statement of every write
	// transaction; readOnly are View's transaction options.
	lockWrites string
	// lockScope, if set, replaces lockWrites for a booking.WriteScope
	// (arguments: room, user).
	lockScope string
	// orderIDs, if set, takes the revision row's lock without raising it.
	orderIDs string
	readOnly *sql.TxOptions
	// Words of SQL that differ.
	stringAgg  string // the aggregate joining text with a separator
	usernameIs string // a case-insensitive match of the username
	ilike      string // LIKE without regard to ASCII case
	loopJoin   string // a join whose left side SQLite must loop over
	migrations fs.FS
	// afterCopy runs after Copy has inserted rows with their own ids.
	afterCopy []string
	// shared: several processes use the store at once (booking.SharedStore).
	shared bool
	open   func(ctx context.Context, addr string, migrate func(*sql.DB) error) (write, read *sql.DB, err error)
}

// errKind is a constraint error the store turns into a domain error.
type errKind int

const (
	errOther errKind = iota
	errUnique
	errForeignKey
	errOverlap
	errBusy
	errBadText
	errDown
)

func sqliteDialect() *dialect {
	sub, _ := fs.Sub(sqlite.Migrations, "migrations")
	return &dialect{
		name: "sqlite",
		bind: func(q string) string { return q },
		args: func(a []any) []any { return a },
		kind: func(err error) errKind {
			return [...]errKind{sqlite.Other: errOther, sqlite.Unique: errUnique,
				sqlite.ForeignKey: errForeignKey, sqlite.Overlap: errOverlap}[sqlite.Classify(err)]
		},
		// The writer's transactions begin IMMEDIATE (sqlite.Open); a read
		// transaction in WAL mode is one snapshot from its first read.
		readOnly:   nil,
		stringAgg:  "group_concat",
		usernameIs: "username = ?",
		ilike:      "LIKE",
		loopJoin:   "CROSS JOIN", // SQLite keeps a CROSS JOIN's order
		migrations: sub,
		open:       sqlite.Open,
	}
}

func postgresDialect() *dialect {
	sub, _ := fs.Sub(postgres.Migrations, "migrations")
	return &dialect{
		name: "postgres",
		bind: postgres.Bind,
		args: postgres.Args,
		kind: func(err error) errKind {
			return [...]errKind{postgres.Other: errOther, postgres.Unique: errUnique,
				postgres.ForeignKey: errForeignKey, postgres.Overlap: errOverlap,
				postgres.Busy: errBusy, postgres.BadText: errBadText, postgres.Down: errDown}[postgres.Classify(err)]
		},
		lockWrites: postgres.LockWrites,
		lockScope:  postgres.LockScope,
		orderIDs:   `SELECT n FROM revision WHERE id = 1 FOR UPDATE`,
		// REPEATABLE READ: every statement of a View reads one snapshot, as
		// a SQLite read transaction does (READ COMMITTED would give each
		// statement its own).
		readOnly:   &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
		stringAgg:  "string_agg",
		usernameIs: `lower(username) = lower(CAST(? AS TEXT) COLLATE "C")`,
		ilike:      `COLLATE "C" ILIKE`, // ASCII case only, whatever the database's locale
		loopJoin:   "JOIN",
		migrations: sub,
		// Identity columns take explicit values without moving their
		// sequences: move them past the copied ids.
		afterCopy: []string{
			`SELECT setval(pg_get_serial_sequence('audit', 'id'), coalesce(max(id), 0) + 1, false) FROM audit`,
			`SELECT setval(pg_get_serial_sequence('changes', 'id'), coalesce(max(id), 0) + 1, false) FROM changes`,
			`SELECT setval(pg_get_serial_sequence('users', 'rowid'), coalesce(max(rowid), 0) + 1, false) FROM users`,
		},
		shared: true,
		open: func(ctx context.Context, addr string, migrate func(*sql.DB) error) (*sql.DB, *sql.DB, error) {
			w, r, err := postgres.Open(ctx, addr)
			if err != nil {
				return nil, nil, err
			}
			if err := migrate(w); err != nil {
				w.Close()
				r.Close()
				return nil, nil, err
			}
			return w, r, nil
		},
	}
}
