package data

import (
	"fmt"
	"strconv"
	"time"

	"mingzhu/booking"
)

// UncheckedBookings lists confirmed and pending bookings without a check-in starting
// in [from, to), by start: the candidates for becoming no-shows (or, pending, lapsing). The
// start index bounds the scan.
func (t *Tx) UncheckedBookings(from, to time.Time, limit int) ([]booking.Booking, error) {
	var where conds
	where.add("status IN ('confirmed', 'pending') AND checked_in_at IS NULL")
	if !from.IsZero() {
		where.add("start_at >= ?", from.Unix())
	}
	if !to.IsZero() {
		where.add("start_at < ?", to.Unix())
	}
	q := `SELECT ` + bookingColumns + ` FROM bookings WHERE ` + where.sql() + ` ORDER BY start_at, id`
	if limit > 0 {
		q += ` LIMIT ?`
		where.args = append(where.args, limit)
	}
	return t.scanBookings(q, where.args...)
}

// checkedInAt parses a check-in time packed by bookingTimes.
func checkedInAt(s string) (*time.Time, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("booking times: check-in: %w", err)
	}
	in := at(n)
	return &in, nil
}
