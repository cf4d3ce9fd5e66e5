package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// logLines collects a process's log lines as they arrive.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) add(s string) { l.mu.Lock(); defer l.mu.Unlock(); l.lines = append(l.lines, s) }
func (l *logLines) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

var built struct {
	once sync.Once
	bin  string
	err  error
	out  []byte
}

// buildBinary compiles the real command once per test run, into binDir
// (removed by TestMain when the run ends).
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.bin = filepath.Join(binDir, "mingzhu")
		built.out, built.err = exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.bin
}

// startBinary runs the binary on a free port and returns its base URL
// once it logs that it serves, with the log lines seen so far.
func startBinary(t *testing.T, bin string, env []string, args ...string) (*exec.Cmd, string, *logLines) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := &logLines{}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`msg=serving addr=(\S+)`)
		for sc.Scan() {
			lines.add(sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		return cmd, "http://" + a, lines
	case <-time.After(30 * time.Second):
		t.Fatalf("binary did not start: %v", lines.all())
	}
	return nil, "", nil
}

// TestBinaryEndToEnd starts the real binary on a new database, books
// through it, stops it with SIGTERM (exit 0), and restarts it on the same
// file: the booking is still there and the seed is not applied twice.
func TestBinaryEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "e2e.db")
	env := []string{"MINGZHU_DB=" + dbPath, "MINGZHU_ADMIN_PASSWORD=e2e-admin-pass"}
	cmd, base, lines := startBinary(t, bin, env)

	if r, err := http.Get(base + "/healthz"); err != nil || r.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", r, err)
	}
	token := post(t, base+"/api/v1/auth/login", "", `{"username":"admin","password":"e2e-admin-pass"}`, 200)["token"].(string)
	start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
	body := fmt.Sprintf(`{"room":"lecture","start":%q,"end":%q,"title":"宣讲 Talk","attendees":30}`,
		start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339))
	id := post(t, base+"/api/v1/bookings", token, body, 201)["booking"].(map[string]any)["id"].(string)
	teams := get(t, base+"/api/v1/teams")["teams"].([]any)
	if len(teams) < 8 {
		t.Fatalf("demo seed has %d teams", len(teams))
	}
	for _, l := range lines.all() {
		if strings.Contains(l, "e2e-admin-pass") {
			t.Fatalf("admin password from the environment was logged: %s", l)
		}
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}

	_, base, _ = startBinary(t, bin, env)
	token = post(t, base+"/api/v1/auth/login", "", `{"username":"admin","password":"e2e-admin-pass"}`, 200)["token"].(string)
	req, err := http.NewRequest("GET", base+"/api/v1/bookings/"+id, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != 200 {
		t.Fatalf("booking after restart: %v %v", r, err)
	}
	if n := len(get(t, base+"/api/v1/teams")["teams"].([]any)); n != len(teams) {
		t.Fatalf("teams after restart = %d, want %d", n, len(teams))
	}
}

func post(t *testing.T, url, token, body string, status int) map[string]any {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), "POST", url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var out map[string]any
	err = json.NewDecoder(r.Body).Decode(&out)
	if r.StatusCode != status {
		t.Fatalf("POST %s: %d, want %d: %v", url, r.StatusCode, status, out)
	}
	if err != nil {
		t.Fatalf("POST %s: %d with a body that is not JSON: %v", url, r.StatusCode, err)
	}
	return out
}

func get(t *testing.T, url string) map[string]any {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(r.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}
