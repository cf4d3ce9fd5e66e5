package pgtest_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"mingzhu/tests/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func connect(t *testing.T, u string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("connect %s: %v", u, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func exec1(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// The store relies on search_path to put its tables in the test's schema:
// the URL must name the schema first and public second, comma encoded.
func TestURLSearchPath(t *testing.T) {
	t.Parallel()
	start := time.Now()
	u := pgtest.URL(t)
	t.Logf("URL (server ready and schema created) in %v", time.Since(start))
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.RawQuery, "%2Cpublic") {
		t.Errorf("the comma of search_path is not URL-encoded: %s", u)
	}
	sp := p.Query().Get("search_path")
	schema, rest, ok := strings.Cut(sp, ",")
	if !ok || rest != "public" || !strings.HasPrefix(schema, "t_") {
		t.Fatalf("search_path = %q, want t_<random>,public", sp)
	}
	conn := connect(t, u)
	var current string
	if err := conn.QueryRow(context.Background(), "SELECT current_schema()").Scan(&current); err != nil {
		t.Fatal(err)
	}
	if current != schema {
		t.Errorf("current_schema() = %q, want %q", current, schema)
	}
	var tables int
	if err := conn.QueryRow(context.Background(),
		"SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Errorf("a fresh schema has %d tables", tables)
	}
}

// Two tests' schemas share neither tables nor rows, even with the same
// table names, so parallel tests cannot see each other's data.
func TestURLsAreIsolated(t *testing.T) {
	t.Parallel()
	a, b := connect(t, pgtest.URL(t)), connect(t, pgtest.URL(t))
	for _, c := range []*pgx.Conn{a, b} {
		exec1(t, c, "CREATE TABLE rooms (name text PRIMARY KEY)")
	}
	exec1(t, a, "INSERT INTO rooms VALUES ('明珠厅')")
	var n int
	if err := b.QueryRow(context.Background(), "SELECT count(*) FROM rooms").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("the second schema sees %d rows of the first's", n)
	}
	// The same primary key is free in the other schema.
	exec1(t, b, "INSERT INTO rooms VALUES ('明珠厅')")
}

// What the store's migrations do: CREATE EXTENSION IF NOT EXISTS btree_gist
// (already there in public: a no-op), then a table whose EXCLUDE constraint
// needs btree_gist's operator class for text, created in the test's schema.
// Run in parallel, as the store's tests will, to show the extension is not
// raced for.
func TestExcludeConstraint(t *testing.T) {
	for _, name := range []string{"a", "b", "c", "d"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			u := pgtest.URL(t)
			conn := connect(t, u)
			exec1(t, conn, "CREATE EXTENSION IF NOT EXISTS btree_gist")
			exec1(t, conn, `CREATE TABLE bookings (
				room text NOT NULL,
				during tstzrange NOT NULL,
				EXCLUDE USING gist (room WITH =, during WITH &&))`)
			schema := strings.Split(mustQuery(t, u, "search_path"), ",")[0]
			var in string
			if err := conn.QueryRow(context.Background(),
				"SELECT schemaname FROM pg_tables WHERE tablename = 'bookings' AND schemaname = $1", schema).Scan(&in); err != nil {
				t.Fatalf("bookings is not in the test's schema %s: %v", schema, err)
			}
			exec1(t, conn, `INSERT INTO bookings VALUES ('明珠厅', '[2030-01-01 09:00+08, 2030-01-01 10:00+08)')`)
			exec1(t, conn, `INSERT INTO bookings VALUES ('明珠厅', '[2030-01-01 10:00+08, 2030-01-01 11:00+08)')`)
			exec1(t, conn, `INSERT INTO bookings VALUES ('翡翠厅', '[2030-01-01 09:30+08, 2030-01-01 10:30+08)')`)
			_, err := conn.Exec(context.Background(),
				`INSERT INTO bookings VALUES ('明珠厅', '[2030-01-01 09:30+08, 2030-01-01 10:30+08)')`)
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != "23P01" {
				t.Fatalf("an overlapping booking of the same room: err = %v, want exclusion_violation (23P01)", err)
			}
		})
	}
}

func mustQuery(t *testing.T, u, key string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return p.Query().Get(key)
}

// The schema is gone after the test, tables and all.
func TestURLDroppedAtCleanup(t *testing.T) {
	t.Parallel()
	var schema string
	t.Run("use", func(t *testing.T) {
		u := pgtest.URL(t)
		schema = strings.Split(mustQuery(t, u, "search_path"), ",")[0]
		exec1(t, connect(t, u), "CREATE TABLE x (id int)")
	})
	conn := connect(t, pgtest.Admin(t))
	var n int
	if err := conn.QueryRow(context.Background(),
		"SELECT count(*) FROM pg_namespace WHERE nspname = $1", schema).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("schema %s is still there after its test", schema)
	}
}

// A database of its own has btree_gist and is dropped afterwards, and
// pg_dump (which the tools' tests run) reads it.
func TestDatabase(t *testing.T) {
	t.Parallel()
	var name string
	t.Run("use", func(t *testing.T) {
		start := time.Now()
		u := pgtest.Database(t)
		t.Logf("Database in %v", time.Since(start))
		p, _ := url.Parse(u)
		name = strings.TrimPrefix(p.Path, "/")
		conn := connect(t, u)
		exec1(t, conn, `CREATE TABLE bookings (room text, during tstzrange,
			EXCLUDE USING gist (room WITH =, during WITH &&))`)
		if dump, err := exec.LookPath("pg_dump"); err == nil {
			out, err := exec.Command(dump, "--schema-only", u).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "CREATE TABLE public.bookings") {
				t.Errorf("pg_dump: %v\n%s", err, out)
			}
		}
	})
	conn := connect(t, pgtest.Admin(t))
	var n int
	if err := conn.QueryRow(context.Background(),
		"SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("database %s is still there after its test", name)
	}
}

// MINGZHU_PG=off is the one way the tests skip: checked in a child test
// process, so that this process's own tests still run.
func TestSkipWhenOff(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") == "1" {
		pgtest.URL(t)
		t.Fatal("URL returned under MINGZHU_PG=off")
	}
	t.Parallel()
	run := func(env ...string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSkipWhenOff$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), append([]string{"PGTEST_CHILD=1", "MINGZHU_PG=off"}, env...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("CI=")
	if err != nil || !strings.Contains(out, "--- SKIP") || !strings.Contains(out, "PostgreSQL tests skipped: MINGZHU_PG=off") {
		t.Errorf("MINGZHU_PG=off: want a skip, got %v:\n%s", err, out)
	}
	// Under CI the tests must run: off is refused.
	out, err = run("CI=1")
	if err == nil || !strings.Contains(out, "--- FAIL") {
		t.Errorf("MINGZHU_PG=off under CI: want a failure, got %v:\n%s", err, out)
	}
}
