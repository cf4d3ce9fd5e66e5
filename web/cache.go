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
	mu sync.Mutex
	m  map[string]*cached
}

type cached struct {
	stamp, etag string
	body        []byte
	modified    time.Time
}

// maxCached bounds memory: rooms, teams, subscribers and recent listing
// windows. When full the cache starts afresh rather than tracking use.
const maxCached = 4096

// get returns the entry for key if it was built at stamp.
func (rc *respCache) get(key, stamp string) *cached {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e := rc.m[key]; e != nil && e.stamp == stamp {
		return e
	}
	return nil
}

func (rc *respCache) put(key string, e *cached) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.m == nil || len(rc.m) >= maxCached {
		rc.m = map[string]*cached{}
	}
	rc.m[key] = e
}
