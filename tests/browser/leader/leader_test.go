//go:build unix

// Package leader runs the browser specs of the team leaders' pages, the
// calendar subscriptions (teams' and rooms') and the whole-site reviews
// (tests/browser holds the specs and the runner).
package leader

import (
	"testing"

	"mingzhu/tests/browser"
)

func TestLeaderPages(t *testing.T) { browser.RunGroup(t, "leader") }
