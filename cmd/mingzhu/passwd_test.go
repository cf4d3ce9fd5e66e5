package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// runCLI runs the command in-process and returns its exit status and
// what it printed.
func runCLI(ctx context.Context, args []string, env map[string]string, stdin string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(stdin), stdout: &out,
		stderr: &errOut, log: slog.New(slog.NewTextHandler(&errOut, nil))}
	code = run(ctx, args, c)
	return code, out.String(), errOut.String()
}

// TestUsageExitStatus: an unknown command, a missing or stray argument or
// an unknown flag prints the usage and exits 2; nothing is served. (The
// context is cancelled, so a server that started anyway fails at once.)
func TestUsageExitStatus(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	env := map[string]string{"MINGZHU_DB": filepath.Join(dir, "never.db")}
	for _, args := range [][]string{
		{"passwd"},
		{"passwd", "admin", "extra"},
		{"passwd", "-nope", "admin"},
		{"foo"},
		{"-db", filepath.Join(dir, "x.db"), "extra"},
		{"serve", "extra"},
		{"-nope"},
		{"backup"},
		{"restore", "-db", filepath.Join(dir, "x.db")},
		{"import"},
		{"export", "stray"},
	} {
		code, _, stderr := runCLI(ctx, args, env, "")
		if code != exitUsage || !strings.Contains(stderr, "mingzhu passwd  -db") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and the usage", args, code, stderr)
		}
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"passwd", "-h"}} {
		if code, _, stderr := runCLI(ctx, args, env, ""); code != exitOK || !strings.Contains(stderr, "Mingzhu Rooms") {
			t.Errorf("%q: exit %d, stderr %q; want 0 and the usage", args, code, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a misused command wrote %v", entries)
	}
}

// passwdDB is a database with the admin (password "old-admin-pass"), and a
// token of the admin's.
func passwdDB(t *testing.T) (path, token string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "mingzhu.db")
	db, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := booking.New(booking.Config{Store: db, PasswordCost: 4})
	seed, err := data.Seed("none")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, "old-admin-pass"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, "admin", "old-admin-pass")
	if err != nil {
		t.Fatal(err)
	}
	return path, sess.Token
}

// check logs in on the database and verifies the token, with a new
// service (no cache).
func check(t *testing.T, path, password, token string) (loginErr, tokenErr error) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := booking.New(booking.Config{Store: db, PasswordCost: 4})
	_, loginErr = svc.Login(ctx, booking.Client{}, "admin", password)
	_, tokenErr = svc.Authenticate(ctx, token)
	return loginErr, tokenErr
}

// TestPasswd: the password comes from MINGZHU_NEW_PASSWORD or a line on
// standard input; the old password and the old sessions stop working.
func TestPasswd(t *testing.T) {
	ctx := context.Background()
	path, token := passwdDB(t)
	code, stdout, stderr := runCLI(ctx, []string{"passwd", "-db", path, "ADMIN"}, map[string]string{"MINGZHU_NEW_PASSWORD": "env-admin-pass"}, "")
	if code != exitOK || !strings.Contains(stdout, "password set for admin") || !strings.Contains(stdout, "已为 admin 设置新密码") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if loginErr, tokenErr := check(t, path, "old-admin-pass", token); loginErr == nil || tokenErr == nil {
		t.Fatalf("old password %v, old token %v: both must fail", loginErr, tokenErr)
	}
	if loginErr, _ := check(t, path, "env-admin-pass", ""); loginErr != nil {
		t.Fatalf("new password: %v", loginErr)
	}
	// Flags may follow the username; the password is read from stdin.
	if code, stdout, stderr := runCLI(ctx, []string{"passwd", "admin", "-db", path}, nil, "stdin-admin-pass\r\n"); code != exitOK {
		t.Fatalf("stdin: exit %d, %q %q", code, stdout, stderr)
	}
	if loginErr, _ := check(t, path, "stdin-admin-pass", ""); loginErr != nil {
		t.Fatalf("password from stdin: %v", loginErr)
	}
}

// TestPasswdFailures: an unknown user, a bad password, no password and a
// missing database exit 1 with a clear message and change nothing.
func TestPasswdFailures(t *testing.T) {
	ctx := context.Background()
	path, _ := passwdDB(t)
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, tc := range []struct {
		args         []string
		stdin, wants string
	}{
		{[]string{"passwd", "-db", path, "nobody"}, "good-password\n", `no such user`},
		{[]string{"passwd", "-db", path, "admin"}, "short\n", "at least 8 characters"},
		{[]string{"passwd", "-db", path, "admin"}, "", "no password given"},
		{[]string{"passwd", "-db", missing, "admin"}, "good-password\n", "no database at"},
	} {
		code, _, stderr := runCLI(ctx, tc.args, nil, tc.stdin)
		if code != exitFailed || !strings.Contains(stderr, tc.wants) {
			t.Errorf("%q: exit %d, stderr %q; want 1 and %q", tc.args, code, stderr, tc.wants)
		}
	}
	if loginErr, _ := check(t, path, "old-admin-pass", ""); loginErr != nil {
		t.Fatalf("a failed passwd changed the password: %v", loginErr)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatalf("passwd created %s: %v", missing, err)
	}
}

// syncBuffer is a log destination safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// serveOnce runs the real Main in-process on a free port until stop is
// called, and returns its base URL and log.
func serveOnce(t *testing.T, env map[string]string, args ...string) (base string, log *syncBuffer, stop func()) {
	t.Helper()
	log = &syncBuffer{}
	m := NewMain(slog.New(slog.NewTextHandler(log, nil)))
	if err := m.ParseFlags(append([]string{"-addr", "127.0.0.1:0", "-seed", "none"}, args...), func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	select {
	case <-m.ready:
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v\n%s", err, log)
	case <-time.After(30 * time.Second):
		t.Fatal("not serving")
	}
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	return "http://" + m.listener.Addr().String(), log, stop
}

// TestAdminPasswordIgnoredIsLogged: on a database set up before,
// MINGZHU_ADMIN_PASSWORD changes nothing, and the log says so and how to
// change a password.
func TestAdminPasswordIgnoredIsLogged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mingzhu.db")
	_, log, stop := serveOnce(t, map[string]string{"MINGZHU_ADMIN_PASSWORD": "first-admin-pass"}, "-db", path)
	stop()
	if strings.Contains(log.String(), "ignored") {
		t.Fatalf("first start says ignored:\n%s", log)
	}
	_, log, stop = serveOnce(t, map[string]string{"MINGZHU_ADMIN_PASSWORD": "second-admin-pass"}, "-db", path)
	stop()
	if !strings.Contains(log.String(), "MINGZHU_ADMIN_PASSWORD ignored") || !strings.Contains(log.String(), "mingzhu passwd -db "+path+" admin") {
		t.Fatalf("second start:\n%s", log)
	}
	if strings.Contains(log.String(), "second-admin-pass") {
		t.Fatalf("the password was logged:\n%s", log)
	}
}

// TestTrustedProxiesFlag: -trusted-proxies (or MINGZHU_TRUSTED_PROXIES)
// reaches the server: behind the proxy each forwarded address has its own
// login throttle; with the flag set empty, the header counts for nothing
// and every client is the proxy.
func TestTrustedProxiesFlag(t *testing.T) {
	login := func(base, forwardedFor, username, password string) int {
		body := `{"username":"` + username + `","password":"` + password + `"}`
		req, _ := http.NewRequest("POST", base+"/api/v1/auth/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", forwardedFor)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	env := map[string]string{"MINGZHU_ADMIN_PASSWORD": "proxy-admin-pass", "MINGZHU_TRUSTED_PROXIES": "127.0.0.1"}
	for _, tc := range []struct {
		name  string
		args  []string
		other int // a right password from another forwarded address
	}{
		{"env", nil, 200},
		{"flag", []string{"-trusted-proxies", "10.0.0.0/8, 127.0.0.1"}, 200},
		{"flag empty", []string{"-trusted-proxies", ""}, 429},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, _, _ := serveOnce(t, env, append([]string{"-db", filepath.Join(t.TempDir(), "p.db")}, tc.args...)...)
			for i := range booking.LoginFailures {
				if st := login(base, "203.0.113.7", fmt.Sprintf("guess%d", i), "wrong-pass"); st != 401 {
					t.Fatalf("failure %d: %d", i+1, st)
				}
			}
			if st := login(base, "203.0.113.7", "admin", "proxy-admin-pass"); st != 429 {
				t.Fatalf("the throttled address: %d, want 429", st)
			}
			if st := login(base, "203.0.113.8", "admin", "proxy-admin-pass"); st != tc.other {
				t.Fatalf("another forwarded address: %d, want %d", st, tc.other)
			}
		})
	}
	dir := t.TempDir()
	code, _, stderr := runCLI(context.Background(), []string{"-db", filepath.Join(dir, "q.db"), "-trusted-proxies", "127.0.0.1,proxy.local"}, nil, "")
	if code != exitUsage || !strings.Contains(stderr, `"proxy.local" 不是IP地址或CIDR`) {
		t.Fatalf("a bad proxy address: exit %d, %q", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a bad flag wrote %v", entries)
	}
}
