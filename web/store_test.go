package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

var schemaN atomic.Int64

// storeAddr is where a test's store lives: a new SQLite file, or, with
// MINGZHU_TEST_STORE=postgres, a new schema of the PostgreSQL server.
func storeAddr(tb testing.TB) string {
	tb.Helper()
	if os.Getenv("MINGZHU_TEST_STORE") != "postgres" {
		return filepath.Join(tb.TempDir(), "mingzhu.db")
	}
	admin := os.Getenv("MINGZHU_PG_URL")
	db, err := sql.Open("pgx", admin)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("t_%d_%d", time.Now().UnixNano(), schemaN.Add(1))
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+name); err != nil {
		tb.Fatal(err)
	}
	return admin + "&search_path=" + name + "%2Cpublic"
}
