package data

import (
	"database/sql"
	"strings"

	"mingzhu/booking"
)

// loadSeries runs a query for series rows, then fetches the children of
// all of them with one query per child table rather than per series.
func (t *Tx) loadSeries(query string, args ...any) ([]*booking.Series, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*booking.Series
	byID := map[string]*booking.Series{}
	for rows.Next() {
		var s booking.Series
		var created, updated int64
		if err := rows.Scan(&s.ID, &s.Team, &s.Title, &s.Sequence, &s.CreatedBy, &created, &updated); err != nil {
			return nil, err
		}
		s.CreatedAt, s.UpdatedAt = at(created), at(updated)
		list = append(list, &s)
		byID[s.ID] = &s
	}
	if err := rows.Err(); err != nil || len(list) == 0 {
		return list, err
	}
	rows.Close()
	ids := make([]any, 0, len(list))
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	if err := t.loadParts(byID, in, ids); err != nil {
		return nil, err
	}
	if err := t.loadExDates(byID, in, ids); err != nil {
		return nil, err
	}
	return list, t.loadExceptions(byID, in, ids)
}

func (t *Tx) loadParts(byID map[string]*booking.Series, in string, ids []any) error {
	rows, err := t.query(`SELECT series_id, room_id, start_at, end_at, rrule, from_at, until_at, first_at, last_at, skip_holidays
		FROM series_parts WHERE series_id IN `+in+` ORDER BY series_id, idx`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var p booking.Part
		var start, end, first int64
		var from, until, last sql.NullInt64
		if err := rows.Scan(&id, &p.Room, &start, &end, &p.RRule, &from, &until, &first, &last, &p.SkipHolidays); err != nil {
			return err
		}
		p.Start, p.End, p.FirstStart = at(start), at(end), at(first)
		p.From, p.Until, p.LastEnd = fromUnix(from), fromUnix(until), fromUnix(last)
		byID[id].Parts = append(byID[id].Parts, p)
	}
	return rows.Err()
}

func (t *Tx) loadExDates(byID map[string]*booking.Series, in string, ids []any) error {
	rows, err := t.query(`SELECT series_id, at FROM series_exdates WHERE series_id IN `+in+` ORDER BY series_id, at`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var d int64
		if err := rows.Scan(&id, &d); err != nil {
			return err
		}
		byID[id].ExDates = append(byID[id].ExDates, at(d))
	}
	return rows.Err()
}

func (t *Tx) loadExceptions(byID map[string]*booking.Series, in string, ids []any) error {
	rows, err := t.query(`SELECT series_id, original_at, action, start_at, end_at, room_id
		FROM series_exceptions WHERE series_id IN `+in+` ORDER BY series_id, original_at`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var e booking.Exception
		var orig int64
		var start, end sql.NullInt64
		var room sql.NullString
		if err := rows.Scan(&id, &orig, &e.Action, &start, &end, &room); err != nil {
			return err
		}
		e.Original, e.Start, e.End, e.Room = at(orig), fromUnix(start), fromUnix(end), room.String
		byID[id].Exceptions = append(byID[id].Exceptions, e)
	}
	return rows.Err()
}
