package data

import (
	"database/sql"
	"strconv"
	"strings"

	"mingzhu/booking"
)

// keepChanges is how many change records stay in the log: an instance
// that falls further behind than this (asleep for minutes under a heavy
// write load) drops every cache instead of reading them one by one.
const keepChanges = 10000

// RecordChange appends one change record; every keepChanges-th record
// also prunes the oldest, in the same transaction.
func (t *Tx) RecordChange(keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	// The revision row's lock, held to commit, orders the ids: writes
	// confined to different rooms (booking.WriteScope) run side by side on
	// PostgreSQL, and a reader must never see a later id before an earlier.
	if err := t.orderIDs(); err != nil {
		return err
	}
	var id int64
	if err := t.queryRow(`INSERT INTO changes (keys) VALUES (?) RETURNING id`,
		strings.Join(keys, "\n")).Scan(&id); err != nil {
		return err
	}
	if id%keepChanges != 0 {
		return nil
	}
	upto := id - keepChanges
	if _, err := t.exec(`DELETE FROM changes WHERE id <= ?`, upto); err != nil {
		return err
	}
	_, err := t.exec(`UPDATE changes_pruned SET upto = ? WHERE id = 1 AND upto < ?`, upto, upto)
	return err
}

// ChangesSince implements booking.ChangeTx.
func (t *Tx) ChangesSince(mark int64) (booking.Changes, error) {
	return changesSince(t.scanRows, mark)
}

// changesQuery reads the pruning mark (as a row with a negative id) and
// the records after the mark, in one statement.
const changesQuery = `SELECT -upto, CAST((SELECT coalesce(max(id), 0) FROM changes) AS TEXT) FROM changes_pruned WHERE id = 1
	UNION ALL SELECT id, keys FROM changes WHERE id > ? ORDER BY 1`

// headQuery reads only the newest id.
const headQuery = `SELECT coalesce(max(id), 0), '' FROM changes`

// changesSince runs the change log's query through scan (a transaction's
// or a pool's) and folds its rows into booking.Changes.
func changesSince(scanRows func(string, []any, func(*sql.Rows) error) error, mark int64) (booking.Changes, error) {
	var ch booking.Changes
	query, args := changesQuery, []any{mark}
	if mark < 0 {
		query, args = headQuery, nil
	}
	ch.Next = max(mark, 0)
	err := scanRows(query, args, func(r *sql.Rows) error {
		var id int64
		var keys string
		if err := r.Scan(&id, &keys); err != nil {
			return err
		}
		switch {
		case mark < 0:
			ch.Next = id
		case id <= 0: // the pruning mark, and the head, come first
			head, err := strconv.ParseInt(keys, 10, 64)
			if err != nil {
				return err
			}
			ch.All = mark < -id || mark > head
			ch.Next = max(min(ch.Next, head), -id)
		default:
			ch.Keys = append(ch.Keys, strings.Split(keys, "\n")...)
			ch.Next = id
		}
		return nil
	})
	return ch, err
}
