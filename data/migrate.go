package data

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"time"
)

// migrate applies every embedded migration of the dialect not yet
// recorded, in name order, each in its own transaction together with its
// record, so a crash leaves each migration either wholly applied or not
// at all. On PostgreSQL each transaction first takes the writer lock, so
// instances started together apply each migration once.
func migrate(ctx context.Context, w *sql.DB, d *dialect) error {
	if err := inTx(ctx, w, d, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
			name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`)
		return err
	}); err != nil {
		return err
	}
	names, err := fs.Glob(d.migrations, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := inTx(ctx, w, d, func(tx *sql.Tx) error { return applyMigration(ctx, tx, d, name) }); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// inTx runs fn in one write transaction holding the writer lock.
func inTx(ctx context.Context, w *sql.DB, d *dialect, fn func(*sql.Tx) error) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if d.lockWrites != "" {
		// A migration another instance is running may take longer than
		// the write pool's lock_timeout: wait for it, however long.
		if _, err := tx.ExecContext(ctx, `SET LOCAL lock_timeout = 0`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, d.lockWrites); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func applyMigration(ctx context.Context, tx *sql.Tx, d *dialect, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, d.bind(`SELECT count(*) FROM migrations WHERE name = ?`), name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(d.migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, d.bind(`INSERT INTO migrations (name, applied_at) VALUES (?, ?)`), name, time.Now().Unix())
	return err
}
