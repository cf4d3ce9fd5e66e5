package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// adminCommands are the operator's tools; each works on a database file.
var adminCommands = map[string]func(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error{
	"backup":  runBackup,
	"restore": runRestore,
	"export":  runExport,
	"import":  runImport,
}

// dbFlags declares the -db flag every admin command shares.
func dbFlags(name string, getenv func(string) string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("mingzhu "+name, flag.ContinueOnError)
	def := "./mingzhu.db"
	if v := getenv("MINGZHU_DB"); v != "" {
		def = v
	}
	return fs, fs.String("db", def, "SQLite database file (env MINGZHU_DB)")
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
func runBackup(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error {
	fs, db := dbFlags("backup", getenv)
	out := fs.String("o", "", "backup file to write (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: -o FILE is required")
	}
	start := time.Now()
	if err := data.Backup(ctx, *db, *out); err != nil {
		return err
	}
	log.Info("backup written and checked", "db", *db, "file", *out, "took", time.Since(start))
	return nil
}

// runRestore puts a backup in place; the service must be stopped first.
func runRestore(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error {
	fs, db := dbFlags("restore", getenv)
	in := fs.String("i", "", "backup file to restore")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" {
		return errors.New("restore: -i FILE is required")
	}
	if err := data.Restore(ctx, *in, *db); err != nil {
		return err
	}
	log.Info("restored", "from", *in, "db", *db)
	return nil
}

// runExport writes everything as JSON (no password hashes).
func runExport(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error {
	fs, db := dbFlags("export", getenv)
	out := fs.String("o", "-", "JSON file to write, - for standard output")
	tz := fs.String("tz", "Asia/Shanghai", "site time zone (IANA), as the service runs with")
	if err := fs.Parse(args); err != nil {
		return err
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
	w := os.Stdout
	if *out != "-" {
		if w, err = os.Create(*out); err != nil {
			return err
		}
		defer w.Close()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(snap); err != nil {
		return err
	}
	log.Info("exported", "db", *db, "rooms", len(snap.Rooms), "users", len(snap.Users), "series", len(snap.Series), "bookings", len(snap.Bookings))
	return nil
}

// runImport loads a JSON export into a new, empty database and prints the
// accounts' new passwords once.
func runImport(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error {
	fs, db := dbFlags("import", getenv)
	in := fs.String("i", "", "JSON export to load")
	if err := fs.Parse(args); err != nil {
		return err
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
	for _, c := range creds {
		log.Info("imported account; new password shown only once", "username", c.Username, "role", c.Role, "password", c.Password)
	}
	log.Info("imported", "db", *db, "rooms", len(snap.Rooms), "series", len(snap.Series), "bookings", len(snap.Bookings))
	return nil
}
