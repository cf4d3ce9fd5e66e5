// Package dbtemplate gives fuzz targets a fresh real database per input
// quickly: a seeded SQLite file is built once, and each input that writes
// gets its own copy of it. Opening a copy costs about 3 ms where seeding
// costs far more, and an input that wrote nothing keeps its copy for the
// next one, so a crash always replays on the same starting data.
package dbtemplate

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"mingzhu/booking"
	"mingzhu/data"
)

// Dir returns a folder for the databases, on tmpfs when there is one:
// SQLite syncs every commit, and a fuzz target commits thousands.
func Dir(tb testing.TB) string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "mingzhu-fuzz-"); err == nil {
			tb.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return tb.TempDir()
}

// Store is the real store over one copy, counting the writes it committed.
type Store struct {
	*data.DB
	dir    string
	Writes int
}

// Update is the store's, counted when it commits.
func (s *Store) Update(ctx context.Context, fn func(booking.Tx) error) error {
	err := s.DB.Update(ctx, fn)
	if err == nil {
		s.Writes++
	}
	return err
}

// Close closes the copy and removes it; a nil Store is fine.
func (s *Store) Close() {
	if s != nil {
		s.DB.Close()
		os.RemoveAll(s.dir)
	}
}

// Copy opens a new copy, in a folder of its own under dir, of the closed
// template database at path.
func Copy(tb testing.TB, dir, path string) *Store {
	tb.Helper()
	sub, err := os.MkdirTemp(dir, "in-")
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	copyPath := filepath.Join(sub, "mingzhu.db")
	if err := os.WriteFile(copyPath, raw, 0o600); err != nil {
		tb.Fatal(err)
	}
	db, err := data.Open(context.Background(), copyPath)
	if err != nil {
		tb.Fatal(err)
	}
	return &Store{DB: db, dir: sub}
}
