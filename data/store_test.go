package data_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
	"mingzhu/tests/pgtest"
)

// The package's tests are one conformance suite of booking.Store, written
// once and run on each store kind as subtests ("sqlite", "postgres"):
// forEachStore gives every subtest a fresh, migrated store of its kind.
// The few tests about one database only (SQLite's upgrade path, query
// plans, raw SQL) say so and why, by name (SQLite..., Postgres...).
//
// PostgreSQL comes from tests/pgtest: a throwaway cluster for the test
// process, or MINGZHU_PG_URL's server, a schema per subtest. Its subtests
// skip only as the harness makes them (MINGZHU_PG=off, never under CI).

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// kinds are the stores every conformance test runs on, as data.DB.Kind
// names them.
var kinds = []string{"sqlite", "postgres"}

// newAddr is the address of a fresh, empty store of kind for this test: a
// new SQLite file in a temp folder, or a new PostgreSQL schema.
func newAddr(t testing.TB, kind string) string {
	t.Helper()
	switch kind {
	case "sqlite":
		return filepath.Join(t.TempDir(), "store.db")
	case "postgres":
		return pgtest.URL(t)
	}
	t.Fatalf("unknown store kind %q", kind)
	return ""
}

// forEachStore runs fn once per store kind, as subtests named by the kind,
// each on a fresh store; db.Addr opens the same store again (a second
// handle, as another instance or a restart would).
func forEachStore(t *testing.T, fn func(t *testing.T, db *data.DB)) {
	t.Helper()
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			db := open(t, newAddr(t, kind))
			if db.Kind() != kind {
				t.Fatalf("opened a %s store, want %s", db.Kind(), kind)
			}
			fn(t, db)
		})
	}
}

// open opens (creating and migrating) the store at addr, closed when the
// test ends (before pgtest drops its schema: cleanups run last first).
func open(t testing.TB, addr string) *data.DB {
	t.Helper()
	db, err := data.Open(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// update and view run fn and fail the test on an error.
func update(t testing.TB, db booking.Store, fn func(tx booking.Tx) error) {
	t.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func view(t testing.TB, db booking.Store, fn func(tx booking.Tx) error) {
	t.Helper()
	if err := db.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// wantCode checks that err has the domain code code.
func wantCode(t testing.TB, what string, err error, code string) {
	t.Helper()
	if got := booking.ErrorCode(err); got != code {
		t.Errorf("%s: %v (code %q), want %s", what, err, got, code)
	}
}

// day0 is the morning most tests book on: whole seconds, UTC.
var day0 = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// basics stores rooms r and r2 and user u, which most tests book with.
func basics(t testing.TB, db booking.Store) {
	t.Helper()
	update(t, db, func(tx booking.Tx) error {
		for _, id := range []string{"r", "r2"} {
			if err := tx.PutRoom(booking.Room{ID: id, Name: "室" + id, NameEN: "Room " + id, Capacity: 5}); err != nil {
				return err
			}
		}
		return tx.InsertUser(&booking.User{ID: "u", Username: "uuu", Name: "U", Role: booking.RoleResident,
			PasswordHash: "x", CreatedAt: day0})
	})
}

// bk is a booking of user u in room from hour h for n hours after day0.
func bk(id, room string, h, n float64, status string) *booking.Booking {
	s := day0.Add(time.Duration(h * float64(time.Hour)))
	return &booking.Booking{ID: id, Room: room, Start: s, End: s.Add(time.Duration(n * float64(time.Hour))), Title: id,
		Attendees: 1, Status: status, UserID: "u", CreatedAt: day0}
}

func bookingIDs(bs []booking.Booking) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.ID)
	}
	return out
}
