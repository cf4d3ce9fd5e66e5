package data

import (
	"database/sql"
	"strings"

	"mingzhu/booking"
)

// InsertAudit appends one audit line; its id is set from the row.
func (t *Tx) InsertAudit(e *booking.AuditEntry) error {
	// Ids follow commit order (the revision row's lock; see RecordChange).
	if err := t.orderIDs(); err != nil {
		return err
	}
	err := t.queryRow(`INSERT INTO audit (at, actor_id, actor_name, entity, entity_id, action, before, after, rule)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.At.Unix(), e.ActorID, e.ActorName, e.Entity, e.EntityID, e.Action, jsonOrNil(e.Before), jsonOrNil(e.After), e.Rule).Scan(&e.ID)
	return t.d.translate(err, "audit")
}

// jsonOrNil stores a missing image as NULL.
func jsonOrNil(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// AuditEntries selects lines by filter, newest (highest id) first.
func (t *Tx) AuditEntries(f booking.AuditFilter) ([]booking.AuditEntry, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where, args = append(where, cond), append(args, arg)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.Unix())
	}
	if f.Entity != "" {
		add("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	if f.Actor != "" {
		add("actor_id = ?", f.Actor)
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q := `SELECT id, at, actor_id, actor_name, entity, entity_id, action, before, after, rule FROM audit`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT ?"
	rows, err := t.query(q, append(args, f.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []booking.AuditEntry
	for rows.Next() {
		var e booking.AuditEntry
		var when int64
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, &when, &e.ActorID, &e.ActorName, &e.Entity, &e.EntityID, &e.Action,
			&before, &after, &e.Rule); err != nil {
			return nil, err
		}
		e.At = at(when)
		if before.Valid {
			e.Before = []byte(before.String)
		}
		if after.Valid {
			e.After = []byte(after.String)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
