package booking

import (
	"sync"
	"time"
)

// authCacheTTL is how long a verified token is trusted without asking the
// store again. Every authenticated request would otherwise cost a query;
// nothing can revoke a token early today, and when logout or role changes
// come, they must drop the entry (forget) as well.
const authCacheTTL = time.Minute

// maxAuthCache bounds memory; the map starts afresh when full.
const maxAuthCache = 8192

type authCache struct {
	mu sync.Mutex
	m  map[string]authEntry
}

type authEntry struct {
	user    *User
	checked time.Time
}

// get returns the user for a token hash verified less than a TTL ago.
func (c *authCache) get(hash string, now time.Time) (*User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok || now.Sub(e.checked) >= authCacheTTL || now.Before(e.checked) {
		return nil, false
	}
	u := *e.user // a copy: callers may not change the cached user
	return &u, true
}

func (c *authCache) put(hash string, u *User, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxAuthCache {
		c.m = map[string]authEntry{}
	}
	u2 := *u
	c.m[hash] = authEntry{user: &u2, checked: now}
}

// forget drops every cached token of a user (after a change to the user).
func (c *authCache) forget(userID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.user.ID == userID {
			delete(c.m, k)
		}
	}
}
