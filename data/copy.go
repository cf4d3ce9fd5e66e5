package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// CopyResult is what a copy moved: rows per table, in copy order, each
// counted again in both stores after the copy committed.
type CopyResult struct {
	Tables []string
	Rows   map[string]int64
}

// Copy moves every row of every data table from src into dst, which must
// hold no data yet (a store just opened: migrated, never seeded), either
// way between SQLite and PostgreSQL. It reads one snapshot of src, so the
// service may be serving on it, writes dst in one transaction (all or
// nothing), and then checks that each table holds the same number of rows
// in both, and the same rows (Fingerprint), as src's snapshot had them.
func Copy(ctx context.Context, src, dst *DB) (*CopyResult, error) {
	if err := dst.mustBeEmpty(ctx); err != nil {
		return nil, err
	}
	var counts map[string]int64
	var print [32]byte
	err := src.rawView(ctx, func(from *sql.Tx) error {
		var err error
		if counts, err = countsIn(ctx, from); err != nil {
			return err
		}
		if print, err = fingerprintSum(ctx, from); err != nil {
			return err
		}
		return dst.rawUpdate(ctx, func(to *sql.Tx) error {
			for _, t := range tables {
				if err := copyTable(ctx, from, to, dst.d, t); err != nil {
					return fmt.Errorf("copy %s: %w", t.name, err)
				}
			}
			for _, q := range dst.d.afterCopy {
				if _, err := to.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("copy: %s: %w", q, err)
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return verifyCopy(ctx, dst, counts, print)
}

// mustBeEmpty refuses a destination that holds anything beyond the
// singleton rows its migrations made.
func (db *DB) mustBeEmpty(ctx context.Context) error {
	counts, err := db.Counts(ctx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if !t.singleton && counts[t.name] > 0 {
			return fmt.Errorf("copy: the destination is not empty: %s has %d rows", t.name, counts[t.name])
		}
	}
	return nil
}

// copyTable inserts t's rows in batches of one statement each.
func copyTable(ctx context.Context, from, to *sql.Tx, d *dialect, t table) error {
	if t.singleton {
		if _, err := to.ExecContext(ctx, `DELETE FROM `+t.name); err != nil {
			return err
		}
	}
	ncols := len(strings.Split(t.cols, ","))
	per := max(1, min(200, 30000/ncols))
	var batch []any
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", ncols), ", ") + ")"
		q := `INSERT INTO ` + t.name + ` (` + t.cols + `) VALUES ` +
			strings.TrimSuffix(strings.Repeat(row+", ", len(batch)/ncols), ", ")
		_, err := to.ExecContext(ctx, d.bind(q), d.args(batch)...)
		batch = batch[:0]
		return err
	}
	err := eachRow(ctx, from, t, func(vals []any) error {
		batch = append(batch, textValues(vals)...)
		if len(batch) >= per*ncols {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// textValues passes text read as bytes on as text: PostgreSQL would take
// []byte for bytea.
func textValues(vals []any) []any {
	for i, v := range vals {
		if b, ok := v.([]byte); ok {
			vals[i] = string(b)
		}
	}
	return vals
}

// verifyCopy counts the copy's rows and compares its fingerprint with
// the source snapshot's.
func verifyCopy(ctx context.Context, dst *DB, want map[string]int64, print [32]byte) (*CopyResult, error) {
	got, err := dst.Counts(ctx)
	if err != nil {
		return nil, err
	}
	res := &CopyResult{Tables: TableNames(), Rows: got}
	for _, t := range tables {
		if want[t.name] != got[t.name] {
			return res, fmt.Errorf("copy: %s has %d rows in the source, %d in the copy", t.name, want[t.name], got[t.name])
		}
	}
	var copied [32]byte
	err = dst.rawView(ctx, func(tx *sql.Tx) (err error) {
		copied, err = fingerprintSum(ctx, tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	if copied != print {
		return res, fmt.Errorf("copy: the rows differ between the source and the copy")
	}
	return res, nil
}
