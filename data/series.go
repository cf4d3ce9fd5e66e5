package data

import (
	"database/sql"
	"strings"

	"mingzhu/booking"
)

// InsertSeries stores a new series with its parts and exceptions.
func (t *Tx) InsertSeries(s *booking.Series) error {
	_, err := t.exec(`INSERT INTO series (id, team_id, title, sequence, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Team, s.Title, s.Sequence, s.CreatedBy, s.CreatedAt.Unix(), s.UpdatedAt.Unix())
	if err != nil {
		return translate(err, "series")
	}
	return t.insertChildren(s)
}

// UpdateSeries replaces a series' row and all its children.
func (t *Tx) UpdateSeries(s *booking.Series) error {
	res, err := t.exec(`UPDATE series SET title = ?, sequence = ?, updated_at = ? WHERE id = ?`,
		s.Title, s.Sequence, s.UpdatedAt.Unix(), s.ID)
	if err != nil {
		return translate(err, "series")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return translate(sql.ErrNoRows, "series")
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
	return translate(err, "series")
}

func (t *Tx) insertChildren(s *booking.Series) error {
	for i, p := range s.Parts {
		_, err := t.exec(`INSERT INTO series_parts (series_id, idx, room_id, start_at, end_at, rrule,
			from_at, until_at, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.ID, i, p.Room, p.Start.Unix(), p.End.Unix(), p.RRule, unix(p.From), unix(p.Until),
			p.FirstStart.Unix(), unix(p.LastEnd))
		if err != nil {
			return translate(err, "room")
		}
	}
	for _, d := range s.ExDates {
		if _, err := t.exec(`INSERT OR IGNORE INTO series_exdates (series_id, at) VALUES (?, ?)`, s.ID, d.Unix()); err != nil {
			return err
		}
	}
	for _, e := range s.Exceptions {
		room := sql.NullString{String: e.Room, Valid: e.Room != ""}
		if _, err := t.exec(`INSERT INTO series_exceptions (series_id, original_at, action, start_at, end_at, room_id)
			VALUES (?, ?, ?, ?, ?, ?)`, s.ID, e.Original.Unix(), e.Action, unix(e.Start), unix(e.End), room); err != nil {
			return translate(err, "room")
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
		return nil, translate(sql.ErrNoRows, "series")
	}
	return list[0], nil
}

// SeriesList selects series whose parts may have occurrences in the window
// (by the stored spans) or which moved an occurrence into the room there.
func (t *Tx) SeriesList(f booking.SeriesFilter) ([]*booking.Series, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.Team != "" {
		add("s.team_id = ?", f.Team)
	}
	parts := "SELECT series_id FROM series_parts p WHERE 1=1"
	var pargs []any
	if f.Room != "" {
		parts += " AND p.room_id = ?"
		pargs = append(pargs, f.Room)
	}
	if !f.From.IsZero() {
		parts += " AND (p.last_at IS NULL OR p.last_at > ?)"
		pargs = append(pargs, f.From.Unix())
	}
	if !f.To.IsZero() {
		parts += " AND p.first_at < ?"
		pargs = append(pargs, f.To.Unix())
	}
	if f.Room != "" || !f.From.IsZero() || !f.To.IsZero() {
		moves := "SELECT series_id FROM series_exceptions e WHERE e.action = 'move'"
		var margs []any
		if f.Room != "" {
			moves += " AND e.room_id = ?"
			margs = append(margs, f.Room)
		}
		if !f.From.IsZero() {
			moves += " AND e.end_at > ?"
			margs = append(margs, f.From.Unix())
		}
		if !f.To.IsZero() {
			moves += " AND e.start_at < ?"
			margs = append(margs, f.To.Unix())
		}
		add("s.id IN ("+parts+" UNION "+moves+")", append(pargs, margs...)...)
	}
	q := `SELECT s.id, s.team_id, s.title, s.sequence, s.created_by, s.created_at, s.updated_at FROM series s`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return t.loadSeries(q+" ORDER BY s.id", args...)
}
