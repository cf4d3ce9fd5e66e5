package booking

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"mingzhu/calendar/ical"
)

// Feed kinds: one room's use, one team's classes, all classes, and a
// person's own schedule (behind a secret token).
const (
	FeedRoom    = "room"
	FeedTeam    = "team"
	FeedCourses = "courses"
	FeedPrivate = "me"
)

// feedHistory is how far back a feed lists one-off bookings; classes are
// listed whole, since one VEVENT carries all their dates.
const feedHistory = 60 * 24 * time.Hour

// uidDomain makes UIDs globally unique (RFC 5545 §3.8.4.7).
const uidDomain = "@mingzhu-rooms.weihai"

// FeedStamp resolves a feed and returns a stamp that changes whenever its
// content may have changed, without reading the schedule: callers use it
// to reuse a built feed and answer If-None-Match. An unknown room, team or
// token is ENOTFOUND, the same for every kind of wrong token.
func (s *Service) FeedStamp(ctx context.Context, kind, id string) (string, error) {
	s.catchUpFor(ctx)
	var keys []string
	err := s.store.View(ctx, func(tx Tx) error {
		switch kind {
		case FeedRoom:
			_, err := tx.Room(id)
			keys = []string{"room:" + id}
			return err
		case FeedTeam:
			_, err := tx.Team(id)
			keys = []string{"team:" + id}
			return err
		case FeedCourses:
			keys = []string{"courses"}
			return nil
		case FeedPrivate:
			u, err := tx.UserByFeedToken(id)
			if err != nil {
				return NotFound("token", "没有这个日历 no such calendar")
			}
			teams, err := s.teamsLedBy(tx, u)
			keys = []string{"user:" + u.ID}
			for _, t := range teams {
				keys = append(keys, "team:"+t.ID)
			}
			return err
		}
		return NotFound("feed", "没有这个日历 no such calendar")
	})
	if err != nil {
		return "", err
	}
	s.passDeadlines() // a no-show leaves the feed at its deadline
	return s.vers.stamp(append(keys, holidaysKey, closuresKey)...), nil
}

// teamsLedBy lists the teams whose classes belong in u's own feed.
func (s *Service) teamsLedBy(tx Tx, u *User) ([]Team, error) {
	all, err := tx.Teams()
	return slices.DeleteFunc(all, func(t Team) bool { return !slices.Contains(t.LeaderIDs, u.ID) }), err
}

// Feed builds the calendar of a feed (see FeedStamp for kinds and errors).
func (s *Service) Feed(ctx context.Context, kind, id string) (ical.Calendar, error) {
	if _, err := s.warmReads(ctx); err != nil {
		return ical.Calendar{}, err
	}
	// The timetable is taken before the View, never inside it: a reload
	// there would take a second connection (warmReads).
	all, err := s.timetableNow(ctx)
	if err != nil {
		return ical.Calendar{}, err
	}
	var cal ical.Calendar
	err = s.store.View(ctx, func(tx Tx) error {
		fb, err := s.newFeedBuilder(tx, all)
		if err != nil {
			return err
		}
		cal, err = fb.build(kind, id)
		return err
	})
	return cal, err
}

// feedBuilder holds what every feed needs to name rooms and teams.
type feedBuilder struct {
	s      *Service
	tx     Tx
	series []*Series // the timetable, shared: not to be modified
	rooms  map[string]Room
	teams  map[string]Team
	labels map[string]string
	now    time.Time
	// closures are loaded once, when a class is first published.
	closures []Closure
}

func (s *Service) newFeedBuilder(tx Tx, series []*Series) (*feedBuilder, error) {
	fb := &feedBuilder{s: s, tx: tx, series: series, rooms: map[string]Room{}, teams: map[string]Team{},
		labels: map[string]string{}, now: s.clock()}
	rooms, err := tx.Rooms()
	if err != nil {
		return nil, err
	}
	for _, r := range rooms {
		fb.rooms[r.ID] = r
	}
	teams, err := tx.Teams()
	for _, t := range teams {
		fb.teams[t.ID] = t
	}
	return fb, err
}

func (fb *feedBuilder) build(kind, id string) (ical.Calendar, error) {
	cal := ical.Calendar{Loc: fb.s.loc}
	var err error
	switch kind {
	case FeedRoom:
		room, ok := fb.rooms[id]
		if !ok {
			return cal, NotFound("room", "没有这个功能室 no such room")
		}
		cal.Name = "明珠社区 · " + room.Label()
		err = fb.addRoom(&cal, id)
	case FeedTeam:
		team, ok := fb.teams[id]
		if !ok {
			return cal, NotFound("team", "没有这个队伍 no such team")
		}
		cal.Name = "明珠社区 · " + team.Label()
		err = fb.addSeries(&cal, SeriesFilter{Team: id}, "")
	case FeedCourses:
		cal.Name = "明珠社区 · 全部课程 All classes"
		err = fb.addSeries(&cal, SeriesFilter{}, "")
	case FeedPrivate:
		err = fb.addPrivate(&cal, id)
	default:
		return cal, NotFound("feed", "没有这个日历 no such calendar")
	}
	cal.Events = sortEvents(cal.Events)
	return cal, err
}

// sortEvents orders events by start, UID and RECURRENCE-ID, so a feed's
// bytes depend only on its content. Events are large: it sorts indices and
// copies each event once, instead of swapping events.
func sortEvents(evs []ical.Event) []ical.Event {
	idx := make([]int, len(evs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		a, b := &evs[i], &evs[j]
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.UID, b.UID), a.RecurrenceID.Compare(b.RecurrenceID))
	})
	out := make([]ical.Event, len(evs))
	for k, i := range idx {
		out[k] = evs[i]
	}
	return out
}

// addRoom lists the room's classes and its bookings as anonymous busy time.
func (fb *feedBuilder) addRoom(cal *ical.Calendar, room string) error {
	if err := fb.addSeries(cal, SeriesFilter{Room: room}, room); err != nil {
		return err
	}
	return fb.addBookings(cal, BookingFilter{Room: room, From: fb.now.Add(-feedHistory), Holding: true, TimesOnly: true}, false)
}

// addPrivate lists a person's own bookings with titles, and the classes of
// the teams they lead.
func (fb *feedBuilder) addPrivate(cal *ical.Calendar, token string) error {
	u, err := fb.tx.UserByFeedToken(token)
	if err != nil {
		return NotFound("token", "没有这个日历 no such calendar")
	}
	cal.Name = "明珠社区 · 我的日程 My schedule · " + u.Name
	for _, t := range fb.teams {
		if !slices.Contains(t.LeaderIDs, u.ID) {
			continue
		}
		if err := fb.addSeries(cal, SeriesFilter{Team: t.ID}, ""); err != nil {
			return err
		}
	}
	if err := fb.addBookings(cal, BookingFilter{UserID: u.ID, From: fb.now.Add(-feedHistory), Holding: true}, true); err != nil {
		return err
	}
	return fb.addClosedBookings(cal, u.ID)
}

func (fb *feedBuilder) addBookings(cal *ical.Calendar, f BookingFilter, titles bool) error {
	bs, err := fb.tx.Bookings(f)
	cal.Events = slices.Grow(cal.Events, len(bs))
	for _, b := range bs {
		summary := bookedTitle
		if titles {
			summary = b.Title
		}
		cal.Events = append(cal.Events, ical.Event{UID: b.ID + uidDomain, Summary: summary,
			Location: fb.roomLabel(b.Room), Start: b.Start, End: b.End, LastModified: b.CreatedAt,
			Status: ownStatus(b.Status, titles)})
	}
	return err
}

// roomLabel is the LOCATION of events in a room, built once per room.
func (fb *feedBuilder) roomLabel(id string) string {
	if l, ok := fb.labels[id]; ok {
		return l
	}
	l := id
	if r, ok := fb.rooms[id]; ok {
		l = r.Label() + " · 明珠社区 Mingzhu community"
	}
	fb.labels[id] = l
	return l
}

func (fb *feedBuilder) addSeries(cal *ical.Calendar, f SeriesFilter, room string) error {
	for _, se := range matching(fb.series, f) {
		evs, err := fb.seriesEvents(se, room)
		if err != nil {
			return err
		}
		cal.Events = append(cal.Events, evs...)
	}
	return nil
}

// partUID names part i of a series with n parts. The current (last) part
// carries the series' own UID, so subscribers see one event for life that
// follows every edit (with SEQUENCE raised); the past stretches an edit
// closed are published beside it under UIDs of their own.
func partUID(seriesID string, i, n int) string {
	if i == n-1 {
		return seriesID + uidDomain
	}
	return fmt.Sprintf("%s-%d%s", seriesID, i, uidDomain)
}

// feedRRule rewrites a part's rule for publishing: its DTSTART becomes
// the part's first date, so COUNT no longer counts from the right place,
// and UNTIL must be UTC (RFC 5545 §3.3.10). Both are replaced by an UNTIL
// at the part's last occurrence, which yields the same dates.
func feedRRule(rrule string, last time.Time, bounded bool) string {
	var keep []string
	for _, kv := range strings.Split(rrule, ";") {
		k := strings.ToUpper(strings.SplitN(kv, "=", 2)[0])
		if k != "COUNT" && k != "UNTIL" && kv != "" {
			keep = append(keep, kv)
		}
	}
	if bounded {
		keep = append(keep, "UNTIL="+last.UTC().Format("20060102T150405Z"))
	}
	return strings.Join(keep, ";")
}
