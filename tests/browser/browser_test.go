//go:build unix

package browser

import (
	"slices"
	"testing"
)

// TestBrowser runs the residents' pages: registering, booking, the house
// rules as a resident meets them, checking in (and the harness's own
// specs).
func TestBrowser(t *testing.T) { RunGroup(t, "resident") }

// TestGroupsCoverEverySpec: each spec file is run by exactly one group, so
// a new file cannot be left out of go test ./... unnoticed.
func TestGroupsCoverEverySpec(t *testing.T) {
	files, err := SpecFiles()
	if err != nil || len(files) == 0 {
		t.Fatalf("no spec files (%v)", err)
	}
	var grouped []string
	for _, names := range Groups {
		grouped = append(grouped, names...)
	}
	slices.Sort(grouped)
	if !slices.Equal(grouped, files) {
		t.Errorf("the groups run %q; specs/ holds %q: put each file in exactly one group", grouped, files)
	}
}
