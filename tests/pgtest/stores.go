package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// StoreEnv chooses the store for tests written once for both: unset or
// "sqlite" for a SQLite file, "postgres" for a PostgreSQL schema.
const StoreEnv = "MINGZHU_TEST_STORE"

// OnPostgres reports whether this test process runs on PostgreSQL.
func OnPostgres() bool { return os.Getenv(StoreEnv) == "postgres" }

// Addr is the address of a fresh store for this test: a new SQLite file
// in a temp folder, or (OnPostgres) a new schema.
func Addr(tb testing.TB) string {
	tb.Helper()
	if OnPostgres() {
		return URL(tb)
	}
	return filepath.Join(tb.TempDir(), "mingzhu.db")
}

// MainBoth runs a package's tests on SQLite, then the same test binary
// again, with the same flags, on PostgreSQL (StoreEnv=postgres), so that
// `go test ./...` runs the API tests against both stores with one test
// code. Under MINGZHU_PG=off the second run is skipped with a message
// (and refused under CI, like every PostgreSQL test). Use it as
// `func TestMain(m *testing.M) { os.Exit(pgtest.MainBoth(m)) }`.
func MainBoth(m *testing.M) int {
	code := Main(m)
	if code != 0 || os.Getenv(StoreEnv) != "" {
		return code
	}
	if os.Getenv("MINGZHU_PG") == "off" {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "pgtest: MINGZHU_PG=off is not allowed under CI")
			return 1
		}
		fmt.Println("pgtest: the same tests on PostgreSQL skipped: MINGZHU_PG=off")
		return 0
	}
	fmt.Printf("pgtest: the same tests again on PostgreSQL (%s=postgres)\n", StoreEnv)
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), StoreEnv+"=postgres")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest: on PostgreSQL:", err)
		return 1
	}
	return 0
}
