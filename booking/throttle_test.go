package booking_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// testClock is a clock the tests move.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// clockService is a real service with the admin (password
// "test-admin-pass") on a clock the test moves.
func clockService(t *testing.T) (*booking.Service, *testClock, *booking.User) {
	t.Helper()
	db, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "throttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &testClock{t: time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)}
	svc := booking.New(booking.Config{Store: db, Loc: shanghai, Now: clk.now, PasswordCost: bcrypt.MinCost})
	seed, err := data.Seed("none")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Bootstrap(context.Background(), seed, "test-admin-pass"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(context.Background(), booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		t.Fatal(err)
	}
	return svc, clk, sess.User
}

// retryAfter returns the wait of a rate-limited error, failing otherwise.
func retryAfter(t *testing.T, err error) time.Duration {
	t.Helper()
	var e *booking.Error
	if !errors.As(err, &e) || e.Code != booking.ERATELIMITED {
		t.Fatalf("want rate_limited, got %v", err)
	}
	return e.RetryAfter
}

// TestLoginThrottleUsername: ten failures for one username, from ten
// addresses, refuse the eleventh attempt, even with the right password
// (nothing is hashed then), until the first failure is ten minutes old.
func TestLoginThrottleUsername(t *testing.T) {
	svc, clk, _ := clockService(t)
	ctx := context.Background()
	for i := range booking.LoginFailures {
		from := booking.Client{Addr: fmt.Sprintf("198.51.100.%d", i)}
		if _, err := svc.Login(ctx, from, "ADMIN", "wrong-guess"); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
			t.Fatalf("failure %d: %v", i+1, err)
		}
		if i < booking.LoginFailures-1 {
			clk.add(time.Minute)
		}
	}
	// Nine minutes after the first failure: one minute to wait.
	_, err := svc.Login(ctx, booking.Client{Addr: "203.0.113.9"}, "admin", "test-admin-pass")
	if wait := retryAfter(t, err); wait != time.Minute {
		t.Fatalf("retry after %v, want 1m", wait)
	}
	clk.add(30 * time.Second)
	_, err = svc.Login(ctx, booking.Client{Addr: "203.0.113.9"}, "admin", "test-admin-pass")
	if wait := retryAfter(t, err); wait != 30*time.Second {
		t.Fatalf("retry after %v, want 30s", wait)
	}
	clk.add(30 * time.Second)
	if _, err := svc.Login(ctx, booking.Client{Addr: "203.0.113.9"}, "admin", "test-admin-pass"); err != nil {
		t.Fatalf("login once a place is free: %v", err)
	}
}

// TestLoginThrottleAddress: ten failures from one address, each for
// another username, refuse the eleventh from there; another address is
// not affected; a success of that address does not reset its count.
func TestLoginThrottleAddress(t *testing.T) {
	svc, clk, _ := clockService(t)
	ctx := context.Background()
	attacker := booking.Client{Addr: "2001:db8:1:2::7"}
	for i := range booking.LoginFailures - 1 {
		if _, err := svc.Login(ctx, attacker, fmt.Sprintf("guess%d", i), "wrong-guess"); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if _, err := svc.Login(ctx, attacker, "admin", "test-admin-pass"); err != nil {
		t.Fatalf("a valid login from the address: %v", err)
	}
	if _, err := svc.Login(ctx, attacker, "guess-last", "wrong-guess"); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
		t.Fatalf("tenth failure: %v", err)
	}
	// Another address of the same /64 is the same source.
	_, err := svc.Login(ctx, booking.Client{Addr: "2001:db8:1:2:ffff::1"}, "admin", "test-admin-pass")
	if wait := retryAfter(t, err); wait != booking.LoginWindow {
		t.Fatalf("retry after %v, want %v", wait, booking.LoginWindow)
	}
	if _, err := svc.Login(ctx, booking.Client{Addr: "2001:db8:1:3::7"}, "admin", "test-admin-pass"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	clk.add(booking.LoginWindow)
	if _, err := svc.Login(ctx, attacker, "admin", "test-admin-pass"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// TestLoginSuccessForgivesUsername: a person's own typos do not pile up:
// a success clears the username's failures.
func TestLoginSuccessForgivesUsername(t *testing.T) {
	svc, _, _ := clockService(t)
	ctx := context.Background()
	for round := range 3 {
		for i := range booking.LoginFailures - 1 {
			from := booking.Client{Addr: fmt.Sprintf("198.51.%d.%d", round, i)}
			if _, err := svc.Login(ctx, from, "admin", "typo-pass"); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
				t.Fatalf("round %d failure %d: %v", round, i+1, err)
			}
		}
		if _, err := svc.Login(ctx, booking.Client{Addr: fmt.Sprintf("192.0.2.%d", round)}, "admin", "test-admin-pass"); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

// TestLoginThrottleConcurrent: attempts racing each other cannot slip
// past the limit together: exactly ten are checked.
func TestLoginThrottleConcurrent(t *testing.T) {
	svc, _, _ := clockService(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[string]int{}
	for i := range 40 {
		wg.Go(func() {
			_, err := svc.Login(ctx, booking.Client{Addr: "198.51.100.1"}, fmt.Sprintf("user%d", i), "wrong-guess")
			mu.Lock()
			codes[booking.ErrorCode(err)]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[booking.EUNAUTHORIZED] != booking.LoginFailures || codes[booking.ERATELIMITED] != 40-booking.LoginFailures {
		t.Fatalf("codes = %v", codes)
	}
}

// TestRegisterCap: at most Signups accounts per address per hour; invalid
// input does not count, a taken username does (it was hashed); another
// address may still register; an hour later the address may again.
func TestRegisterCap(t *testing.T) {
	svc, clk, _ := clockService(t)
	ctx := context.Background()
	home := booking.Client{Addr: "192.0.2.10"}
	reg := func(c booking.Client, username, password string) error {
		_, err := svc.Register(ctx, c, booking.NewUser{Username: username, Password: password, Name: "居民"})
		return err
	}
	if err := reg(home, "x", "short"); booking.ErrorCode(err) != booking.EINVALID {
		t.Fatalf("invalid: %v", err)
	}
	if err := reg(home, "admin", "long-enough"); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Fatalf("taken: %v", err)
	}
	for i := 1; i < booking.Signups; i++ {
		if err := reg(home, fmt.Sprintf("res%02d", i), "long-enough"); err != nil {
			t.Fatalf("registration %d: %v", i, err)
		}
		clk.add(time.Minute)
	}
	err := reg(home, "one-too-many", "long-enough")
	if wait := retryAfter(t, err); wait != booking.SignupWindow-time.Duration(booking.Signups-1)*time.Minute {
		t.Fatalf("retry after %v", wait)
	}
	if err := reg(booking.Client{Addr: "192.0.2.11"}, "neighbour", "long-enough"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	clk.add(booking.SignupWindow)
	if err := reg(home, "one-too-many", "long-enough"); err != nil {
		t.Fatalf("an hour later: %v", err)
	}
}
