package data

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"mingzhu/booking"
)

const bookingColumns = `id, room_id, user_id, title, attendees, start_at, end_at, status, created_at, reason, checked_in_at`

func scanBooking(s scanner) (*booking.Booking, error) {
	var b booking.Booking
	var start, end, created int64
	var checkedIn sql.NullInt64
	if err := s.Scan(&b.ID, &b.Room, &b.UserID, &b.Title, &b.Attendees, &start, &end, &b.Status, &created,
		&b.Reason, &checkedIn); err != nil {
		return nil, err
	}
	b.Start, b.End, b.CreatedAt = at(start), at(end), at(created)
	if checkedIn.Valid {
		t := at(checkedIn.Int64)
		b.CheckedInAt = &t
	}
	return &b, nil
}

// unixOrNil is a nullable time as the store keeps it.
func unixOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}

// InsertBooking stores a new booking.
func (t *Tx) InsertBooking(b *booking.Booking) error {
	rev, err := t.stamp()
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO bookings (`+bookingColumns+`, updated_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.ID, b.Room, b.UserID, b.Title, b.Attendees, b.Start.Unix(), b.End.Unix(), b.Status,
		b.CreatedAt.Unix(), b.Reason, unixOrNil(b.CheckedInAt), b.CreatedAt.Unix(), rev)
	return t.d.translate(err, "booking")
}

// Booking returns ENOTFOUND for an unknown id.
func (t *Tx) Booking(id string) (*booking.Booking, error) {
	b, err := scanBooking(t.queryRow(`SELECT `+bookingColumns+` FROM bookings WHERE id = ?`, id))
	return b, t.d.translate(err, "booking")
}

// SetBookingStatus changes a booking's status.
func (t *Tx) SetBookingStatus(id, status string, now time.Time) error {
	rev, err := t.stamp()
	if err != nil {
		return err
	}
	_, err = t.exec(`UPDATE bookings SET status = ?, updated_at = ?, rev = ? WHERE id = ?`, status, now.Unix(), rev, id)
	return t.d.translate(err, "booking")
}

// SetBookingState stores b's status, reason and check-in time.
func (t *Tx) SetBookingState(b *booking.Booking, now time.Time) error {
	rev, err := t.stamp()
	if err != nil {
		return err
	}
	res, err := t.exec(`UPDATE bookings SET status = ?, reason = ?, checked_in_at = ?, updated_at = ?, rev = ? WHERE id = ?`,
		b.Status, b.Reason, unixOrNil(b.CheckedInAt), now.Unix(), rev, b.ID)
	if err != nil {
		return t.d.translate(err, "booking")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return t.d.translate(sql.ErrNoRows, "booking")
	}
	return nil
}

// Bookings selects by filter. An overlap window is scanned with start_at
// bounded on both sides: anything overlapping [from, to) starts in
// (from - MaxDuration, to), so the index range stays a few rows wide
// however long the room's history grows.
func (t *Tx) Bookings(f booking.BookingFilter) ([]booking.Booking, error) {
	var where conds
	if f.Room != "" {
		where.add("room_id = ?", f.Room)
	}
	if f.UserID != "" {
		where.add("user_id = ?", f.UserID)
	}
	if !f.From.IsZero() {
		where.add("end_at > ? AND start_at > ?", f.From.Unix(), f.From.Add(-booking.MaxDuration).Unix())
	}
	if !f.To.IsZero() {
		where.add("start_at < ?", f.To.Unix())
	}
	if f.Holding {
		where.add("status IN ('confirmed', 'pending')")
	}
	if f.Status != "" {
		cond, args := statusCond(f.Status)
		where.add(cond, args...)
	}
	if f.ChangedFrom > 0 {
		where.add("rev >= ?", f.ChangedFrom)
	}
	if len(f.Windows) > 0 {
		return t.bookingsInWindows(f, where)
	}
	if f.TimesOnly {
		return t.bookingTimes(where.sql(), where.args)
	}
	q := `SELECT ` + bookingColumns + ` FROM bookings WHERE ` + where.sql()
	if f.LatestFirst {
		q += ` ORDER BY start_at DESC, id DESC`
	} else {
		q += ` ORDER BY start_at, id`
	}
	if f.Limit > 0 {
		q += ` LIMIT ?`
		where.args = append(where.args, f.Limit)
	}
	return t.scanBookings(q, where.args...)
}

// bookingsInWindows joins the windows, given as a VALUES list, to the
// bookings: SQLite loops over the windows and makes one bounded index
// range scan for each, so checking 52 occurrences costs one statement.
func (t *Tx) bookingsInWindows(f booking.BookingFilter, where conds) ([]booking.Booking, error) {
	// Typed, since PostgreSQL cannot tell a VALUES list's types from its use.
	values := strings.TrimSuffix(strings.Repeat("(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)),", len(f.Windows)), ",")
	var wargs []any
	for _, w := range f.Windows {
		wargs = append(wargs, w.From.Add(-booking.MaxDuration).Unix(), w.To.Unix(), w.From.Unix())
	}
	cols := strings.ReplaceAll(bookingColumns, ", ", ", b.")
	q := `WITH w (lo, hi, after) AS (VALUES ` + values + `)
		SELECT DISTINCT b.` + cols + ` FROM w ` + t.d.loopJoin + ` bookings b ON b.start_at > w.lo AND b.start_at < w.hi AND b.end_at > w.after`
	for _, cond := range where.list {
		q += " AND b." + cond
	}
	return t.scanBookings(q+" ORDER BY b.start_at, b.id", append(wargs, where.args...)...)
}

func (t *Tx) scanBookings(q string, args ...any) ([]booking.Booking, error) {
	var out []booking.Booking
	err := t.scanRows(q, args, func(rows *sql.Rows) error {
		b, err := scanBooking(rows)
		if err == nil {
			out = append(out, *b)
		}
		return err
	})
	return out, err
}

// bookingTimes reads id, room, times, status and check-in time of the
// bookings matching where (the check-in time decides whether a confirmed
// booking has become a no-show: booking.EffectiveStatus).
// A room feed lists thousands; go-sqlite3 costs about 2 µs per row in
// cgo and conversions, so SQLite joins the rows into one text value
// (group_concat) that is split here: one row
// instead of thousands (10 ms -> about 3 ms for 5,000 bookings). The
// result is sorted by start here.
func (t *Tx) bookingTimes(where string, args []any) ([]booking.Booking, error) {
	const n = 7 // fields a booking: id, room, start, end, created, status, check-in ("-" for none)
	var packed sql.NullString
	err := t.queryRow(`SELECT `+t.d.stringAgg+`(id || ' ' || room_id || ' ' || start_at || ' ' || end_at || ' ' || created_at
		|| ' ' || status || ' ' || coalesce(CAST(checked_in_at AS TEXT), '-'), ' ') FROM bookings WHERE `+where, args...).Scan(&packed)
	if err != nil || !packed.Valid {
		return nil, err
	}
	fields := strings.Fields(packed.String)
	if len(fields)%n != 0 {
		return nil, fmt.Errorf("booking times: %d fields", len(fields))
	}
	out := make([]booking.Booking, 0, len(fields)/n)
	for i := 0; i < len(fields); i += n {
		var v [3]int64
		for j := range v {
			if v[j], err = strconv.ParseInt(fields[i+2+j], 10, 64); err != nil {
				return nil, fmt.Errorf("booking times: %w", err)
			}
		}
		b := booking.Booking{ID: fields[i], Room: fields[i+1], Start: at(v[0]), End: at(v[1]),
			CreatedAt: at(v[2]), Status: fields[i+5]}
		if c := fields[i+6]; c != "-" {
			u, err := strconv.ParseInt(c, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("booking times: %w", err)
			}
			checkedIn := at(u)
			b.CheckedInAt = &checkedIn
		}
		out = append(out, b)
	}
	// Sorting here (by start, then id) is cheaper than asking group_concat to sort.
	slices.SortFunc(out, func(a, b booking.Booking) int { return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.ID, b.ID)) })
	return out, nil
}
