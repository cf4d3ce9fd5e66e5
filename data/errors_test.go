package data_test

import (
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestErrorsTranslated: driver errors reach the domain as coded errors,
// and a failed Update leaves nothing behind.
func TestErrorsTranslated(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		u := &booking.User{ID: "u1", Username: "Alice", Name: "A", Role: booking.RoleResident, PasswordHash: "x", CreatedAt: time.Now()}
		update(t, db, func(tx booking.Tx) error { return tx.InsertUser(u) })
		err := db.Update(t.Context(), func(tx booking.Tx) error {
			if err := tx.PutRoom(booking.Room{ID: "music", Name: "器乐室", NameEN: "Music", Capacity: 5}); err != nil {
				return err
			}
			return tx.InsertUser(&booking.User{ID: "u2", Username: "alice", Name: "B", Role: booking.RoleResident, PasswordHash: "x"})
		})
		wantCode(t, "duplicate username (any case)", err, booking.ECONFLICT)
		err = db.View(t.Context(), func(tx booking.Tx) error { _, err := tx.Room("music"); return err })
		wantCode(t, "rolled-back room", err, booking.ENOTFOUND)
		err = db.View(t.Context(), func(tx booking.Tx) error { _, err := tx.UserByID("nobody"); return err })
		wantCode(t, "missing user", err, booking.ENOTFOUND)
	})
}
