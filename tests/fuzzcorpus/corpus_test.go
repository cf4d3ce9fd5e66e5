// Package fuzzcorpus checks what the README promises of the fuzz targets:
// each has a committed corpus, which go test runs as regression tests.
package fuzzcorpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w+)\(\w+ \*testing\.F\)`)

// TestEveryFuzzTargetHasACorpus finds every Fuzz function in the module's
// test files and wants testdata/fuzz/<name>/ beside it with at least one
// input (seeds from f.Add alone are not what the README says).
func TestEveryFuzzTargetHasACorpus(t *testing.T) {
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range fuzzFunc.FindAllStringSubmatch(string(src), -1) {
			found++
			dir := filepath.Join(filepath.Dir(path), "testdata", "fuzz", m[1])
			entries, err := os.ReadDir(dir)
			if err != nil || len(entries) == 0 {
				t.Errorf("%s (%s) has no committed corpus in %s", m[1], path, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 6 { // FuzzRule, FuzzDecode, FuzzEncodeText, FuzzSeriesRRule, FuzzImport, FuzzJSONBodies
		t.Fatalf("found only %d fuzz targets: the walk missed the module", found)
	}
}
