package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// adminCommands are the operator's tools; each works on a database file.
var adminCommands = map[string]func(ctx context.Context, args []string, c *cli) error{
	"backup":  runBackup,
	"restore": runRestore,
	"export":  runExport,
	"import":  runImport,
	"passwd":  runPasswd,
	"copy":    runCopy,
}

// dbFlags declares the -db flag every admin command shares.
func dbFlags(name string, getenv func(string) string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("mingzhu "+name, flag.ContinueOnError)
	def := "./mingzhu.db"
	if v := getenv("MINGZHU_DB"); v != "" {
		def = v
	}
	return fs, fs.String("db", def, "store: a SQLite file, or a postgres:// address (env MINGZHU_DB)")
}

// siteService is the service over store in the site zone: series keep
// their wall-clock times in it, so export and import must use the zone
// the service runs in.
func siteService(store booking.Store, tz string) (*booking.Service, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("-tz: %w", err)
	}
	return booking.New(booking.Config{Store: store, Loc: loc}), nil
}

// runBackup copies a live database consistently: safe while serving.
func runBackup(ctx context.Context, args []string, c *cli) error {
	fs, db := dbFlags("backup", c.getenv)
	out := fs.String("o", "", "backup file to write (must not exist)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("mingzhu backup: 缺少 -o FILE missing -o FILE")
	}
	start := time.Now()
	if err := data.Backup(ctx, *db, *out); err != nil {
		return err
	}
	c.log.Info("backup written and checked", "db", redact(*db), "file", *out, "took", time.Since(start))
	return nil
}

// runRestore puts a backup in place; the service must be stopped first.
func runRestore(ctx context.Context, args []string, c *cli) error {
	fs, db := dbFlags("restore", c.getenv)
	in := fs.String("i", "", "backup file to restore")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *in == "" {
		return usagef("mingzhu restore: 缺少 -i FILE missing -i FILE")
	}
	if err := data.Restore(ctx, *in, *db); err != nil {
		return err
	}
	c.log.Info("restored", "from", *in, "db", *db)
	return nil
}

// runExport writes everything as JSON (no password hashes).
func runExport(ctx context.Context, args []string, c *cli) error {
	fs, db := dbFlags("export", c.getenv)
	out := fs.String("o", "-", "JSON file to write, - for standard output")
	tz := fs.String("tz", "Asia/Shanghai", "site time zone (IANA), as the service runs with")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if err := mustExist(*db); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	store, err := data.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	svc, err := siteService(store, *tz)
	if err != nil {
		return err
	}
	snap, err := svc.Export(ctx)
	if err != nil {
		return err
	}
	w := c.stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(snap); err != nil {
		return err
	}
	c.log.Info("exported", "db", *db, "rooms", len(snap.Rooms), "users", len(snap.Users), "series", len(snap.Series), "bookings", len(snap.Bookings))
	return nil
}

// runImport loads a JSON export into a new, empty database and prints the
// accounts' new passwords once.
func runImport(ctx context.Context, args []string, c *cli) error {
	fs, db := dbFlags("import", c.getenv)
	in := fs.String("i", "", "JSON export to load")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *in == "" {
		return usagef("mingzhu import: 缺少 -i FILE missing -i FILE")
	}
	raw, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	var snap booking.Snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return fmt.Errorf("import: %s: %w", *in, err)
	}
	store, err := data.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	svc, err := siteService(store, snap.Zone)
	if err != nil {
		return err
	}
	creds, err := svc.ImportSnapshot(ctx, &snap)
	if err != nil {
		return err
	}
	for _, cred := range creds {
		c.log.Info("imported account; new password shown only once", "username", cred.Username, "role", cred.Role, "password", cred.Password)
	}
	c.log.Info("imported", "db", *db, "rooms", len(snap.Rooms), "series", len(snap.Series), "bookings", len(snap.Bookings))
	return nil
}
