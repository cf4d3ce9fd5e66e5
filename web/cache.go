package web

import (
	"sync"
	"time"
)

// respCache keeps rendered answers (feeds, listings) with the stamp of
// the data they were built from. The service's stamps change on every
// write that could alter an answer, so an entry with the current stamp can
// be sent as it is: no query, no rendering. (Stamps live in memory, so
// several instances would each keep their own; see docs/DESIGN.md.)
type respCache struct {
	mu    sync.Mutex
	m     map[string]*cached
	bytes int
}

type cached struct {
	stamp, etag string
	body        []byte
	modified    time.Time
}

// maxCached and maxCachedBytes bound memory: rooms, teams, subscribers and
// recent listing windows. When full the cache starts afresh rather than
// tracking use.
const (
	maxCached      = 4096
	maxCachedBytes = 32 << 20
)

// get returns the entry for key if it was built at stamp.
func (rc *respCache) get(key, stamp string) *cached {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e := rc.m[key]; e != nil && e.stamp == stamp {
		return e
	}
	return nil
}

// any returns the entry for key whatever its stamp, or nil.
func (rc *respCache) any(key string) *cached {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.m[key]
}

func (rc *respCache) put(key string, e *cached) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.m == nil || len(rc.m) >= maxCached || rc.bytes+len(e.body) > maxCachedBytes {
		rc.m, rc.bytes = map[string]*cached{}, 0
	}
	if old := rc.m[key]; old != nil {
		rc.bytes -= len(old.body)
	}
	rc.m[key] = e
	rc.bytes += len(e.body)
}
