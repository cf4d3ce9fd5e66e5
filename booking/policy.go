package booking

import (
	"fmt"
	"slices"
	"time"
)

// checkPolicy holds a booking n to the house rules of its room: everyone
// to its quiet hours (checkQuiet), a resident also (leaders and staff are
// exempt) to how far ahead, how long, the turnover buffer around it, a
// no-show suspension and the weekly quota, in that order. It runs in tx
// after the clash check: near is what occupies the window widened by
// bufferFor, none of it overlapping n, so all of it is within the buffer
// (a closure next to it is not a use, and does not count). CreateBooking,
// import and CheckBooking all call it, so each gives the same answer.
func (s *Service) checkPolicy(tx Tx, actor *User, room Room, n NewBooking, now time.Time, near []Occurrence) error {
	if err := s.checkRules(actor, room, n, now, near); err != nil {
		return err
	}
	return s.checkAccount(tx, actor, n, now)
}

// checkRules are the house rules that need nothing but the request, the
// room and its neighbours: no query.
func (s *Service) checkRules(actor *User, room Room, n NewBooking, now time.Time, near []Occurrence) error {
	if err := s.checkQuiet(room, n.Start, n.End); err != nil {
		return err
	}
	if actor.Role != RoleResident {
		return nil
	}
	r := room.Rules
	if limit := now.In(s.loc).AddDate(0, 0, r.MaxAdvanceDays); n.Start.After(limit) {
		return Policy("max_advance_days", "start", "最多只能提前%d天预约 you can book at most %d days ahead",
			r.MaxAdvanceDays, r.MaxAdvanceDays)
	}
	d := n.End.Sub(n.Start)
	if d < time.Duration(r.MinMinutes)*time.Minute {
		return Policy("min_minutes", "end", "每次预约至少%d分钟 a booking must last at least %d minutes",
			r.MinMinutes, r.MinMinutes)
	}
	if d > time.Duration(r.MaxMinutes)*time.Minute {
		return Policy("max_minutes", "end", "每次预约最长%d分钟 a booking may last at most %d minutes",
			r.MaxMinutes, r.MaxMinutes)
	}
	if slices.ContainsFunc(near, func(o Occurrence) bool { return o.Kind != KindClosure }) {
		m := r.BufferMinutes
		return Policy("buffer_minutes", "start", "前后须各留%d分钟整理时间，与其他使用太近 the room needs %d minutes free before and after each use; another use is too close",
			m, m)
	}
	return nil
}

// checkAccount are a resident's rules that read their other bookings:
// the no-show suspension and the weekly quota. They come last, so a
// check that leaves them out (CreateBooking's precheck) refuses only
// what the whole would refuse, for the same reason.
func (s *Service) checkAccount(tx Tx, actor *User, n NewBooking, now time.Time) error {
	if actor.Role != RoleResident {
		return nil
	}
	if err := s.checkNoShows(tx, actor, now); err != nil {
		return err
	}
	return s.checkQuota(tx, actor, n)
}

// bufferFor is the turnover time kept free around actor's booking in
// room: the room's buffer for a resident, none for leaders and staff.
func bufferFor(actor *User, room Room) time.Duration {
	if actor.Role != RoleResident {
		return 0
	}
	return time.Duration(room.Rules.BufferMinutes) * time.Minute
}

// checkQuota refuses a booking that would bring the resident's confirmed
// bookings over WeeklyQuota in an ISO week (site time) it touches. A
// booking that spans two weeks counts whole in each.
func (s *Service) checkQuota(tx Tx, actor *User, n NewBooking) error {
	for w := isoWeekStart(n.Start.In(s.loc)); w.Before(n.End); w = w.AddDate(0, 0, 7) {
		bs, err := tx.Bookings(BookingFilter{UserID: actor.ID, From: w, To: w.AddDate(0, 0, 7), Holding: true, TimesOnly: true})
		if err != nil {
			return err
		}
		total := n.End.Sub(n.Start)
		for _, b := range bs {
			total += b.End.Sub(b.Start)
		}
		if total > WeeklyQuota {
			h, had := int(WeeklyQuota/time.Hour), hoursText(total-n.End.Sub(n.Start))
			return Policy("weekly_quota", "end", "每人每周（周一至周日）最多预约%d小时，该周已预约%s。 you may book at most %d hours a week (Monday to Sunday) and already have %s that week",
				h, had, h, had)
		}
	}
	return nil
}

// isoWeekStart is 00:00 on the Monday of t's ISO week, in t's zone.
func isoWeekStart(t time.Time) time.Time {
	back := (int(t.Weekday()) + 6) % 7
	y, m, d := t.Date()
	return time.Date(y, m, d-back, 0, 0, 0, 0, t.Location())
}

// hoursText is a duration as "2h" or "2h30m", which both languages read.
func hoursText(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}
