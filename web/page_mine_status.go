package web

import "mingzhu/booking"

// statusLine is how "my bookings" shows a booking's state: a catalog key
// (words, so colour is never the only signal), a class for its colour,
// and staff's reason when there is one (a decline, a closure).
type statusLine struct {
	Key, Class, Reason string
}

// mineStatusKeys are the words of each state that needs its own; the
// others read "confirmed" while coming and "over" once past, and
// cancelled reads cancelled.
var mineStatusKeys = map[string]struct{ coming, past, class string }{
	booking.StatusPending:            {"approvals.status.pending", "approvals.status.expired", "wait"},
	booking.StatusDeclined:           {"approvals.status.declined", "approvals.status.declined", "bad"},
	booking.StatusCancelled:          {"resident.mine.status.cancelled", "resident.mine.status.cancelled", ""},
	booking.StatusNoShow:             {"checkin.state.no_show", "checkin.state.no_show", "bad"},
	booking.StatusCancelledByClosure: {"closures.mine_status", "closures.mine_status", "bad"},
}

// StatusLine is the item's state as the list shows it; past says which
// list it is in (over or cancelled, rather than coming up).
func (it mineItem) StatusLine(past bool) statusLine {
	k, ok := mineStatusKeys[it.Status]
	switch {
	case ok && past:
		return statusLine{Key: k.past, Class: k.class, Reason: it.Why}
	case ok:
		return statusLine{Key: k.coming, Class: k.class, Reason: it.Why}
	case past:
		return statusLine{Key: "resident.mine.status.over", Reason: it.Why}
	}
	return statusLine{Key: "resident.mine.status.confirmed", Class: "ok", Reason: it.Why}
}

// bookedNotice is the ?done= key after a booking from a room's page: a
// booking that waits for staff says so, rather than "booked".
func bookedNotice(b *booking.Booking) string {
	if b.Status == booking.StatusPending {
		return "booked_pending"
	}
	return "booked"
}
