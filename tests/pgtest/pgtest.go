// Package pgtest gives tests a real PostgreSQL server, and each test an
// empty schema of its own on it, so that the PostgreSQL store is tested
// against the database it runs on in production rather than a fake: the
// exclusion constraints, isolation levels and error codes it relies on
// exist only in the server.
//
// Only _test.go files import it. A package using it declares
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// so that a cluster the test process started is stopped when the tests
// end; URL, Database and Admin fail the test without it.
//
// Where the server comes from:
//
//   - MINGZHU_PG=off: the tests skip (the only way they skip), except under
//     CI (env CI set), where they fail, since CI must run them.
//   - MINGZHU_PG_URL set: the admin URL of a running server, as .ci/run
//     gives from tests/pg/cluster. Test processes of several packages share
//     it, each test in a schema of its own.
//   - otherwise the first test that asks starts a throwaway cluster for the
//     whole test process, from the PostgreSQL binaries of the machine
//     (Debian's postgresql package), and Main stops and removes it.
//
// Starting a cluster (initdb, then pg_ctl start) takes about 1.5 s; a
// schema takes a few milliseconds, which is why tests share a cluster and
// get schemas, not clusters or databases, of their own.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	offMessage      = "PostgreSQL tests skipped: MINGZHU_PG=off"
	notFoundMessage = "PostgreSQL not found: install Debian's postgresql package, or set MINGZHU_PG=off to skip these tests"
	// adminTimeout bounds each of the harness's own statements, so that a
	// stuck server fails the test rather than hanging it until go test's
	// timeout, which kills the process without cleanups.
	adminTimeout = 30 * time.Second
)

var (
	mainCalled atomic.Bool

	once     sync.Once
	mu       sync.Mutex // guards admin, setupErr and started against Main
	admin    string     // the admin URL, database postgres unless MINGZHU_PG_URL says otherwise
	setupErr error
	started  *cluster // the cluster this process started, if it did
)

// URL returns the address of a fresh, empty schema for this test alone,
// t_<random>, in the admin URL's database: search_path=t_<random>,public,
// so that the store's migrations create their tables in the test's schema
// (the first of search_path) while the operator classes of btree_gist,
// installed once in public, still resolve for its EXCLUDE constraints.
// Tests get schemas rather than databases because a schema costs a few
// milliseconds, and parallel tests cannot see each other's tables.
//
// The harness creates btree_gist in public before any test, so the store's
// own CREATE EXTENSION IF NOT EXISTS btree_gist finds it there: parallel
// tests each creating it could race on the extension's catalog row.
//
// The schema is dropped with CASCADE when the test ends; the test must have
// closed its connections to it by then (a store opened after URL is, if its
// Close is registered with tb.Cleanup, since cleanups run last first).
func URL(tb testing.TB) string {
	tb.Helper()
	adminURL := server(tb)
	name := "t_" + randomHex(tb)
	if err := execute(adminURL, "CREATE SCHEMA "+name); err != nil {
		tb.Fatalf("pgtest: create schema %s: %v", name, err)
	}
	tb.Cleanup(func() {
		// lock_timeout: a connection the test left open in a transaction
		// would otherwise make the drop wait forever.
		if err := execute(adminURL, "SET lock_timeout = '10s'", "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			tb.Errorf("pgtest: drop schema %s (is a connection to it still open?): %v", name, err)
		}
	})
	u := mustParse(tb, adminURL)
	q := u.Query()
	q.Set("search_path", name+",public") // Encode writes the comma as %2C
	u.RawQuery = q.Encode()
	return u.String()
}

// Database creates a whole fresh database, d_<random>, with btree_gist in
// its public schema, and returns its URL (default search_path); it is
// dropped, its remaining connections ended, when the test ends. It is for
// tests that need a database and not just a schema, such as tools that run
// pg_dump or that connect without a search_path; for anything else URL is
// cheaper (CREATE DATABASE copies a template and checkpoints).
func Database(tb testing.TB) string {
	tb.Helper()
	adminURL := server(tb)
	name := "d_" + randomHex(tb)
	if err := execute(adminURL, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if err := execute(adminURL, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u := mustParse(tb, adminURL)
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	// No other connection can be in the new database yet, so this cannot
	// race the way the shared database's extension could.
	if err := execute(u.String(), "CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public"); err != nil {
		tb.Fatalf("pgtest: btree_gist in database %s: %v", name, extensionHint(err))
	}
	return u.String()
}

// Admin returns the admin URL of the server (a superuser, the database
// named in MINGZHU_PG_URL or postgres), for tests that need statements
// beyond one schema, such as CREATE DATABASE or CREATE ROLE. Whatever a test
// creates through it, it removes itself: with MINGZHU_PG_URL the server
// outlives the test process.
func Admin(tb testing.TB) string {
	tb.Helper()
	return server(tb)
}

// Main runs the tests and then stops (pg_ctl stop -m immediate: the data is
// thrown away, so there is nothing to flush) and removes the cluster this
// process started, if it started one, so that no cluster is left running
// after a test run. It returns the exit code for os.Exit: m.Run's, or 1
// when the tests passed but the cluster could not be stopped.
//
// Should the process die before Main returns (a panic, go test's timeout,
// Ctrl-C), a watchdog process started with the cluster notices that its
// stdin, a pipe from this process, closed, and stops and removes the
// cluster itself.
func Main(m *testing.M) int {
	mainCalled.Store(true)
	code := m.Run()
	mu.Lock()
	c := started
	started = nil
	mu.Unlock()
	if c != nil {
		if err := c.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// server returns the admin URL, starting or checking the server the first
// time, or ends the test: skipped under MINGZHU_PG=off, failed when there
// is no server to be had.
func server(tb testing.TB) string {
	tb.Helper()
	if os.Getenv("MINGZHU_PG") == "off" {
		if os.Getenv("CI") != "" {
			tb.Fatal("MINGZHU_PG=off under CI: CI must run the PostgreSQL tests, not skip them")
		}
		tb.Skip(offMessage)
	}
	if !mainCalled.Load() {
		tb.Fatal("pgtest: the package's TestMain must be `os.Exit(pgtest.Main(m))`, which stops the cluster the tests start")
	}
	once.Do(setup)
	mu.Lock()
	defer mu.Unlock()
	if setupErr != nil {
		tb.Fatal(setupErr)
	}
	return admin
}

// setup finds or starts the server and installs btree_gist in it.
func setup() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var (
		u   string
		c   *cluster
		err error
	)
	if env := os.Getenv("MINGZHU_PG_URL"); env != "" {
		u = env
		if p, perr := url.Parse(u); perr != nil || (p.Scheme != "postgres" && p.Scheme != "postgresql") {
			err = fmt.Errorf("pgtest: MINGZHU_PG_URL must be a postgres:// URL (tests add search_path to it), not %q", u)
		}
	} else {
		c, u, err = startCluster(ctx)
	}
	if err == nil {
		err = prepare(ctx, u)
		if err != nil && c != nil {
			c.stop()
			c = nil
		}
	}
	mu.Lock()
	defer mu.Unlock()
	admin, setupErr, started = u, err, c
}

// prepare installs btree_gist in the public schema of the admin database,
// once for every test and test process: test processes of several packages
// share a server given by MINGZHU_PG_URL, so an advisory lock orders their
// CREATE EXTENSION, which otherwise can fail on the duplicate catalog row
// when two run at once.
func prepare(ctx context.Context, adminURL string) error {
	conn, err := connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("pgtest: connect to %s: %w", redact(adminURL), err)
	}
	defer conn.Close(context.Background())
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext('mingzhu pgtest btree_gist'))"); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public")
		return err
	})
	if err != nil {
		return fmt.Errorf("pgtest: btree_gist in %s: %w", redact(adminURL), extensionHint(err))
	}
	var schema string
	err = conn.QueryRow(ctx, `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		WHERE e.extname = 'btree_gist'`).Scan(&schema)
	if err != nil {
		return fmt.Errorf("pgtest: btree_gist in %s: %w", redact(adminURL), err)
	}
	if schema != "public" {
		return fmt.Errorf("pgtest: btree_gist is installed in schema %s of %s, but the tests' search_path adds only public: ALTER EXTENSION btree_gist SET SCHEMA public", schema, redact(adminURL))
	}
	return nil
}

// extensionHint says what to install when the server has no btree_gist.
func extensionHint(err error) error {
	if err != nil && strings.Contains(err.Error(), "extension control file") {
		return fmt.Errorf("%w (btree_gist comes with the server's contrib modules: Debian's postgresql-<version> package has them)", err)
	}
	return err
}

// execute runs statements on a connection of its own. A connection per
// call costs a few milliseconds over loopback, and keeps parallel tests from
// queueing behind one shared connection (pgx.Conn is not safe for
// concurrent use, and pgxpool needs a module go.sum does not list).
func execute(u string, statements ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), adminTimeout)
	defer cancel()
	conn, err := connect(ctx, u)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	for _, s := range statements {
		if _, err := conn.Exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

func connect(ctx context.Context, u string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, u)
}

func mustParse(tb testing.TB, u string) *url.URL {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("pgtest: parse %s: %v", redact(u), err)
	}
	return p
}

// redact hides a password in a URL for messages.
func redact(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Redacted()
	}
	return "the server's URL"
}

// randomHex is 16 hex digits: a name no other test, process or earlier run
// on a shared server picks.
func randomHex(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// cluster is a throwaway cluster in dir (data in dir/data, the Unix socket
// in dir itself), owned by the watchdog process that removes it.
type cluster struct {
	dir        string
	bindir     string
	runuser    string // set when root: the server runs as postgres through it
	watchdog   *exec.Cmd
	watchdogIn io.WriteCloser
	stopOnce   sync.Once
	stopErr    error
}

// command runs one of the PostgreSQL binaries, as the postgres user when
// this process is root, since the server refuses to run as root.
func (c *cluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bindir, name)
	var cmd *exec.Cmd
	if c.runuser != "" {
		cmd = exec.Command(c.runuser, append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir // the postgres user may not be allowed in the test's directory
	return cmd
}

// watchdogScript waits for its stdin to close, which happens when the test
// process ends however it ends, then stops the cluster if it runs and
// removes its directory. $1 is the directory, the rest the pg_ctl command.
const watchdogScript = `read -r _
dir=$1; shift
rc=0
if [ -f "$dir/data/postmaster.pid" ]; then
  if ! out=$("$@" -D "$dir/data" -m immediate -w -t 60 stop 2>&1); then
    printf 'pgtest: could not stop the PostgreSQL cluster in %s: %s\n' "$dir/data" "$out" >&2
    rc=1
  fi
fi
rm -rf "$dir"
exit $rc
`

// startCluster initdbs and starts a cluster on a free loopback port, and
// returns it with its admin URL.
func startCluster(ctx context.Context) (*cluster, string, error) {
	bindir, err := findBindir()
	if err != nil {
		return nil, "", err
	}
	c := &cluster{bindir: bindir}
	uid, gid := -1, -1
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			return nil, "", fmt.Errorf("pgtest: running as root, the PostgreSQL server must run as the postgres user, and there is none (%v): Debian's postgresql package creates it", err)
		}
		uid, _ = strconv.Atoi(pg.Uid)
		gid, _ = strconv.Atoi(pg.Gid)
		if c.runuser, err = findRunuser(); err != nil {
			return nil, "", err
		}
	}
	if c.dir, err = clusterDir(c, uid, gid); err != nil {
		return nil, "", err
	}
	// The watchdog first, so that even a failure half way removes the
	// directory and any server.
	pgctl := []string{filepath.Join(bindir, "pg_ctl")}
	if c.runuser != "" {
		pgctl = append([]string{c.runuser, "-u", "postgres", "--"}, pgctl...)
	}
	c.watchdog = exec.Command("/bin/sh", append([]string{"-c", watchdogScript, "pgtest-watchdog", c.dir}, pgctl...)...)
	// Its own session: Ctrl-C in the terminal, which ends the test process,
	// must not end the watchdog before it has stopped the server (pg_ctl
	// starts the server in a session of its own too).
	c.watchdog.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	c.watchdog.Stderr = os.Stderr
	if c.watchdogIn, err = c.watchdog.StdinPipe(); err != nil {
		os.RemoveAll(c.dir)
		return nil, "", fmt.Errorf("pgtest: %w", err)
	}
	if err := c.watchdog.Start(); err != nil {
		os.RemoveAll(c.dir)
		return nil, "", fmt.Errorf("pgtest: start the cluster's watchdog: %w", err)
	}
	u, err := c.start(ctx)
	if err != nil {
		c.stop()
		return nil, "", err
	}
	return c, u, nil
}

func (c *cluster) start(ctx context.Context) (string, error) {
	data := filepath.Join(c.dir, "data")
	// --no-sync: the cluster is thrown away, so initdb need not wait for
	// the disk (it otherwise spends most of its time there).
	if out, err := c.command("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
		"--no-sync", "--no-instructions").CombinedOutput(); err != nil {
		return "", fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	logFile := filepath.Join(c.dir, "server.log")
	var lastErr error
	// A free port found here may be taken by another test process before
	// the server binds it, so a failure to bind tries another.
	for attempt := 0; attempt < 5; attempt++ {
		port, err := freePort()
		if err != nil {
			return "", fmt.Errorf("pgtest: find a free port: %w", err)
		}
		os.Remove(logFile)
		// fsync, synchronous_commit and full_page_writes off: nothing needs
		// to survive a crash of a throwaway cluster, and the tests commit
		// thousands of times. max_connections: parallel tests each open a
		// store, each with a pool of its own.
		opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -c port=%d -c unix_socket_directories=%s"+
			" -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
			port, shellQuote(c.dir))
		out, err := c.command("pg_ctl", "-D", data, "-l", logFile, "-w", "-t", "60", "-o", opts, "start").CombinedOutput()
		if err == nil {
			u := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
			return u, waitReady(ctx, u)
		}
		log, _ := os.ReadFile(logFile)
		lastErr = fmt.Errorf("pgtest: pg_ctl start: %v\n%s\nserver log:\n%s", err, out, log)
		if !strings.Contains(string(log), "could not bind") && !strings.Contains(string(log), "already in use") {
			break
		}
	}
	return "", lastErr
}

// waitReady waits until the server accepts connections: pg_ctl -w already
// waited, but through the Unix socket, and the tests use TCP.
func waitReady(ctx context.Context, u string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		conn, err := connect(cctx, u)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("pgtest: the cluster started but does not accept connections at %s: %w", u, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop has the watchdog stop the server and remove the directory, by
// closing its stdin, and waits for it.
func (c *cluster) stop() error {
	c.stopOnce.Do(func() {
		c.watchdogIn.Close()
		done := make(chan error, 1)
		go func() { done <- c.watchdog.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				c.stopErr = fmt.Errorf("stopping the PostgreSQL cluster in %s: %v", c.dir, err)
			}
		case <-time.After(90 * time.Second):
			c.stopErr = fmt.Errorf("the PostgreSQL cluster in %s did not stop within 90s", c.dir)
		}
	})
	return c.stopErr
}

// clusterDir makes the cluster's directory: under the temporary directory,
// or /tmp when that one will not do. It must be reachable by the postgres
// user when root, and short, since the Unix socket's path in it may be at
// most 107 bytes.
func clusterDir(c *cluster, uid, gid int) (string, error) {
	var errs []error
	for _, parent := range []string{os.TempDir(), "/tmp"} {
		if len(parent) > 60 {
			errs = append(errs, fmt.Errorf("%s: too long a path for the server's Unix socket", parent))
			continue
		}
		dir, err := os.MkdirTemp(parent, "mingzhu-pg-")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if c.runuser == "" {
			return dir, nil
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			errs = append(errs, err)
			continue
		}
		if out, err := exec.Command(c.runuser, "-u", "postgres", "--", "test", "-w", dir, "-a", "-x", dir).CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			errs = append(errs, fmt.Errorf("%s: not writable by the postgres user (%v %s)", dir, err, out))
			continue
		}
		return dir, nil
	}
	return "", fmt.Errorf("pgtest: no directory for the cluster: %w", errors.Join(errs...))
}

// findBindir finds the directory of initdb and pg_ctl: on PATH, then
// where pg_config says, then the newest /usr/lib/postgresql/<version>/bin,
// where Debian installs them without putting them on PATH.
func findBindir() (string, error) {
	has := func(dir string) bool {
		for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
			if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.IsDir() {
				return false
			}
		}
		return true
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		// Resolve symlinks (/usr/local/bin/initdb -> /usr/lib/...): initdb
		// and pg_ctl find postgres next to their real selves.
		if real, err := filepath.EvalSymlinks(p); err == nil && has(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); has(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	type version struct {
		dir string
		n   float64
	}
	var vs []version
	for _, d := range dirs {
		n, err := strconv.ParseFloat(filepath.Base(filepath.Dir(d)), 64)
		if err == nil && has(d) {
			vs = append(vs, version{d, n})
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].n > vs[j].n })
	if len(vs) > 0 {
		return vs[0].dir, nil
	}
	return "", errors.New(notFoundMessage)
}

func findRunuser() (string, error) {
	if p, err := exec.LookPath("runuser"); err == nil {
		return p, nil
	}
	for _, p := range []string{"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("pgtest: running as root, and no runuser to start the PostgreSQL server as the postgres user (Debian's util-linux has it)")
}

// freePort is a loopback port free at the moment of asking.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// shellQuote quotes s for the shell through which pg_ctl starts the server.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
