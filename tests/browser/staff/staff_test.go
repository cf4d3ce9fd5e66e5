//go:build unix

// Package staff runs the browser specs of the reception desk's pages
// (tests/browser holds the specs and the runner).
package staff

import (
	"testing"

	"mingzhu/tests/browser"
)

func TestStaffPages(t *testing.T) { browser.RunGroup(t, "staff") }
