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

// cached is one kept answer. gz, when set, is body gzip-compressed once
// when the entry was built (gzipBytes), sent to clients that accept it.
type cached struct {
	stamp, etag string
	body, gz    []byte
	modified    time.Time
}

// size is what an entry holds in memory, as maxCachedBytes counts it.
func (e *cached) size() int { return len(e.body) + len(e.gz) }

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
	if rc.m == nil || len(rc.m) >= maxCached || rc.bytes+e.size() > maxCachedBytes {
		rc.m, rc.bytes = map[string]*cached{}, 0
	}
	if old := rc.m[key]; old != nil {
		rc.bytes -= old.size()
	}
	rc.m[key] = e
	rc.bytes += e.size()
}
