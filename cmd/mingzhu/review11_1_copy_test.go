package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"mingzhu/tests/pgtest"
)

// TestReview11CopyFromMissingFile: `mingzhu copy -from ./typo.db -to
// postgres://…` must fail, not create an empty typo.db, "copy" nothing and
// report "counts and rows match" (the operator then believes the
// community's data moved).
func TestReview11CopyFromMissingFile(t *testing.T) {
	pg := pgtest.Database(t)
	bin := buildBinary(t)
	missing := filepath.Join(t.TempDir(), "typo.db")
	out := runBinAny(t, bin, "copy", "-from", missing, "-to", pg)
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("copy created the missing source %s", missing)
	}
	if out.code == 0 {
		t.Errorf("copy from a missing file exited 0:\n%s", out.text)
	}
}

type binOut struct {
	code int
	text string
}

func runBinAny(t *testing.T, bin string, args ...string) binOut {
	t.Helper()
	cmd := execCommand(bin, args...)
	b, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		code = cmd.ProcessState.ExitCode()
	}
	return binOut{code, string(b)}
}

var execCommand = exec.Command
