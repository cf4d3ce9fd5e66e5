package web_test

import (
	"os"
	"testing"

	"mingzhu/tests/pgtest"
)

// TestMain runs every test of the package twice: on SQLite, then on
// PostgreSQL (pgtest.MainBoth); newService takes its store from
// pgtest.Addr.
func TestMain(m *testing.M) { os.Exit(pgtest.MainBoth(m)) }
