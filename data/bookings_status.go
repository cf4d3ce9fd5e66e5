package data

import "mingzhu/booking"

// statusCond selects one status. The pending queue is asked for on every
// visit to the staff desk and is a handful of rows among years of
// history: it is written with the literal, so that SQLite can use the
// partial index bookings_pending (0011), which a bound parameter would
// not let it prove applies.
func statusCond(status string) (string, []any) {
	if status == booking.StatusPending {
		return "status = 'pending'", nil
	}
	return "status = ?", []any{status}
}
