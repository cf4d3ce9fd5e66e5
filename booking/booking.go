package booking

import (
	"time"
	"unicode/utf8"
)

// MaxDuration caps one booking or occurrence. Besides being the house
// limit, it bounds every overlap scan: anything overlapping [s,e) must start
// after s-MaxDuration, which keeps the index range small.
const MaxDuration = 24 * time.Hour

// Booking statuses. Only confirmed and pending bookings hold their slot
// (HoldsSlot); the others are kept as the room's history.
const (
	StatusConfirmed = "confirmed"
	// StatusPending waits for staff's yes (a room with requires_approval);
	// it holds the slot meanwhile, so nobody else takes it.
	StatusPending   = "pending"
	StatusCancelled = "cancelled"
	// StatusDeclined is staff's no to a pending booking, with a reason.
	StatusDeclined = "declined"
	// StatusCancelledByClosure is a booking inside a closure, with the
	// closure's reason; its owner sees why.
	StatusCancelledByClosure = "cancelled_by_closure"
	// StatusNoShow is a booking not checked in by its check-in deadline;
	// the rest of its time is released.
	StatusNoShow = "no_show"
)

// HoldsSlot reports whether a booking in this status keeps its room busy.
func HoldsSlot(status string) bool {
	return status == StatusConfirmed || status == StatusPending
}

// Booking is a one-off reservation of a room for a half-open interval.
type Booking struct {
	ID        string    `json:"id"`
	Room      string    `json:"room"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Title     string    `json:"title"`
	Attendees int       `json:"attendees"`
	Status    string    `json:"status"`
	UserID    string    `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
	// Reason is staff's word on a declined booking or one cancelled by a
	// closure; empty otherwise.
	Reason string `json:"reason,omitempty"`
	// CheckedInAt is when the booking was checked in; nil until then.
	CheckedInAt *time.Time `json:"checked_in_at,omitempty"`
}

// NewBooking is what a person asks for.
type NewBooking struct {
	Room      string
	Start     time.Time
	End       time.Time
	Title     string
	Attendees int
}

// defaultTitle is used when a resident does not name the booking.
const defaultTitle = "预约 Reservation"

// validateInterval checks a half-open interval; the fields are named so
// that the caller's message points at what to fix.
func validateInterval(start, end time.Time, startField, endField string) error {
	switch {
	case start.IsZero():
		return Invalid(startField, "缺少开始时间 start time is required (RFC 3339)")
	case end.IsZero():
		return Invalid(endField, "缺少结束时间 end time is required (RFC 3339)")
	case checkTime(startField, start) != nil:
		return checkTime(startField, start)
	case checkTime(endField, end) != nil:
		return checkTime(endField, end)
	case !end.After(start):
		return Invalid(endField, "结束时间须晚于开始时间 end must be after start")
	case end.Sub(start) > MaxDuration:
		return Invalid(endField, "单次时长不能超过24小时 a booking may last at most 24 hours")
	}
	return nil
}

// validate checks what can be checked without the store.
func (n *NewBooking) validate() error {
	n.Start, n.End = n.Start.Truncate(time.Second), n.End.Truncate(time.Second)
	if n.Room == "" {
		return Invalid("room", "缺少功能室 room is required")
	}
	if err := validateInterval(n.Start, n.End, "start", "end"); err != nil {
		return err
	}
	if n.Title == "" {
		n.Title = defaultTitle
	}
	if err := checkText("title", n.Title); err != nil {
		return err
	}
	if utf8.RuneCountInString(n.Title) > 100 {
		return Invalid("title", "用途（标题）不能超过100个字符 the title (what it is for) must be at most 100 characters")
	}
	if n.Attendees < 1 {
		return Invalid("attendees", "人数至少为1人 attendees must be at least 1")
	}
	return nil
}

// Overlaps reports whether half-open intervals [a0,a1) and [b0,b1) share time.
func Overlaps(a0, a1, b0, b1 time.Time) bool {
	return a0.Before(b1) && b0.Before(a1)
}

// earlier and later are the lesser and the greater of two instants,
// for clipping intervals.
func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
