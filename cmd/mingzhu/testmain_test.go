package main

import (
	"fmt"
	"os"
	"testing"

	"mingzhu/tests/pgtest"
)

// binDir holds the binary the end-to-end tests build. It is made once per
// test run and removed when the run ends: the binary is about 25 MB, and
// t.TempDir cannot hold it because it belongs to one test and buildBinary
// shares the build between tests.
var binDir string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests is TestMain's body, so the deferred removal runs before os.Exit.
// pgtest.Main runs the tests and then stops the PostgreSQL cluster the
// multi-instance and copy tests may have started.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "mingzhu-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "temp folder for the test binary:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binDir = dir
	return pgtest.Main(m)
}
