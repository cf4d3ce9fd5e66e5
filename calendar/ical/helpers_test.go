package ical

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// crlf joins lines into an iCalendar text, so that a fixture's line
// numbers are its index in the slice plus one.
func crlf(lines ...string) string {
	return strings.Join(lines, "\r\n") + "\r\n"
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// unfold undoes line folding (RFC 5545 §3.1).
func unfold(s string) string {
	return strings.ReplaceAll(s, "\r\n ", "")
}

var (
	npmOnce sync.Once
	npmErr  error
)

// icaljsDir returns tests/icaljs with its node_modules installed. CI starts
// from a fresh clone, so the first test to need it runs `npm ci` (the
// lock file pins ical.js). Missing Node.js fails the test: the ical.js
// check is the only independent reader of our feeds and must not be
// skipped silently.
func icaljsDir(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: the ical.js feed check needs Node.js >= 18 and npm "+
				"(Debian: apt-get install nodejs npm); it is required, not optional", tool)
		}
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "tests", "icaljs"))
	if err != nil {
		t.Fatal(err)
	}
	npmOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json")); err == nil {
			return
		}
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			npmErr = fmt.Errorf("npm ci in %s: %v\n%s", dir, err, out)
		}
	})
	if npmErr != nil {
		t.Fatal(npmErr)
	}
	return dir
}

// jsFeed is what expand.js prints.
type jsFeed struct {
	Calendar struct {
		Name     string `json:"name"`
		Timezone string `json:"timezone"`
	} `json:"calendar"`
	Occurrences []jsOccurrence `json:"occurrences"`
}

type jsOccurrence struct {
	UID        string `json:"uid"`
	Summary    string `json:"summary"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Location   string `json:"location"`
	Recurrence bool   `json:"recurrence"`
}

// runExpand runs expand.js on ics over [from, to). TZ=UTC keeps ical.js
// from reading any time in this machine's zone.
func runExpand(t *testing.T, ics []byte, from, to time.Time) (jsFeed, error) {
	t.Helper()
	dir := icaljsDir(t)
	file := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(file, ics, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "expand.js", file, from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return jsFeed{}, fmt.Errorf("expand.js: %v: %s", err, stderr.String())
	}
	var feed jsFeed
	if err := json.Unmarshal(out, &feed); err != nil {
		t.Fatalf("expand.js printed invalid JSON: %v\n%s", err, out)
	}
	return feed, nil
}
