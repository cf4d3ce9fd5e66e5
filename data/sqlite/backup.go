package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"time"
)

// openPlain opens one ordinary connection to an existing database file,
// for operator tools that must not migrate or seed it.
func openPlain(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", fmt.Sprintf("file:%s?_busy_timeout=%d", path, BusyTimeout))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// Backup writes a consistent copy of the database at src into dst (which
// must not exist) while the service may be serving and writing: VACUUM
// INTO reads one snapshot in a read transaction, which in WAL mode blocks
// no writer. The copy holds every transaction committed before it began.
func Backup(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("backup: %s already exists", dst)
	}
	db, err := openPlain(src)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return IntegrityCheck(ctx, dst)
}

// IntegrityCheck runs PRAGMA integrity_check on the file at path.
func IntegrityCheck(ctx context.Context, path string) error {
	db, err := openPlain(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("integrity check of %s: %w", path, err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check of %s: %s", path, res)
	}
	return nil
}

// Restore puts a backup in place of the database at dst. The service must
// be stopped. The backup is checked first; an existing database is kept
// beside it as dst.before-restore-<time>, and its WAL files are moved
// with it so they cannot be replayed onto the restored file.
func Restore(ctx context.Context, backup, dst string) error {
	if err := IntegrityCheck(ctx, backup); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	tmp := dst + ".restore-tmp"
	if err := copyFile(backup, tmp); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(dst); err == nil {
		keep := fmt.Sprintf("%s.before-restore-%s", dst, time.Now().Format("20060102-150405"))
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(dst+suffix, keep+suffix); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("restore: %w", err)
			}
		}
	}
	return os.Rename(tmp, dst)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
