package data

import (
	"context"

	"mingzhu/data/sqlite"
)

// Backup writes a consistent copy of the SQLite file src into dst while
// the service may be serving (sqlite.Backup). PostgreSQL is backed up
// with its own tools (pg_dump; docs/DEPLOY.md) or copied to a SQLite file
// with Copy.
func Backup(ctx context.Context, src, dst string) error { return sqlite.Backup(ctx, src, dst) }

// IntegrityCheck checks the SQLite file at path.
func IntegrityCheck(ctx context.Context, path string) error { return sqlite.IntegrityCheck(ctx, path) }

// Restore puts a SQLite backup in place of the file at dst; the service
// must be stopped.
func Restore(ctx context.Context, backup, dst string) error { return sqlite.Restore(ctx, backup, dst) }
