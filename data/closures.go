package data

import (
	"database/sql"
	"strings"
	"time"

	"mingzhu/booking"
)

// InsertClosure stores a new closure; the whole centre (Room "") as NULL.
func (t *Tx) InsertClosure(c *booking.Closure) error {
	_, err := t.exec(`INSERT INTO closures (id, room_id, start_at, end_at, reason, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.ID, nullRoom(c.Room), c.Start.Unix(), c.End.Unix(), c.Reason, c.CreatedBy, c.CreatedAt.Unix())
	return t.d.translate(err, "closure")
}

// Closure returns ENOTFOUND for an unknown id.
func (t *Tx) Closure(id string) (*booking.Closure, error) {
	list, err := t.closures(`WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, t.d.translate(sql.ErrNoRows, "closure")
	}
	return &list[0], nil
}

// DeleteClosure removes one; ENOTFOUND for an unknown id.
func (t *Tx) DeleteClosure(id string) error {
	res, err := t.exec(`DELETE FROM closures WHERE id = ?`, id)
	return t.affected(res, err, "closure")
}

// SetClosureEnd moves one's end; ENOTFOUND for an unknown id.
func (t *Tx) SetClosureEnd(id string, end time.Time) error {
	res, err := t.exec(`UPDATE closures SET end_at = ? WHERE id = ?`, end.Unix(), id)
	return t.affected(res, err, "closure")
}

// Closures lists the closures f selects, by start then id.
func (t *Tx) Closures(f booking.ClosureFilter) ([]booking.Closure, error) {
	var where []string
	var args []any
	if f.Room != "" {
		where, args = append(where, "(room_id = ? OR room_id IS NULL)"), append(args, f.Room)
	}
	if !f.To.IsZero() {
		where, args = append(where, "start_at < ?"), append(args, f.To.Unix())
	}
	if !f.From.IsZero() {
		where, args = append(where, "end_at > ?"), append(args, f.From.Unix())
	}
	q := ""
	if len(where) > 0 {
		q = "WHERE " + strings.Join(where, " AND ")
	}
	return t.closures(q, args...)
}

func (t *Tx) closures(where string, args ...any) ([]booking.Closure, error) {
	out := []booking.Closure{}
	err := t.scanRows(`SELECT id, room_id, start_at, end_at, reason, created_by, created_at FROM closures
		`+where+` ORDER BY start_at, id`, args,
		func(rows *sql.Rows) error {
			var c booking.Closure
			var room sql.NullString
			var start, end, created int64
			if err := rows.Scan(&c.ID, &room, &start, &end, &c.Reason, &c.CreatedBy, &created); err != nil {
				return err
			}
			c.Room, c.Start, c.End, c.CreatedAt = room.String, at(start), at(end), at(created)
			out = append(out, c)
			return nil
		})
	return out, err
}

// nullRoom stores the whole centre as NULL, so the foreign key checks
// only real rooms.
func nullRoom(room string) any {
	if room == "" {
		return nil
	}
	return room
}
