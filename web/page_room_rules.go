package web

import (
	"strings"

	"mingzhu/booking"
)

// roomRules are a room's house rules in words, for the booking form: a
// resident learns the limits before choosing times, not from a refusal.
// Quiet hours and approval come first, as they bind or change most.
func (s *Server) roomRules(p Page, r booking.Rules) []string {
	var out []string
	if len(r.QuietHours) > 0 {
		var ws []string
		for _, w := range r.QuietHours {
			ws = append(ws, w.Start+"–"+w.End)
		}
		out = append(out, s.T(p, "rules.room.quiet", strings.Join(ws, s.T(p, "rules.room.sep"))))
	}
	if r.RequiresApproval {
		out = append(out, s.T(p, "rules.room.approval"))
	}
	out = append(out, s.T(p, "rules.room.advance", r.MaxAdvanceDays),
		s.T(p, "rules.room.length", r.MinMinutes, r.MaxMinutes))
	if r.BufferMinutes > 0 {
		out = append(out, s.T(p, "rules.room.buffer", r.BufferMinutes))
	}
	return append(out, s.T(p, "rules.room.quota", int(booking.WeeklyQuota.Hours())),
		s.T(p, "rules.room.checkin", int(booking.CheckInGrace.Minutes())))
}
