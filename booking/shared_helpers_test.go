package booking_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// sharedDB is the real SQLite store, only declared shared: its change
// log is read in a read transaction, as a store several processes open
// (PostgreSQL) reads it outside one.
type sharedDB struct{ *data.DB }

// Shared implements booking.SharedStore: this file is declared shared.
func (d sharedDB) Shared() bool { return true }

// ChangesSince implements booking.SharedStore.
func (d sharedDB) ChangesSince(ctx context.Context, mark int64) (ch booking.Changes, err error) {
	err = d.View(ctx, func(tx booking.Tx) error {
		ch, err = tx.ChangesSince(mark)
		return err
	})
	return ch, err
}

// instances are two Services over one SQLite file, each with its own
// connections (data.Open twice), as two processes behind a load
// balancer would be, on one clock the test moves.
type instances struct {
	a, b     *booking.Service
	dbA, dbB *data.DB
	clk      *testClock
	admin    *booking.User
	path     string
}

// twoInstances opens the file twice, seeds it with kind through a, and
// logs the admin in through a.
func twoInstances(tb testing.TB, kind string) *instances {
	tb.Helper()
	in := &instances{path: filepath.Join(tb.TempDir(), "shared.db"),
		clk: &testClock{t: time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)}}
	in.dbA, in.dbB = openDB(tb, in.path), openDB(tb, in.path)
	in.a, in.b = in.service(sharedDB{in.dbA}), in.service(sharedDB{in.dbB})
	ctx := context.Background()
	seed, err := data.Seed(kind)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := in.a.Bootstrap(ctx, seed, "test-admin-pass"); err != nil {
		tb.Fatal(err)
	}
	sess, err := in.a.Login(ctx, booking.Client{}, "admin", "test-admin-pass")
	if err != nil {
		tb.Fatal(err)
	}
	in.admin = sess.User
	return in
}

// service is one instance over store, on the shared clock.
func (in *instances) service(store booking.Store) *booking.Service {
	return booking.New(booking.Config{Store: store, Loc: shanghai, Now: in.clk.now, PasswordCost: bcrypt.MinCost})
}

// openDB opens the file at path, closed when the test ends.
func openDB(tb testing.TB, path string) *data.DB {
	tb.Helper()
	db, err := data.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// bookingsIn counts the one-off bookings svc lists for q.
func bookingsIn(tb testing.TB, svc *booking.Service, q booking.OccurrenceQuery) int {
	tb.Helper()
	occ, err := svc.Occurrences(context.Background(), nil, q)
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for _, o := range occ {
		if o.Kind == booking.KindBooking {
			n++
		}
	}
	return n
}
