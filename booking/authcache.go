package booking

import (
	"sync"
	"time"
)

// authCacheTTL is how long a verified token is trusted without asking the
// store again. Every authenticated request would otherwise cost a query.
// Whatever ends a session or changes a user early (logout, a password
// reset, a role change, disabling) drops the entries at once (forget,
// forgetToken); a change made by another process (the passwd command)
// reaches a running service within the TTL. Instances sharing a store
// (SharedStore) learn of each other's such changes from the change log
// before every lookup, so there the TTL bounds only a change made past
// the service (an operator's SQL).
const authCacheTTL = time.Minute

// maxAuthCache bounds memory; the map starts afresh when full.
const maxAuthCache = 8192

type authCache struct {
	mu sync.Mutex
	m  map[string]authEntry
	// gen counts forgets: an answer read from the store before a forget
	// must not be cached after it.
	gen uint64
}

type authEntry struct {
	user  *User
	until time.Time // the earlier of checked+TTL and the token's expiry
}

// get returns the user for a token hash verified less than a TTL ago.
func (c *authCache) get(hash string, now time.Time) (*User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok || !now.Before(e.until) {
		return nil, false
	}
	u := *e.user // a copy: callers may not change the cached user
	return &u, true
}

// generation is read before the store is asked, and handed to put.
func (c *authCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put caches u for a token checked at now that expires at expires, unless
// something was forgotten since gen was read.
func (c *authCache) put(hash string, u *User, now, expires time.Time, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.m == nil || len(c.m) >= maxAuthCache {
		c.m = map[string]authEntry{}
	}
	u2 := *u
	until := now.Add(authCacheTTL)
	if expires.Before(until) {
		until = expires
	}
	c.m[hash] = authEntry{user: &u2, until: until}
}

// forget drops every cached token of a user (after a change to the user).
func (c *authCache) forget(userID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k, e := range c.m {
		if e.user.ID == userID {
			delete(c.m, k)
		}
	}
}

// forgetToken drops one token (after logout).
func (c *authCache) forgetToken(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	delete(c.m, hash)
}

// clear drops every cached token: after a change whose keys are unknown
// (another instance's AllKeys, or a change log that could not be read).
func (c *authCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m = nil
}
