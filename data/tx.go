package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"mingzhu/booking"
)

// Tx implements booking.Tx over one SQL transaction.
type Tx struct {
	ctx context.Context
	tx  *sql.Tx
	rev int64 // this write's revision, once stamp has raised it
	// stmts keeps statements prepared once per transaction: an import runs
	// the same few inserts and range queries hundreds of times, and
	// preparing costs about as much as running them. The transaction
	// closes them when it ends. A prepared statement must not be run again
	// while rows of an earlier run are open (SQLite resets it), so only
	// exec, queryRow (Scan closes its row) and scanRows share them.
	stmts map[string]*sql.Stmt
}

func (t *Tx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

// query runs a statement of its own: the caller may run other queries,
// the same one too, while it reads the rows.
func (t *Tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(t.ctx, query, args...)
}

// scanRows runs a shared prepared statement and hands each row to scan,
// closing the rows before it returns; scan must not query.
func (t *Tx) scanRows(query string, args []any, scan func(*sql.Rows) error) error {
	st, err := t.stmt(query)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(t.ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *Tx) queryRow(query string, args ...any) *sql.Row {
	st, err := t.stmt(query)
	if err != nil {
		return t.tx.QueryRowContext(t.ctx, query, args...) // reports the same error
	}
	return st.QueryRowContext(t.ctx, args...)
}

// unix stores a time as whole seconds; the zero time as NULL.
func unix(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// fromUnix reads a stored time back, in UTC; the domain applies the zone.
func fromUnix(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(n.Int64, 0).UTC()
}

func at(n int64) time.Time { return time.Unix(n, 0).UTC() }

// translate turns driver errors into domain errors at the edge: a broken
// UNIQUE constraint is a conflict, a missing row is "not found".
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return booking.NotFound(what, "%s不存在 no such %s", whatZH(what), what)
	}
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		if se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			return &booking.Error{Code: booking.ECONFLICT, Field: what,
				Message: whatZH(what) + "已存在 " + what + " already exists"}
		}
		if se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
			return booking.Invalid(what, "引用的记录不存在 refers to something that does not exist")
		}
	}
	return err
}

var zhNames = map[string]string{
	"room": "功能室", "user": "用户", "username": "用户名", "booking": "预约",
	"team": "队伍", "series": "课程", "token": "令牌", "holiday": "节假日", "closure": "闭馆",
}

func whatZH(what string) string {
	if zh, ok := zhNames[what]; ok {
		return zh
	}
	return strings.ToUpper(what)
}
