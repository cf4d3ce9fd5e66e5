package booking

import (
	"context"
	"time"
)

// The utilisation report (设施利用率): how much of the time the rooms are
// open is used. It is a read for staff, made of one snapshot of the rooms,
// teams and bookings and the cached timetable, over a span [From, To) of
// at most MaxReportDays.
//
// What counts, precisely:
//   - Booked time: the class occurrences that take place in the span (the
//     occurrence machinery's: a date left out, cancelled, or skipped on a
//     day off is absent; a moved date counts where and when it moved to;
//     closures, once they exist, suspend occurrences there too), plus the
//     one-off bookings that are used (bookingUse): confirmed ones, checked
//     in or not, and no-shows. A no-show counts as booked only the part
//     it held, [start, min(end, CheckInDeadline)): at the deadline the
//     rest of its time was released and may have been booked by someone
//     else, whose booking then counts instead (counting both would book
//     a room longer than it is open). Pending bookings do not count
//     (staff have not said yes; a request is not a use), nor cancelled,
//     declined or cancelled_by_closure ones.
//   - Checked-in time: the used bookings with a check-in (CheckedInAt); a
//     class has no check-in, so it is never part of it.
//   - No-show time: bookings that are no-shows (EffectiveStatus, whether
//     or not the sweep has stored it), the whole interval each reserved
//     and did not use, [start, end). It is a figure of its own, not a
//     part of booked time: only its first CheckInGrace is also booked,
//     and its released rest may be another booking's booked time, so
//     no-show time may exceed booked time and never adds to the share.
//   - Open time: real time in the span (a DST day has 23 or 25 hours)
//     less the room's quiet hours (Rules.QuietHours, daily windows in site
//     time, possibly across midnight, as the room's rules are now: the
//     very instants the booking rule treats as quiet, quietSpans, so both
//     readings of the hour daylight saving repeats are quiet, and a
//     window starting in the hour it skips is quiet from where the wall
//     clock reaches it) and
//     less the closures of the room or of the whole centre (closedTime);
//     class dates a closure suspends are not booked time either.
//
// Intervals are half-open, and a use partly inside the span counts only
// its part inside; a cell of the hour-of-week grid likewise gets only the
// part of a use inside that wall-clock hour. Every figure is real elapsed
// time, not wall-clock differences.

// Report groupings.
const (
	GroupRoom = "room"
	GroupTeam = "team"
	GroupHour = "hour"
)

// MaxReportDays bounds a report's span: a year (a leap year too) in one go.
const MaxReportDays = 366

// UtilizationQuery asks for a report over [From, To), grouped by Group
// (GroupRoom when empty).
type UtilizationQuery struct {
	From, To time.Time
	Group    string
}

// Figures are a row's times (see above: NoShow is not part of Booked).
// Share is Booked ÷ Open (0 when nothing is open); it may exceed 1 only
// where uses predate today's quiet hours or closures.
type Figures struct {
	Booked, CheckedIn, NoShow, Open time.Duration
}

// Share is booked time over open time, 0 when nothing is open.
func (f Figures) Share() float64 {
	if f.Open <= 0 {
		return 0
	}
	return float64(f.Booked) / float64(f.Open)
}

// UtilizationRow is one row of a report. For GroupRoom, Room is set; for
// GroupTeam, Team is set, except on the last row, which holds the one-off
// bookings (they belong to no team; Team is "" and OneOff true); for
// GroupHour, Room, Weekday (ISO: 1 Monday … 7 Sunday, site time) and Hour
// (0–23, site time) name the cell. Name and NameEN are the room's or
// team's names.
type UtilizationRow struct {
	Room, Team   string
	OneOff       bool
	Name, NameEN string
	Weekday      int
	Hour         int
	Figures
	// Classes counts a team's class occurrences in the span (GroupTeam).
	Classes int
}

// Utilization is a report: the span and group as applied, and its rows.
// Rooms come in the store's order, teams too, and hour cells by room,
// weekday and hour; every room, team and cell is listed, unused ones with
// zero figures, so that a table or a grid never has holes.
type Utilization struct {
	From, To time.Time
	Group    string
	Rows     []UtilizationRow
}

// errReportStaff refuses the report to anyone but staff.
var errReportStaff = Errorf(EFORBIDDEN, "仅工作人员可查看使用率 only staff may see the utilisation report")

// Utilization computes the report for staff; others get EFORBIDDEN, bad
// input EINVALID naming from, to or group.
func (s *Service) Utilization(ctx context.Context, actor *User, q UtilizationQuery) (*Utilization, error) {
	if !actor.IsStaff() {
		return nil, errReportStaff
	}
	if err := s.validateReport(&q); err != nil {
		return nil, err
	}
	in, err := s.reportInput(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &Utilization{From: s.local(q.From), To: s.local(q.To), Group: q.Group}
	switch q.Group {
	case GroupTeam:
		out.Rows = s.teamRows(in, q)
	case GroupHour:
		out.Rows = s.hourRows(in, q)
	default:
		out.Rows = s.roomRows(in, q)
	}
	return out, nil
}

// validateReport checks the span and the group, filling in the default.
func (s *Service) validateReport(q *UtilizationQuery) error {
	switch q.Group {
	case "":
		q.Group = GroupRoom
	case GroupRoom, GroupTeam, GroupHour:
	default:
		return Invalid("group", "分组方式无效 group must be room, team or hour, got %q", q.Group)
	}
	q.From, q.To = q.From.Truncate(time.Second), q.To.Truncate(time.Second)
	switch {
	case q.From.IsZero():
		return Invalid("from", "缺少开始日期 from is required (a date YYYY-MM-DD or RFC 3339)")
	case q.To.IsZero():
		return Invalid("to", "缺少结束日期 to is required (a date YYYY-MM-DD or RFC 3339)")
	case checkWindowTime("from", q.From) != nil:
		return checkWindowTime("from", q.From)
	case checkWindowTime("to", q.To) != nil:
		return checkWindowTime("to", q.To)
	case !q.To.After(q.From):
		return Invalid("to", "结束须晚于开始 to must be after from")
	case q.To.After(q.From.In(s.loc).AddDate(0, 0, MaxReportDays)):
		return Invalid("to", "统计范围不能超过%d天 the span may cover at most %d days", MaxReportDays, MaxReportDays)
	}
	return nil
}

// UtilizationAll is the report in every grouping at once (room, team,
// hour, in that order), from one read: the staff page shows all three.
// q.Group is ignored.
func (s *Service) UtilizationAll(ctx context.Context, actor *User, q UtilizationQuery) ([]*Utilization, error) {
	if !actor.IsStaff() {
		return nil, errReportStaff
	}
	q.Group = ""
	if err := s.validateReport(&q); err != nil {
		return nil, err
	}
	in, err := s.reportInput(ctx, q)
	if err != nil {
		return nil, err
	}
	from, to := s.local(q.From), s.local(q.To)
	return []*Utilization{
		{From: from, To: to, Group: GroupRoom, Rows: s.roomRows(in, q)},
		{From: from, To: to, Group: GroupTeam, Rows: s.teamRows(in, q)},
		{From: from, To: to, Group: GroupHour, Rows: s.hourRows(in, q)},
	}, nil
}
