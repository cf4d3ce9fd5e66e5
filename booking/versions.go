package booking

import (
	"context"
	"strconv"
	"strings"
	"sync"
)

// versions counts changes per feed dependency ("room:music", "team:choir",
// "user:<id>", "courses"), so that a cached feed can be reused, and a 304
// answered, without reading the schedule again. Counters live in memory:
// after a restart every cache is empty too, so nothing stale survives.
// Instances sharing a store move each other's counters through the
// change log (changes_follow.go); epoch moves them all at once, when
// another instance changed something whose keys are not named (AllKeys).
type versions struct {
	mu    sync.Mutex
	m     map[string]uint64
	epoch uint64
}

func newVersions() *versions { return &versions{m: map[string]uint64{}} }

// touch records a change to each key, and to "all", which listings of
// every room depend on.
func (v *versions) touch(keys ...string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, k := range keys {
		v.m[k]++
	}
	v.m["all"]++
}

// touchAll records a change to every key at once, known or not.
func (v *versions) touchAll() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.epoch++
	v.m["all"]++
}

// stamp summarises the current counters of keys; it differs from an
// earlier stamp of the same keys exactly when one of them was touched,
// or all were (touchAll).
func (v *versions) stamp(keys ...string) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var b strings.Builder
	b.WriteString("*=")
	b.WriteString(strconv.FormatUint(v.epoch, 10))
	b.WriteByte(';')
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.FormatUint(v.m[k], 10))
		b.WriteByte(';')
	}
	return b.String()
}

// seriesKeys are the feed keys a change to se touches: its team, every
// room it has used, and the all-courses feed.
func seriesKeys(se *Series) []string {
	keys := []string{"team:" + se.Team, "courses"}
	for _, p := range se.Parts {
		keys = append(keys, "room:"+p.Room)
	}
	for _, e := range se.Exceptions {
		if e.Room != "" {
			keys = append(keys, "room:"+e.Room)
		}
	}
	return keys
}

// OccurrencesStamp is the version of everything a listing for q depends
// on, read without touching the store: a cached answer for q tagged with
// the same stamp is still right. Every stamp of occurrences and feeds
// includes the holiday calendar's and the closures' ("all" already moves
// with them), since a series that skips holidays changes with the one and
// a closure suspends class dates. A passed check-in deadline moves it too
// (passDeadlines), as a no-show frees its time. On a shared store it
// first applies what other instances committed (catchUp).
func (s *Service) OccurrencesStamp(ctx context.Context, q OccurrenceQuery) string {
	s.catchUpFor(ctx)
	s.passDeadlines()
	switch {
	case q.Room != "":
		return s.vers.stamp("room:"+q.Room, holidaysKey, closuresKey)
	case q.Team != "":
		return s.vers.stamp("team:"+q.Team, holidaysKey, closuresKey)
	}
	return s.vers.stamp("all")
}

// PublicFeedStamp is FeedStamp for room, team and course feeds without the
// store: valid only for a feed that was already served (so its room or
// team exists; neither is ever deleted). Private feeds must be resolved
// through FeedStamp, since a token can be replaced.
func (s *Service) PublicFeedStamp(ctx context.Context, kind, id string) (string, bool) {
	s.catchUpFor(ctx)
	s.passDeadlines()
	switch kind {
	case FeedRoom:
		return s.vers.stamp("room:"+id, holidaysKey, closuresKey), true
	case FeedTeam:
		return s.vers.stamp("team:"+id, holidaysKey, closuresKey), true
	case FeedCourses:
		return s.vers.stamp("courses", holidaysKey, closuresKey), true
	}
	return "", false
}

// count is the counter of key.
func (v *versions) count(key string) uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.m[key]
}

// touchAfter touches keys like touch and reports whether "all" stood at
// seen before, i.e. nobody else touched anything since seen was read.
func (v *versions) touchAfter(seen uint64, keys ...string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	alone := v.m["all"] == seen
	for _, k := range keys {
		v.m[k]++
	}
	v.m["all"]++
	return alone
}
