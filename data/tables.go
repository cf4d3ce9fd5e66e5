package data

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"
)

// table is one table of the store as both databases hold it: its columns
// in the order copies and dumps use, and the order its rows are read in
// (a stable one, so that two stores with the same rows dump the same).
type table struct {
	name, cols, order string
	// singleton tables hold one row made by a migration; a copy replaces it.
	singleton bool
}

// tables lists every table of the store that holds data, parents before
// children (foreign keys), so a copy inserts in this order. migrations is
// not here: each store records its own.
var tables = []table{
	{name: "rooms", cols: "id, name, name_en, capacity, equipment, position, rules", order: "id"},
	// Accounts made in one second list by insertion order (rowid, which
	// both databases keep); a copy inserts them in that order.
	{name: "users", cols: "id, username, name, role, password_hash, feed_token, created_at, disabled", order: "rowid"},
	{name: "tokens", cols: "hash, user_id, created_at, expires_at", order: "hash"},
	{name: "teams", cols: "id, name, name_en, created_at", order: "id"},
	{name: "team_leaders", cols: "team_id, user_id, position", order: "team_id, user_id"},
	{name: "series", cols: "id, team_id, title, sequence, created_by, created_at, updated_at, rev", order: "id"},
	{name: "series_parts", cols: "series_id, idx, room_id, start_at, end_at, rrule, from_at, until_at, first_at, last_at, skip_holidays",
		order: "series_id, idx"},
	{name: "series_exdates", cols: "series_id, at", order: "series_id, at"},
	{name: "series_exceptions", cols: "series_id, original_at, action, start_at, end_at, room_id", order: "series_id, original_at"},
	{name: "bookings", cols: "id, room_id, user_id, title, attendees, start_at, end_at, status, created_at, updated_at, rev, reason, checked_in_at",
		order: "id"},
	{name: "holiday_overrides", cols: "date, name, work, removed, changed_by, changed_at", order: "date"},
	{name: "closures", cols: "id, room_id, start_at, end_at, reason, created_by, created_at", order: "id"},
	{name: "audit", cols: "id, at, actor_id, actor_name, entity, entity_id, action, before, after, rule", order: "id"},
	{name: "revision", cols: "id, n", order: "id", singleton: true},
	{name: "changes", cols: "id, keys", order: "id"},
	{name: "changes_pruned", cols: "id, upto", order: "id", singleton: true},
}

// TableNames lists the store's data tables in copy order.
func TableNames() []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.name
	}
	return out
}

// Counts is the number of rows of each data table, read in one snapshot.
func (db *DB) Counts(ctx context.Context) (map[string]int64, error) {
	var out map[string]int64
	err := db.rawView(ctx, func(tx *sql.Tx) (err error) {
		out, err = countsIn(ctx, tx)
		return err
	})
	return out, err
}

func countsIn(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range tables {
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		out[t.name] = n
	}
	return out, nil
}

// Fingerprint is every row of every data table as text, one line per
// table ("name=row|row"), in one snapshot:
// two stores, of either kind, with the same rows have the same
// fingerprint, and a write that changed nothing leaves it as it was. For
// tests and for checking a copy.
// Given table names, only those tables are included.
func (db *DB) Fingerprint(ctx context.Context, only ...string) (string, error) {
	var out string
	err := db.rawView(ctx, func(tx *sql.Tx) (err error) {
		out, err = fingerprintIn(ctx, tx, only...)
		return err
	})
	return out, err
}

func fingerprintIn(ctx context.Context, tx *sql.Tx, only ...string) (string, error) {
	var b strings.Builder
	err := writeFingerprint(ctx, tx, &b, only...)
	return b.String(), err
}

// fingerprintSum is the SHA-256 of the fingerprint, for comparing two
// stores without holding a copy of all their rows in memory.
func fingerprintSum(ctx context.Context, tx *sql.Tx) ([32]byte, error) {
	h := sha256.New()
	var sum [32]byte
	err := writeFingerprint(ctx, tx, h)
	copy(sum[:], h.Sum(nil))
	return sum, err
}

// writeFingerprint writes the fingerprint of the tables (all, or only
// those named) to w.
func writeFingerprint(ctx context.Context, tx *sql.Tx, w io.Writer, only ...string) error {
	b := bufio.NewWriter(w)
	for _, t := range tables {
		if len(only) > 0 && !slices.Contains(only, t.name) {
			continue
		}
		b.WriteString(t.name + "=")
		sep := ""
		if err := eachRow(ctx, tx, t, func(vals []any) error {
			b.WriteString(sep + formatRow(vals))
			sep = "|"
			return nil
		}); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		b.WriteByte('\n')
	}
	return b.Flush()
}

// formatRow writes values the same whichever driver read them: text is
// quoted, numbers plain, NULL as NULL.
func formatRow(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			parts[i] = "NULL"
		case []byte:
			parts[i] = fmt.Sprintf("%q", v)
		case string:
			parts[i] = fmt.Sprintf("%q", v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return strings.Join(parts, ",")
}

// eachRow reads a table's rows in its order, each as driver values.
func eachRow(ctx context.Context, tx *sql.Tx, t table, fn func([]any) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+t.cols+` FROM `+t.name+` ORDER BY `+t.order)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := len(strings.Split(t.cols, ","))
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rawView runs fn in one read-only snapshot of the read pool, on the SQL
// transaction itself (operators' tools: counts, dumps, copies).
func (db *DB) rawView(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.read.BeginTx(ctx, db.d.readOnly)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// rawUpdate runs fn in one write transaction holding the writer lock.
func (db *DB) rawUpdate(ctx context.Context, fn func(*sql.Tx) error) error {
	return inTx(ctx, db.write, db.d, fn)
}
