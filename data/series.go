package data

import (
	"database/sql"
	"strings"

	"mingzhu/booking"
)

// InsertSeries stores a new series with its parts and exceptions.
func (t *Tx) InsertSeries(s *booking.Series) error {
	rev, err := t.stamp()
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO series (id, team_id, title, sequence, created_by, created_at, updated_at, rev)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Team, s.Title, s.Sequence, s.CreatedBy, s.CreatedAt.Unix(), s.UpdatedAt.Unix(), rev)
	if err != nil {
		return t.d.translate(err, "series")
	}
	return t.insertChildren(s)
}

// UpdateSeries replaces a series' row and all its children.
func (t *Tx) UpdateSeries(s *booking.Series) error {
	rev, err := t.stamp()
	if err != nil {
		return err
	}
	res, err := t.exec(`UPDATE series SET title = ?, sequence = ?, updated_at = ?, rev = ? WHERE id = ?`,
		s.Title, s.Sequence, s.UpdatedAt.Unix(), rev, s.ID)
	if err != nil {
		return t.d.translate(err, "series")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return t.d.translate(sql.ErrNoRows, "series")
	}
	for _, table := range []string{"series_parts", "series_exdates", "series_exceptions"} {
		if _, err := t.exec(`DELETE FROM `+table+` WHERE series_id = ?`, s.ID); err != nil {
			return err
		}
	}
	return t.insertChildren(s)
}

// DeleteSeries removes a series; its children go by ON DELETE CASCADE.
func (t *Tx) DeleteSeries(id string) error {
	_, err := t.exec(`DELETE FROM series WHERE id = ?`, id)
	return t.d.translate(err, "series")
}

func (t *Tx) insertChildren(s *booking.Series) error {
	for i, p := range s.Parts {
		_, err := t.exec(`INSERT INTO series_parts (series_id, idx, room_id, start_at, end_at, rrule,
			from_at, until_at, first_at, last_at, skip_holidays) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.ID, i, p.Room, p.Start.Unix(), p.End.Unix(), p.RRule, unix(p.From), unix(p.Until),
			p.FirstStart.Unix(), unix(p.LastEnd), p.SkipHolidays)
		if err != nil {
			return t.d.translate(err, "room")
		}
	}
	for _, d := range s.ExDates {
		if _, err := t.exec(`INSERT INTO series_exdates (series_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING`, s.ID, d.Unix()); err != nil {
			return err
		}
	}
	for _, e := range s.Exceptions {
		room := sql.NullString{String: e.Room, Valid: e.Room != ""}
		if _, err := t.exec(`INSERT INTO series_exceptions (series_id, original_at, action, start_at, end_at, room_id)
			VALUES (?, ?, ?, ?, ?, ?)`, s.ID, e.Original.Unix(), e.Action, unix(e.Start), unix(e.End), room); err != nil {
			return t.d.translate(err, "room")
		}
	}
	return nil
}

// Series returns ENOTFOUND for an unknown id.
func (t *Tx) Series(id string) (*booking.Series, error) {
	list, err := t.loadSeries(`SELECT id, team_id, title, sequence, created_by, created_at, updated_at
		FROM series WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, t.d.translate(sql.ErrNoRows, "series")
	}
	return list[0], nil
}

// SeriesList selects series whose parts may have occurrences in the window
// (by the stored spans) or which moved an occurrence into the room there.
func (t *Tx) SeriesList(f booking.SeriesFilter) ([]*booking.Series, error) {
	var where conds
	if f.Team != "" {
		where.add("s.team_id = ?", f.Team)
	}
	if f.ChangedFrom > 0 {
		where.add("s.rev >= ?", f.ChangedFrom)
	}
	if f.Room != "" || !f.From.IsZero() || !f.To.IsZero() {
		parts := spanConds(f, "p.room_id", "(p.last_at IS NULL OR p.last_at > ?)", "p.first_at < ?")
		moves := spanConds(f, "e.room_id", "e.end_at > ?", "e.start_at < ?")
		where.add("s.id IN (SELECT series_id FROM series_parts p WHERE "+parts.sql()+
			" UNION SELECT series_id FROM series_exceptions e WHERE e.action = 'move' AND "+moves.sql()+")",
			append(parts.args, moves.args...)...)
	}
	q := `SELECT s.id, s.team_id, s.title, s.sequence, s.created_by, s.created_at, s.updated_at FROM series s`
	if len(where.list) > 0 {
		q += " WHERE " + where.sql()
	}
	return t.loadSeries(q+" ORDER BY s.id", where.args...)
}

// conds collects SQL conditions joined by AND, with their arguments.
type conds struct {
	list []string
	args []any
}

func (c *conds) add(cond string, args ...any) {
	c.list = append(c.list, cond)
	c.args = append(c.args, args...)
}

func (c *conds) sql() string {
	if len(c.list) == 0 {
		return "1=1"
	}
	return strings.Join(c.list, " AND ")
}

// spanConds filters rows by room and by a span overlapping the window,
// given the room column and the conditions for "ends after From" and
// "starts before To".
func spanConds(f booking.SeriesFilter, room, endsAfter, startsBefore string) conds {
	var c conds
	if f.Room != "" {
		c.add(room+" = ?", f.Room)
	}
	if !f.From.IsZero() {
		c.add(endsAfter, f.From.Unix())
	}
	if !f.To.IsZero() {
		c.add(startsBefore, f.To.Unix())
	}
	return c
}
