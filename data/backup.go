package data

import (
	"context"
	"fmt"
	"os"

	"mingzhu/data/postgres"
	"mingzhu/data/sqlite"
)

// Backup writes a consistent copy of the store at src into the new SQLite
// file dst while the service may be serving. A SQLite file is copied by
// VACUUM INTO (sqlite.Backup); a PostgreSQL database is copied row by row
// from one snapshot (Copy), which gives a portable file that runs the
// service by itself. A district's PostgreSQL is also backed up with its
// own tools (pg_dump; docs/DEPLOY.md).
func Backup(ctx context.Context, src, dst string) error {
	if !postgres.IsAddress(src) {
		return sqlite.Backup(ctx, src, dst)
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("backup: %s already exists", dst)
	}
	if _, err := CopyBetween(ctx, src, dst); err != nil {
		os.Remove(dst)
		return fmt.Errorf("backup: %w", err)
	}
	return sqlite.IntegrityCheck(ctx, dst)
}

// IntegrityCheck checks the SQLite file at path.
func IntegrityCheck(ctx context.Context, path string) error { return sqlite.IntegrityCheck(ctx, path) }

// Restore puts a SQLite backup in place of the store at dst; the service
// must be stopped. A SQLite file is replaced (the old one kept beside
// it); a PostgreSQL database must be new and empty (createdb), and the
// backup is copied into it, so that nothing is ever overwritten there.
func Restore(ctx context.Context, backup, dst string) error {
	if !postgres.IsAddress(dst) {
		return sqlite.Restore(ctx, backup, dst)
	}
	if err := sqlite.IntegrityCheck(ctx, backup); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := CopyBetween(ctx, backup, dst); err != nil {
		return fmt.Errorf("restore: %w (restore into a new, empty database)", err)
	}
	return nil
}

// CopyBetween opens the stores at two addresses (a SQLite file or a
// postgres:// address each) and copies src into dst (Copy).
func CopyBetween(ctx context.Context, src, dst string) (*CopyResult, error) {
	from, err := Open(ctx, src)
	if err != nil {
		return nil, err
	}
	defer from.Close()
	to, err := Open(ctx, dst)
	if err != nil {
		return nil, err
	}
	defer to.Close()
	return Copy(ctx, from, to)
}
