// Package icaljs runs Mozilla's ical.js (the parser in Thunderbird) on our
// feeds from Go tests, as an independent reader: a feed is right only if a
// real client expands it to the occurrences we meant.
package icaljs

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Occurrence is one occurrence as ical.js expands it.
type Occurrence struct {
	UID        string    `json:"uid"`
	Summary    string    `json:"summary"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Location   string    `json:"location"`
	Recurrence bool      `json:"recurrence"`
	// Status is the event's STATUS ("" when it has none), Description its
	// DESCRIPTION: a booking a closure cancelled says CANCELLED and why.
	Status      string `json:"status"`
	Description string `json:"description"`
}

// Result is expand.js's answer.
type Result struct {
	Calendar struct {
		Name     string `json:"name"`
		Timezone string `json:"timezone"`
	} `json:"calendar"`
	Occurrences []Occurrence `json:"occurrences"`
}

var install struct {
	once sync.Once
	err  error
	out  []byte
}

// dir is this folder, wherever the test runs from.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// Expand writes ics to a file and expands it with ical.js over [from, to),
// failing the test if ical.js rejects the feed.
func Expand(t testing.TB, ics []byte, from, to time.Time) Result {
	t.Helper()
	res, err := Run(t, ics, from, to)
	if err != nil {
		t.Fatalf("%v\n--- feed ---\n%s", err, ics)
	}
	return res
}

// Run is Expand that returns ical.js's refusal as an error, for tests of
// feeds that must be refused. It installs ical.js with `npm ci` on first
// use if needed, and fails the test (never skips it) when node or npm are
// missing: this is the only independent reader of our feeds.
func Run(t testing.TB, ics []byte, from, to time.Time) (Result, error) {
	t.Helper()
	d := dir()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: the ical.js feed check needs Node.js >= 18 and npm (Debian: apt-get install nodejs npm)", tool)
		}
	}
	install.once.Do(func() {
		if _, err := os.Stat(filepath.Join(d, "node_modules", "ical.js", "package.json")); err == nil {
			return
		}
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = d
		install.out, install.err = cmd.CombinedOutput()
	})
	if install.err != nil {
		t.Fatalf("npm ci in %s failed: %v\n%s", d, install.err, install.out)
	}
	file := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(file, ics, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(d, "expand.js"), file, from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339))
	cmd.Env = append(os.Environ(), "TZ=UTC") // ical.js must not read times in this machine's zone
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return Result{}, fmt.Errorf("ical.js rejected the feed: %v: %s", err, stderr.String())
	}
	var res Result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("expand.js output: %v\n%s", err, out)
	}
	return res, nil
}
