package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"mingzhu/booking"
)

// Tx implements booking.Tx over one SQL transaction.
type Tx struct {
	ctx context.Context
	tx  *sql.Tx
	d   *dialect
	rev int64 // this write's revision, once stamp has raised it
	// ordered: this write holds the revision row's lock (stamp, orderIDs).
	ordered bool
}

// Statements run by their text: both drivers keep each connection's
// prepared statements (go-sqlite3: sqlite.StmtCacheSize; pgx: its
// statement cache) and reuse one for the next run of the same text, so an
// import running the same few inserts hundreds of times, and every write
// transaction after the first, skip parsing. (Preparing explicitly, per transaction, bypasses that cache:
// it cost a quarter of a booking write's CPU.) A statement whose rows are
// still open is out of the cache, so running the same text meanwhile
// prepares a second one rather than resetting the first.

func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, t.d.bind(query), t.d.args(args)...)
}

// query runs a statement whose rows the caller reads and closes; it may
// run other queries, the same one too, meanwhile.
func (t *Tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(t.ctx, t.d.bind(query), t.d.args(args)...)
}

// scanRows runs a query and hands each row to scan, closing the rows
// before it returns.
func (t *Tx) scanRows(query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := t.query(query, args...)
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
	return t.tx.QueryRowContext(t.ctx, t.d.bind(query), t.d.args(args)...)
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
// UNIQUE constraint is a conflict, a missing row is "not found". What an
// error means does not depend on the database, only how it is spelled
// (d.kind).
func (d *dialect) translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return booking.NotFound(what, "%s不存在 no such %s", whatZH(what), what)
	}
	switch d.kind(err) {
	case errUnique:
		return &booking.Error{Code: booking.ECONFLICT, Field: what,
			Message: whatZH(what) + "已存在 " + what + " already exists"}
	case errForeignKey:
		return booking.Invalid(what, "引用的记录不存在 refers to something that does not exist")
	case errOverlap:
		return &booking.Error{Code: booking.ECONFLICT, Field: "start",
			Message: "该时段已被占用 the room is taken at that time"}
	case errBusy:
		return &booking.Error{Code: booking.EUNAVAILABLE,
			Message: "系统繁忙，请稍后再试 the service is busy, please try again"}
	case errDown:
		return &booking.Error{Code: booking.EUNAVAILABLE,
			Message: "数据库暂时无法连接，请稍后再试 the database cannot be reached just now, please try again"}
	case errBadText:
		// The domain refuses such text (booking.checkText) before it gets
		// here; an id in an address may still carry it: nothing has it.
		if what != "" {
			return booking.NotFound(what, "%s不存在 no such %s", whatZH(what), what)
		}
		return booking.Invalid("", "含有无法保存的字符 contains characters that cannot be stored")
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
