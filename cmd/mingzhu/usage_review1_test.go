package main

import (
	"context"
	"strings"
	"testing"
)

// TestUsageNamesSecureCookies: the usage names -secure-cookies and its
// variable, which anyone serving the pages behind TLS needs to know of.
func TestUsageNamesSecureCookies(t *testing.T) {
	_, _, stderr := runCLI(context.Background(), []string{"-h"}, map[string]string{}, "")
	for _, want := range []string{"[-secure-cookies]", "MINGZHU_SECURE_COOKIES=1"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("usage lacks %s:\n%s", want, stderr)
		}
	}
}
