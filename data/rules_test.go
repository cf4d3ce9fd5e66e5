package data_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"mingzhu/booking"
)

// TestSQLiteRulesMigration: a database from before room rules gets, on
// opening, the default rules for every room, quiet nights for the music
// room and approval for the lecture room (as the seed gives a new site).
//
// SQLite only: it is an upgrade of a SQLite file made before migration
// 0006. PostgreSQL has no such past: its one migration (0001_init.sql)
// creates the rules column with the rest, so there is nothing to upgrade
// (TestMigrateTwice checks its migrations on both).
func TestSQLiteRulesMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db := open(t, path)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx booking.Tx) error {
		for _, id := range []string{"library", "music", "lecture"} {
			if err := tx.PutRoom(booking.Room{ID: id, Name: "室", NameEN: "Room", Capacity: 9}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE rooms DROP COLUMN rules`, `DELETE FROM migrations WHERE name LIKE '%0006_room_rules.sql'`} {
		if err := db.QueryRow(ctx, q).Scan(); !errors.Is(err, sql.ErrNoRows) {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db = open(t, path)
	var rooms []booking.Room
	if err := db.View(ctx, func(tx booking.Tx) (err error) { rooms, err = tx.Rooms(); return err }); err != nil {
		t.Fatal(err)
	}
	for _, r := range rooms {
		got := r.Rules
		if got.MaxAdvanceDays != 14 || got.MinMinutes != 30 || got.MaxMinutes != 240 || got.BufferMinutes != 0 || got.QuietHours == nil ||
			(len(got.QuietHours) == 1) != (r.ID == "music") || got.RequiresApproval != (r.ID == "lecture") {
			t.Errorf("%s: rules = %+v", r.ID, got)
		}
	}
	if len(rooms) != 3 || rooms[1].Rules.QuietHours[0] != (booking.QuietWindow{Start: "22:00", End: "07:00"}) {
		t.Fatalf("rooms = %+v", rooms)
	}
}
