//go:build unix

// Package browser runs the end-to-end tests of the web pages (specs/*.spec.mjs,
// node's own test runner) in Debian's chromium from `go test ./...`. The
// spec files are split in groups by who uses the pages, and each group is
// run by its own test package (this one: residents; leader/, staff/), so
// that each package's run stays well inside go test's ten minutes on two
// cores shared with the other packages' tests.
package browser

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// chromium is Debian's browser; the tests never download one of their own.
const chromium = "/usr/bin/chromium"

// suiteTimeout bounds one group's node run, below go test's default 10 min.
const suiteTimeout = 8 * time.Minute

// Groups are the spec files (in specs/) each test package runs: every
// file in exactly one (TestGroupsCoverEverySpec), weighed so that each
// group takes a few minutes.
var Groups = map[string][]string{
	"resident": {"account", "checkin", "harness", "policy", "resident"},
	"leader":   {"leader", "review", "subscribe"},
	"staff":    {"approvals", "audit", "closures", "holidays", "rules", "staff", "utilization"},
}

// Dir is this folder, tests/browser, where the specs, lib.mjs and
// node_modules are, whichever package's test runs.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// RunGroup builds the binary once and runs the group's spec files against
// it, one file at a time (each starts one server and one browser; two
// shared cores do not take more).
func RunGroup(t *testing.T, group string) {
	names, ok := Groups[group]
	if !ok {
		t.Fatalf("no browser test group %q", group)
	}
	dir := Dir()
	requirePrerequisites(t, dir)
	root := filepath.Join(dir, "..", "..")
	touchSources(t, root, dir)
	bin := filepath.Join(t.TempDir(), "mingzhu")
	build := exec.Command("go", "build", "-o", bin, "./cmd/mingzhu")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/mingzhu: %v\n%s", err, out)
	}
	var specs []string
	for _, n := range names {
		specs = append(specs, filepath.Join("specs", n+".spec.mjs"))
	}
	runNode(t, dir, bin, specs)
}

// SpecFiles are the names (without .spec.mjs) of the files in specs/.
func SpecFiles() ([]string, error) {
	files, err := filepath.Glob(filepath.Join(Dir(), "specs", "*.spec.mjs"))
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".spec.mjs"))
	}
	slices.Sort(names)
	return names, err
}

// requirePrerequisites skips the test on a machine without chromium or the
// npm packages, with how to get them; under CI (env CI set) it fails
// instead, since CI must run the browser tests.
func requirePrerequisites(t *testing.T, dir string) {
	var missing []string
	if _, err := os.Stat(chromium); err != nil {
		missing = append(missing, chromium+" (apt-get install -y chromium fonts-wqy-zenhei)")
	}
	if v, err := exec.Command("node", "--version").Output(); err != nil {
		missing = append(missing, "node (apt-get install -y nodejs npm)")
	} else if major, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(string(v), "v"), ".", 2)[0]); major < 20 {
		missing = append(missing, "Node.js 20 or later for playwright-core 1.65 (this is "+strings.TrimSpace(string(v))+")")
	}
	for _, pkg := range []string{"playwright-core", "@axe-core/playwright"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			missing = append(missing, "tests/browser/node_modules/"+pkg+" (npm ci --prefix tests/browser)")
		}
	}
	if len(missing) == 0 {
		warnWithoutChineseFont(t)
		return
	}
	msg := "browser tests need: " + strings.Join(missing, "; ") + "; .ci/run installs all of them"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// warnWithoutChineseFont: chromium draws boxes for Chinese without a CJK
// font; the tests still pass but the screenshots are worthless. Under CI
// that is a failure, since .ci/run installs one.
func warnWithoutChineseFont(t *testing.T) {
	out, err := exec.Command("fc-list", ":lang=zh", "family").Output()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		return // no fontconfig tools to ask, or a font is there
	}
	msg := "no Chinese font: screenshots show boxes for Chinese (apt-get install -y fonts-wqy-zenhei)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Log(msg)
}

// touchSources stats every file the binary is built from, so that go
// test's result cache, which only knows the files a test opens, reruns
// this test when a Go file, template, stylesheet or spec changes.
func touchSources(t *testing.T, root, dir string) {
	list := exec.Command("go", "list", "-deps", "-f",
		`{{if and .Module .Module.Main}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}
{{end}}{{end}}`, "./cmd/mingzhu")
	list.Dir = root
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list ./cmd/mingzhu: %v", err)
	}
	files := strings.Fields(string(out))
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"),
		filepath.Join(dir, "lib.mjs"), filepath.Join(dir, "package-lock.json"), filepath.Join(dir, "node_modules/.package-lock.json"))
	specs, _ := filepath.Glob(filepath.Join(dir, "specs", "*"))
	for _, f := range append(files, specs...) {
		os.Stat(f) // only recorded; a missing file is a fact like any other
	}
}

// runNode runs the spec files with node's test runner, its output going
// straight to the test's (live with -v, in full when the test fails), and
// fails on a non-zero exit.
func runNode(t *testing.T, dir, bin string, specs []string) {
	ctx, cancel := context.WithTimeout(context.Background(), suiteTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{"--test", "--test-concurrency=1", "--test-reporter=spec"}, specs...)...)
	yieldCPU(cmd)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MINGZHU_BIN="+bin, "NO_COLOR=1")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// Its own process group, so that a time-out also ends the servers and
	// browsers node started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	start := time.Now()
	err := cmd.Run()
	t.Logf("browser specs took %s", time.Since(start).Round(time.Second))
	if ctx.Err() != nil {
		t.Fatalf("browser specs timed out after %s", suiteTimeout)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		t.Fatalf("browser specs failed (node exit %d): see node's report above; screenshots in %s",
			exit.ExitCode(), shotsDir(dir))
	}
	if err != nil {
		t.Fatalf("node: %v", err)
	}
}

// yieldCPU runs cmd, and the server and browsers it starts, at the lowest
// CPU priority: go test ./... runs other packages beside this one, among
// them latency bounds (cmd/mingzhu's import load test) that chromium's
// rendering on the same two cores would break, while these tests only
// wait a little longer. As root, chromium would raise its own priority
// (its browser process to nice -8), so the right to lower a nice value
// (CAP_SYS_NICE) is dropped too, where util-linux's setpriv is at hand.
func yieldCPU(cmd *exec.Cmd) {
	args := append([]string{"-n", "19"}, cmd.Args...)
	path := "nice"
	if _, err := exec.LookPath("setpriv"); err == nil {
		args = append([]string{"--bounding-set", "-sys_nice", "nice"}, args...)
		path = "setpriv"
	}
	if p, err := exec.LookPath(path); err == nil {
		cmd.Path, cmd.Args = p, append([]string{path}, args...)
	}
}

// shotsDir is where lib.mjs saves screenshots (MINGZHU_SHOTS or shots/).
func shotsDir(dir string) string {
	if d := os.Getenv("MINGZHU_SHOTS"); d != "" {
		return d
	}
	return filepath.Join(dir, "shots")
}
