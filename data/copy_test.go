package data_test

import (
	"context"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

var fillTokens = []string{"tok1", "tok2"}

// fingerprint fails the test on an error.
func fingerprint(t testing.TB, db *data.DB) string {
	t.Helper()
	f, err := db.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// copyInto copies src into dst, checking what Copy reports.
func copyInto(t *testing.T, src, dst *data.DB) {
	t.Helper()
	want, err := src.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	res, err := data.Copy(t.Context(), src, dst)
	if err != nil {
		t.Fatalf("copy %s into %s: %v", src.Kind(), dst.Kind(), err)
	}
	for name, n := range want {
		if res.Rows[name] != n {
			t.Errorf("copy %s into %s: %s has %d rows, want %d", src.Kind(), dst.Kind(), name, res.Rows[name], n)
		}
	}
}

// TestCopyBetweenKinds: a SQLite store holding every kind of row, copied
// into PostgreSQL and from there into a new SQLite file, keeps its
// Fingerprint at every step, and every domain read answers the same on
// all three; a copy into a store that holds anything fails and changes
// nothing; and after a copy into PostgreSQL, new audit lines, change
// records and users come after the copied ones (its identity sequences
// moved past the copied ids).
func TestCopyBetweenKinds(t *testing.T) {
	src := open(t, newAddr(t, "sqlite"))
	update(t, src, func(tx booking.Tx) error { return fill(tx, "") })
	update(t, src, func(tx booking.Tx) error { // a second revision, and a change record written later
		if err := tx.SetBookingStatus("b-pending", booking.StatusConfirmed, day0); err != nil {
			return err
		}
		return tx.RecordChange([]string{"bookings:hall"})
	})
	pg := open(t, newAddr(t, "postgres"))
	back := open(t, newAddr(t, "sqlite"))

	print := fingerprint(t, src)
	want := readAll(t, src, fillTokens...)
	if len(want.Bookings) != 7 || len(want.Series) != 2 || len(want.Audit) != 3 || len(want.Changes.Keys) != 4 || want.Revision != 2 {
		t.Fatalf("the source is not as filled: %+v", want)
	}
	copyInto(t, src, pg)
	if got := fingerprint(t, pg); got != print {
		t.Fatalf("PostgreSQL's fingerprint after the copy:\n%s\nwant\n%s", got, print)
	}
	sameReads(t, "sqlite → postgres", readAll(t, pg, fillTokens...), want)
	copyInto(t, pg, back)
	if got := fingerprint(t, back); got != print {
		t.Fatalf("the SQLite copy's fingerprint:\n%s\nwant\n%s", got, print)
	}
	sameReads(t, "sqlite → postgres → sqlite", readAll(t, back, fillTokens...), want)

	// Into a store that holds anything: refused, nothing changed.
	for _, tc := range []struct {
		name     string
		src, dst *data.DB
	}{{"sqlite into filled postgres", src, pg}, {"postgres into filled sqlite", pg, back}, {"sqlite into itself", src, src}} {
		before := fingerprint(t, tc.dst)
		if _, err := data.Copy(t.Context(), tc.src, tc.dst); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
		if after := fingerprint(t, tc.dst); after != before {
			t.Errorf("%s: the destination changed", tc.name)
		}
	}
	for _, kind := range kinds {
		dst := open(t, newAddr(t, kind))
		update(t, dst, func(tx booking.Tx) error { return tx.RecordChange([]string{"only this"}) })
		before := fingerprint(t, dst)
		if _, err := data.Copy(t.Context(), src, dst); err == nil {
			t.Errorf("into a %s store with one change record: no error", kind)
		}
		if after := fingerprint(t, dst); after != before {
			t.Errorf("into a %s store with one change record: it changed", kind)
		}
	}

	// New rows after the copied ones, in both copies.
	for _, db := range []*data.DB{pg, back} {
		head := changes(t, db, -1).Next
		var audit booking.AuditEntry
		update(t, db, func(tx booking.Tx) error {
			audit = booking.AuditEntry{At: day0, Entity: booking.AuditUser, EntityID: "late", Action: "create"}
			if err := tx.InsertAudit(&audit); err != nil {
				return err
			}
			if err := tx.RecordChange([]string{"users"}); err != nil {
				return err
			}
			// Made in the same second as the copied leader and resident.
			return tx.InsertUser(&booking.User{ID: "late", Username: "late", Name: "后来", Role: booking.RoleResident,
				PasswordHash: "x", CreatedAt: day0.Add(-24 * time.Hour)})
		})
		if audit.ID <= want.Audit[0].ID {
			t.Errorf("%s: a new audit line has id %d, not after the copied %d", db.Kind(), audit.ID, want.Audit[0].ID)
		}
		if ch := changes(t, db, head); len(ch.Keys) != 1 || ch.Keys[0] != "users" || ch.Next <= head || ch.All {
			t.Errorf("%s: a new change record after the copied head %d: %+v", db.Kind(), head, ch)
		}
		var found []booking.User
		view(t, db, func(tx booking.Tx) (err error) {
			found, err = tx.FindUsers(booking.UserFilter{Limit: 10})
			return err
		})
		if got := ids(found); len(got) != 4 || got[1] != "zleader" || got[2] != "aresident" || got[3] != "late" {
			t.Errorf("%s: users by age, then by order made: %v", db.Kind(), got)
		}
	}
}
