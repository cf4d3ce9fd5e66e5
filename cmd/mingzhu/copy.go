package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"time"

	"mingzhu/data"
)

// runCopy moves a community's data between stores, either way between a
// SQLite file and a PostgreSQL database: `mingzhu copy -from ./mingzhu.db
// -to postgres://…`. The destination must hold no data (it is created and
// migrated if need be); the source may be serving, since it is read in one
// snapshot. Every row is copied in one transaction, then each table's rows
// are counted and compared on both sides.
func runCopy(ctx context.Context, args []string, c *cli) error {
	fs, _ := dbFlags("copy", func(string) string { return "" })
	from := fs.String("from", "", "store to copy: a SQLite file or a postgres:// address")
	to := fs.String("to", "", "empty store to copy into: a SQLite file or a postgres:// address")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return usagef("mingzhu copy: 需要 -from 和 -to both -from and -to are needed")
	}
	if *from == *to {
		return usagef("mingzhu copy: -from 与 -to 相同 -from and -to are the same store")
	}
	if err := mustExist(*from); err != nil {
		return fmt.Errorf("copy: -from: %w", err)
	}
	start := time.Now()
	res, err := data.CopyBetween(ctx, *from, *to)
	if err != nil {
		return err
	}
	for _, name := range res.Tables {
		c.log.Info("copied", "table", name, "rows", res.Rows[name])
	}
	c.log.Info("copy done: counts and rows match", "from", redact(*from), "to", redact(*to), "took", time.Since(start))
	return nil
}

// redact hides a password in a postgres:// address before it is logged.
func redact(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.User != nil {
		return u.Redacted()
	}
	return addr
}

// mustExist refuses a SQLite source file that is not there: data.Open
// would create an empty one, and a typo would copy (or export) nothing
// and report success.
func mustExist(addr string) error {
	if data.IsPostgres(addr) {
		return nil
	}
	if _, err := os.Stat(addr); err != nil {
		return fmt.Errorf("没有数据库 no database at %s: %w", addr, err)
	}
	return nil
}
