package booking

import (
	"net/netip"
	"sync"
	"time"
)

// Client is who is calling, as far as the throttles need to know: the
// source address the web layer saw (the connection's, or the one a
// trusted proxy forwarded). An empty Addr is limited by username only
// (operator tools, tests).
type Client struct {
	Addr string
}

// The throttles: every login and every registration costs a bcrypt hash,
// the most expensive thing the service does, and guessing passwords must
// stay slow. A centre's shared wifi is one address for many residents,
// hence a registration cap well above what one family needs.
const (
	// LoginFailures failed logins within LoginWindow, for one username or
	// from one address, refuse further attempts (without hashing) until
	// the oldest of them is LoginWindow old.
	LoginFailures = 10
	LoginWindow   = 10 * time.Minute
	// Signups registrations per address within SignupWindow.
	Signups      = 30
	SignupWindow = time.Hour
)

// maxThrottleKeys bounds each throttle's memory (a few hundred bytes per
// key): past it, expired keys are swept, then arbitrary live ones evicted.
const maxThrottleKeys = 20000

// limiter counts attempts per key in a sliding window: at most max within
// any window. Attempts are recorded when they start, so concurrent ones
// cannot slip past the limit together; one that turns out not to count is
// given back (undo).
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	hits   map[string][]time.Time
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, hits: map[string][]time.Time{}}
}

// take records an attempt at now under every key, or none of them when
// some key is at its limit: then it reports how long until every key has
// a free place.
func (l *limiter) take(now time.Time, keys ...string) (wait time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		hits := l.live(k, now)
		if len(hits) < l.max {
			continue
		}
		oldest := hits[0]
		for _, h := range hits {
			if h.Before(oldest) {
				oldest = h
			}
		}
		wait = max(wait, oldest.Add(l.window).Sub(now))
	}
	if wait > 0 {
		return wait, false
	}
	for _, k := range keys {
		if _, ok := l.hits[k]; !ok && len(l.hits) >= maxThrottleKeys {
			l.sweep(now)
		}
		l.hits[k] = append(l.hits[k], now)
	}
	return 0, true
}

// live drops k's attempts older than the window and returns the rest.
func (l *limiter) live(k string, now time.Time) []time.Time {
	hits := l.hits[k]
	kept := hits[:0]
	for _, h := range hits {
		if now.Before(h.Add(l.window)) {
			kept = append(kept, h)
		}
	}
	if len(kept) == 0 {
		delete(l.hits, k)
		return nil
	}
	l.hits[k] = kept
	return kept
}

// sweep drops expired keys, then, if still full, live ones (map order is
// random) until a tenth is free, so that the next sweeps are rare. Only
// thousands of addresses failing at once can get that far.
func (l *limiter) sweep(now time.Time) {
	for k := range l.hits {
		l.live(k, now)
	}
	for k := range l.hits {
		if len(l.hits) < maxThrottleKeys*9/10 {
			break
		}
		delete(l.hits, k)
	}
}

// undo gives back one attempt recorded at at under each key.
func (l *limiter) undo(at time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		hits := l.hits[k]
		for i, h := range hits {
			if h.Equal(at) {
				l.hits[k] = append(hits[:i], hits[i+1:]...)
				break
			}
		}
		if len(l.hits[k]) == 0 {
			delete(l.hits, k)
		}
	}
}

// clear forgets every attempt under k.
func (l *limiter) clear(k string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.hits, k)
}

// maxKeyLen bounds a key made from what a caller sent.
const maxKeyLen = 64

// userKey is a username's throttle key. Usernames match without regard to
// case, so the key does too; an overlong one cannot exist and is cut.
func userKey(username string) string {
	k := "u:" + asciiLower(username)
	if len(k) > maxKeyLen {
		k = k[:maxKeyLen]
	}
	return k
}

// addrKey is a source address's throttle key, "" for no address. An IPv6
// client usually holds a whole /64, so that is one source.
func addrKey(addr string) string {
	if addr == "" {
		return ""
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		if len(addr) > maxKeyLen {
			addr = addr[:maxKeyLen]
		}
		return "a:" + addr
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return "a:" + p.String()
	}
	return "a:" + ip.String()
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// rateLimited is the error of a throttled attempt, with the wait in the
// message in whole minutes and exactly in RetryAfter.
func rateLimited(zh, en string, wait time.Duration) *Error {
	minutes := int((wait + time.Minute - 1) / time.Minute)
	e := Errorf(ERATELIMITED, "%s，请%d分钟后再试 %s, please try again in %d min", zh, minutes, en, minutes)
	e.RetryAfter = wait
	return e
}
