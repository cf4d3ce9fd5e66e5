package booking

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLimiterBounded: however many sources fail, a throttle holds at most
// maxThrottleKeys keys of at most maxKeyLen bytes; expired keys go first.
func TestLimiterBounded(t *testing.T) {
	l := newLimiter(LoginFailures, LoginWindow)
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	for i := range maxThrottleKeys {
		l.take(now, userKey("user"+strconv.Itoa(i)))
	}
	later := now.Add(LoginWindow)
	l.take(later, userKey(strings.Repeat("x", 1<<20)))
	if n := len(l.hits); n != 1 {
		t.Fatalf("%d keys after the window passed and a new key came, want 1 (the rest expired)", n)
	}
	for i := range 2 * maxThrottleKeys {
		if _, ok := l.take(later, addrKey("10."+strconv.Itoa(i>>16)+"."+strconv.Itoa(i>>8&255)+"."+strconv.Itoa(i&255))); !ok {
			t.Fatalf("first attempt of source %d refused", i)
		}
	}
	if n := len(l.hits); n > maxThrottleKeys {
		t.Fatalf("%d keys held, want at most %d", n, maxThrottleKeys)
	}
	for k := range l.hits {
		if len(k) > maxKeyLen {
			t.Fatalf("key of %d bytes", len(k))
		}
	}
}

// TestAddrKey: an IPv6 /64 is one source, an IPv4-mapped address is the
// IPv4 address, and text that is no address still makes a bounded key.
func TestAddrKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"2001:db8::1", "2001:db8::ffff:1"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
		{"fe80::1%eth0", "fe80::2"},
	} {
		if addrKey(tc.a) != addrKey(tc.b) {
			t.Errorf("addrKey(%q) = %q, addrKey(%q) = %q: want the same", tc.a, addrKey(tc.a), tc.b, addrKey(tc.b))
		}
	}
	if addrKey("192.0.2.1") == addrKey("192.0.2.2") || addrKey("2001:db8:0:1::1") == addrKey("2001:db8:0:2::1") {
		t.Error("distinct sources share a key")
	}
	if k := addrKey(strings.Repeat("z", 1000)); len(k) > maxKeyLen+2 {
		t.Errorf("key of %d bytes", len(k))
	}
}
