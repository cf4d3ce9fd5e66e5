package data_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestShared: a SQLite file is one process's store; PostgreSQL is shared
// by instances, which must then read the change log (booking.SharedStore).
func TestShared(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		if want := db.Kind() == "postgres"; db.Shared() != want {
			t.Errorf("Shared() = %v on %s, want %v", db.Shared(), db.Kind(), want)
		}
	})
}

// changes reads the log after mark, outside a transaction, failing the
// test on an error.
func changes(t testing.TB, db *data.DB, mark int64) booking.Changes {
	t.Helper()
	ch, err := db.ChangesSince(t.Context(), mark)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func record(t testing.TB, db *data.DB, keys ...string) {
	t.Helper()
	update(t, db, func(tx booking.Tx) error { return tx.RecordChange(keys) })
}

// TestChangeLog: records come back after the mark they were written
// after, in commit order, both outside a transaction and inside one; a
// negative mark gives only the head; an empty record is none; a
// rolled-back transaction's records never appear, before or after later
// ones commit.
func TestChangeLog(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		if ch := changes(t, db, -1); ch.Next != 0 || ch.Keys != nil || ch.All {
			t.Fatalf("head of an empty log: %+v", ch)
		}
		if ch := changes(t, db, 0); ch.Next != 0 || ch.Keys != nil || ch.All {
			t.Fatalf("an empty log: %+v", ch)
		}
		record(t, db, "rooms", "bookings:r")
		mark := changes(t, db, -1).Next
		if mark <= 0 {
			t.Fatalf("head after one record: %d", mark)
		}
		record(t, db, "users")
		record(t, db)                             // nothing changed: no record
		update(t, db, func(tx booking.Tx) error { // two records in one write
			if err := tx.RecordChange([]string{"series:s1", "series:s1"}); err != nil {
				return err
			}
			return tx.RecordChange([]string{booking.AllKeys})
		})
		want := []string{"users", "series:s1", "series:s1", booking.AllKeys}
		ch := changes(t, db, mark)
		if !slices.Equal(ch.Keys, want) || ch.All || ch.Next <= mark {
			t.Fatalf("since %d: %+v, want keys %v", mark, ch, want)
		}
		head := ch.Next
		if got := changes(t, db, -1); got.Next != head || got.Keys != nil || got.All {
			t.Errorf("head: %+v, want Next %d only", got, head)
		}
		if got := changes(t, db, head); got.Next != head || got.Keys != nil || got.All {
			t.Errorf("since the head: %+v", got)
		}
		if got := changes(t, db, 0); !slices.Equal(got.Keys, append([]string{"rooms", "bookings:r"}, want...)) || got.Next != head {
			t.Errorf("since 0: %+v", got)
		}
		// The same inside transactions, read and write.
		view(t, db, func(tx booking.Tx) error {
			got, err := tx.ChangesSince(mark)
			if err != nil || !slices.Equal(got.Keys, want) || got.Next != head {
				t.Errorf("in a View since %d: %+v, %v", mark, got, err)
			}
			got, err = tx.ChangesSince(-1)
			if err != nil || got.Next != head || got.Keys != nil {
				t.Errorf("in a View, the head: %+v, %v", got, err)
			}
			return nil
		})
		update(t, db, func(tx booking.Tx) error {
			if err := tx.RecordChange([]string{"own"}); err != nil {
				return err
			}
			got, err := tx.ChangesSince(head)
			if err != nil || !slices.Equal(got.Keys, []string{"own"}) {
				t.Errorf("in an Update, its own record: %+v, %v", got, err)
			}
			return err
		})
		head = changes(t, db, -1).Next
		// A rolled-back record never appears.
		stop := fmt.Errorf("stop")
		if err := db.Update(t.Context(), func(tx booking.Tx) error {
			if err := tx.RecordChange([]string{"ghost"}); err != nil {
				return err
			}
			return stop
		}); err != stop {
			t.Fatalf("rolled back: %v", err)
		}
		if got := changes(t, db, head); got.Keys != nil || got.Next != head {
			t.Errorf("after a rollback: %+v", got)
		}
		record(t, db, "after")
		if got := changes(t, db, head); !slices.Equal(got.Keys, []string{"after"}) || got.All {
			t.Errorf("after a rollback and a commit: %+v", got)
		}
	})
}

// TestChangeLogPruned: every keepChanges-th record (10,000: data/changes.go)
// prunes the records more than that behind it, so the 20,000th is the
// first to remove any (ids 1 to 10,000). A mark older than the pruned ids
// then gets All (everything may have changed) with the records that are
// left; a mark at or after them gets exactly the records after it.
// Written in one transaction, which is the same path as one each.
func TestChangeLogPruned(t *testing.T) {
	const n = 20000
	forEachStore(t, func(t *testing.T, db *data.DB) {
		update(t, db, func(tx booking.Tx) error {
			for i := 1; i <= n; i++ {
				if err := tx.RecordChange([]string{fmt.Sprint(i)}); err != nil {
					return err
				}
			}
			return nil
		})
		counts, err := db.Counts(t.Context())
		if err != nil || counts["changes"] != n/2 {
			t.Fatalf("records kept: %d, want %d (%v)", counts["changes"], n/2, err)
		}
		for _, tc := range []struct {
			mark  int64
			all   bool
			first int // the first key returned
		}{{0, true, n/2 + 1}, {1, true, n/2 + 1}, {n/2 - 1, true, n/2 + 1}, {n / 2, false, n/2 + 1}, {n/2 + 1, false, n/2 + 2}, {n - 1, false, n}} {
			ch := changes(t, db, tc.mark)
			if ch.All != tc.all || ch.Next != n || len(ch.Keys) != n-tc.first+1 || ch.Keys[0] != fmt.Sprint(tc.first) || ch.Keys[len(ch.Keys)-1] != fmt.Sprint(n) {
				t.Errorf("since %d: All %v, Next %d, %d keys from %v; want All %v, Next %d, keys %d..%d",
					tc.mark, ch.All, ch.Next, len(ch.Keys), ch.Keys[:min(1, len(ch.Keys))], tc.all, n, tc.first, n)
			}
		}
		if ch := changes(t, db, n); ch.All || ch.Keys != nil || ch.Next != n {
			t.Errorf("since the head: %+v", ch)
		}
		if ch := changes(t, db, -1); ch.All || ch.Keys != nil || ch.Next != n {
			t.Errorf("the head: %+v", ch)
		}
	})
}

// TestChangeLogCommitOrder: with writers on two handles of one store (two
// instances), a reader that polls the log and moves its mark to each
// answer's Next misses no record and sees none twice: a record's id is
// its commit order, so none commits behind a mark already handed out.
// (Ids from a sequence without the writer lock could commit out of
// order, and a poller would skip the late one for ever.)
func TestChangeLogCommitOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		other := open(t, db.Addr)
		const writers, each = 8, 25
		done := make(chan struct{})
		var seen []string
		var pollErr error
		var polled sync.WaitGroup
		polled.Add(1)
		go func() {
			defer polled.Done()
			mark := int64(0)
			for stop := false; !stop; {
				select {
				case <-done:
					stop = true // one more poll after the last commit
				default:
				}
				ch, err := db.ChangesSince(t.Context(), mark)
				if err != nil {
					pollErr = err
					return
				}
				if ch.All {
					pollErr = fmt.Errorf("All after mark %d", mark)
					return
				}
				seen = append(seen, ch.Keys...)
				mark = ch.Next
			}
		}()
		var wg sync.WaitGroup
		for w := range writers {
			h := []*data.DB{db, other}[w%2]
			wg.Go(func() {
				for i := range each {
					if err := h.Update(t.Context(), func(tx booking.Tx) error {
						return tx.RecordChange([]string{fmt.Sprintf("w%d-%d", w, i)})
					}); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		close(done)
		polled.Wait()
		if pollErr != nil {
			t.Fatal(pollErr)
		}
		all := changes(t, db, 0).Keys
		if len(all) != writers*each {
			t.Fatalf("%d records, want %d", len(all), writers*each)
		}
		if !slices.Equal(seen, all) {
			t.Errorf("the poller saw %d records, the log holds %d: it missed or repeated some", len(seen), len(all))
		}
	})
}

// TestChangeLogForeignMark: a mark beyond the log's head cannot be this
// log's (it is another store's, or this store was restored from an older
// copy), so, as booking.Changes documents ("the mark is from another
// store"), the answer is All, with the head as Next; a reader that kept
// the foreign mark would otherwise skip every record up to it.
func TestChangeLogForeignMark(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		record(t, db, "a")
		record(t, db, "b")
		head := changes(t, db, -1).Next
		ch := changes(t, db, head+100)
		if !ch.All || ch.Next != head {
			t.Errorf("since %d, beyond the head %d: %+v, want All with Next %d", head+100, head, ch, head)
		}
	})
}
