package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/data"
)

// Helpers of the tests that run several instances of the real binary on
// one PostgreSQL database (instances_test.go) and of the copy round trip
// (copy_test.go).

// multiAdminPass is the admin password of the instances these tests start.
const multiAdminPass = "multi-admin-pass"

// instance is one running binary.
type instance struct {
	name string // A, B, C: for messages
	base string // http://127.0.0.1:port
	cmd  *exec.Cmd
	logs *logLines
	done chan struct{} // closed when the process has exited
	err  error         // cmd.Wait's answer, once done is closed
}

// kill sends SIGKILL and waits for the process to be gone.
func (in *instance) kill() {
	in.cmd.Process.Kill()
	<-in.done
}

// lineWriter hands each complete line written to it to onLine. As the
// command's Stderr (not a pipe of our own), exec copies into it and Wait
// waits for the copy, so a goroutine may Wait at once without losing the
// last lines.
type lineWriter struct {
	mu     sync.Mutex
	buf    []byte
	onLine func(string)
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.onLine(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
}

var servingRE = regexp.MustCompile(`msg=serving addr=(\S+)`)

// launch starts the binary on a free port and returns it once it logs that
// it serves. Unlike startBinary it does not fail the test, so several
// instances can start at once from goroutines; the process is killed when
// the test ends.
func launch(t *testing.T, name, bin string, env []string, args ...string) (*instance, error) {
	in := &instance{name: name, logs: &logLines{}, done: make(chan struct{})}
	addr := make(chan string, 1)
	in.cmd = exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	in.cmd.Env = append(os.Environ(), env...)
	in.cmd.Stderr = &lineWriter{onLine: func(s string) {
		in.logs.add(s)
		if m := servingRE.FindStringSubmatch(s); m != nil {
			select {
			case addr <- m[1]:
			default:
			}
		}
	}}
	if err := in.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { in.err = in.cmd.Wait(); close(in.done) }()
	t.Cleanup(in.kill)
	select {
	case a := <-addr:
		in.base = "http://" + a
		return in, nil
	case <-in.done:
		return nil, fmt.Errorf("instance %s exited before serving (%v): %s", name, in.err, strings.Join(in.logs.all(), "\n"))
	case <-time.After(30 * time.Second):
		return nil, fmt.Errorf("instance %s did not start within 30s: %s", name, strings.Join(in.logs.all(), "\n"))
	}
}

// startInstances starts n instances over the one store at addr, all at
// once (as a deployment's service manager would: their migrations and
// seeding race), named A, B, C, ...
func startInstances(t *testing.T, addr string, n int, seed string) []*instance {
	t.Helper()
	bin := buildBinary(t)
	env := []string{"MINGZHU_ADMIN_PASSWORD=" + multiAdminPass}
	out := make([]*instance, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = launch(t, string(rune('A'+i)), bin, env, "-db", addr, "-seed", seed)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// openStore opens the store the instances share, for the tests' own
// queries, closed when the test ends (before pgtest drops the schema,
// since pgtest.URL was called first).
func openStore(t *testing.T, addr string) *data.DB {
	t.Helper()
	db, err := data.Open(context.Background(), addr)
	if err != nil {
		t.Fatalf("open %s: %v", redact(addr), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// multiClient talks to the instances: many connections per host, since
// dozens of clients race at once, and no transparent gzip, so that feed
// bytes and ETags are compared exactly as served.
var multiClient = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 0, DisableCompression: true},
}

// reply is one HTTP answer.
type reply struct {
	status int
	body   []byte
	header http.Header
}

func (r reply) String() string { return fmt.Sprintf("%d %.400s", r.status, r.body) }

// json decodes the body; an answer that is not JSON decodes as nil.
func (r reply) json() map[string]any {
	var out map[string]any
	json.Unmarshal(r.body, &out)
	return out
}

// call sends one request; hdr holds extra header pairs.
func call(ctx context.Context, method, url, token, body string, hdr ...string) (reply, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return reply{}, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := multiClient.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return reply{}, err
	}
	return reply{status: res.StatusCode, body: b, header: res.Header}, nil
}

// must sends a request from the test goroutine and fails the test unless
// it is answered with want.
func must(t *testing.T, method, url, token, body string, want int) reply {
	t.Helper()
	r, err := call(context.Background(), method, url, token, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if r.status != want {
		t.Fatalf("%s %s: %s, want %d", method, url, r, want)
	}
	return r
}

// loginAt logs in through in and returns the token.
func loginAt(t *testing.T, in *instance, username, password string) string {
	t.Helper()
	r := must(t, "POST", in.base+"/api/v1/auth/login", "", fmt.Sprintf(`{"username":%q,"password":%q}`, username, password), 200)
	tok, _ := r.json()["token"].(string)
	if tok == "" {
		t.Fatalf("login %s through %s: no token in %s", username, in.name, r)
	}
	return tok
}

// account is a user the test made, logged in.
type account struct {
	id, username, token string
}

// makeAccounts has staff open n accounts of role (named prefix00, ...)
// and logs each in, spread over the instances, two at a time (each costs
// two bcrypt hashes, on two cores).
func makeAccounts(t *testing.T, insts []*instance, adminToken, prefix, role string, n int) []account {
	t.Helper()
	out := make([]account, n)
	errs := make([]error, n)
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			in := insts[i%len(insts)]
			name := fmt.Sprintf("%s%02d", prefix, i)
			body := fmt.Sprintf(`{"username":%q,"password":"multi-pass-1","name":"用户 %s","role":%q}`, name, name, role)
			r, err := call(context.Background(), "POST", in.base+"/api/v1/users", adminToken, body)
			if err != nil || r.status != 201 {
				errs[i] = fmt.Errorf("create %s through %s: %v %v", name, in.name, r, err)
				return
			}
			id, _ := r.json()["user"].(map[string]any)["id"].(string)
			r, err = call(context.Background(), "POST", in.base+"/api/v1/auth/login", "", fmt.Sprintf(`{"username":%q,"password":"multi-pass-1"}`, name))
			tok, _ := r.json()["token"].(string)
			if err != nil || r.status != 200 || tok == "" || id == "" {
				errs[i] = fmt.Errorf("log in %s through %s: %v %v", name, in.name, r, err)
				return
			}
			out[i] = account{id: id, username: name, token: tok}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// siteDay is 00:00 in the site zone (Asia/Shanghai, the binary's default)
// days from today.
func siteDay(t *testing.T, days int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc)
	return time.Date(now.Year(), now.Month(), now.Day()+days, 0, 0, 0, 0, loc)
}

// bookingBody is a POST /api/v1/bookings body.
func bookingBody(room string, start, end time.Time, title string) string {
	return fmt.Sprintf(`{"room":%q,"start":%q,"end":%q,"title":%q,"attendees":1}`,
		room, start.Format(time.RFC3339), end.Format(time.RFC3339), title)
}

// bookingID is the id of a 201's booking, "" if there is none.
func bookingID(r reply) string {
	b, _ := r.json()["booking"].(map[string]any)
	id, _ := b["id"].(string)
	return id
}

// heldCount counts the bookings that hold their slot.
func heldCount(t *testing.T, db *data.DB) int {
	t.Helper()
	return countRows(t, db, `SELECT count(*) FROM bookings WHERE status IN ('confirmed', 'pending')`)
}

// noOverlaps fails the test if two bookings holding their slot overlap.
func noOverlaps(t *testing.T, db *data.DB) {
	t.Helper()
	n, err := confirmedOverlaps(context.Background(), db)
	if err != nil {
		t.Fatalf("overlap check: %v", err)
	}
	if n != 0 {
		t.Fatalf("%d overlapping pairs of bookings holding their slot in the shared database", n)
	}
}
