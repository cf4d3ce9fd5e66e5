package data_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestRevision: each write transaction that writes bookings or series
// raises the counter once and stamps its rows; ChangedFrom selects exactly
// the rows written from a revision on; and a read transaction keeps the
// revision (and the rows) of its snapshot while a writer commits — the
// import's re-check relies on all three.
func TestRevision(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		base := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		mk := func(id string, h int) *booking.Booking {
			return &booking.Booking{ID: id, Room: "r", Start: base.Add(time.Duration(h) * time.Hour), End: base.Add(time.Duration(h+1) * time.Hour),
				Title: id, Attendees: 1, Status: booking.StatusConfirmed, UserID: "u", CreatedAt: base}
		}
		write := func(fn func(tx booking.Tx) error) {
			t.Helper()
			if err := db.Update(ctx, fn); err != nil {
				t.Fatal(err)
			}
		}
		revision := func(tx booking.Tx) int64 {
			t.Helper()
			n, err := tx.Revision()
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		write(func(tx booking.Tx) error {
			if err := tx.PutRoom(booking.Room{ID: "r", Name: "R", NameEN: "R", Capacity: 5}); err != nil {
				return err
			}
			return tx.InsertUser(&booking.User{ID: "u", Username: "uuu", Name: "U", Role: booking.RoleResident, PasswordHash: "x"})
		})
		var start int64
		db.View(ctx, func(tx booking.Tx) error { start = revision(tx); return nil })
		write(func(tx booking.Tx) error { // one transaction, two bookings: one revision
			if err := tx.InsertBooking(mk("a", 0)); err != nil {
				return err
			}
			return tx.InsertBooking(mk("b", 2))
		})
		// A snapshot taken now keeps its revision while c is written and a
		// cancelled.
		snap := make(chan int64)
		release := make(chan struct{})
		done := make(chan error)
		go func() {
			done <- db.View(ctx, func(tx booking.Tx) error {
				n, err := tx.Revision() // the snapshot begins here
				snap <- n
				<-release
				if again, err2 := tx.Revision(); err != nil || err2 != nil || again != n {
					t.Errorf("revision moved inside a snapshot: %d then %d (%v, %v)", n, again, err, err2)
				}
				bs, err := tx.Bookings(booking.BookingFilter{Room: "r", Holding: true})
				if err != nil || len(bs) != 2 {
					t.Errorf("snapshot sees %d confirmed bookings, want 2 (%v)", len(bs), err)
				}
				return err
			})
		}()
		seen := <-snap
		write(func(tx booking.Tx) error {
			if err := tx.InsertBooking(mk("c", 4)); err != nil {
				return err
			}
			return tx.SetBookingStatus("a", booking.StatusCancelled, base)
		})
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if seen != start+1 {
			t.Fatalf("snapshot revision %d, want %d", seen, start+1)
		}
		changed := func(from int64, confirmed bool) []string {
			t.Helper()
			var ids []string
			db.View(ctx, func(tx booking.Tx) error {
				bs, err := tx.Bookings(booking.BookingFilter{Room: "r", ChangedFrom: from, Holding: confirmed})
				if err != nil {
					t.Fatal(err)
				}
				for _, b := range bs {
					ids = append(ids, b.ID)
				}
				return nil
			})
			slices.Sort(ids)
			return ids
		}
		if got := changed(seen+1, false); !slices.Equal(got, []string{"a", "c"}) {
			t.Fatalf("changed since the snapshot: %v, want [a c]", got)
		}
		if got := changed(seen+1, true); !slices.Equal(got, []string{"c"}) {
			t.Fatalf("confirmed and changed since the snapshot: %v, want [c]", got)
		}
		if got := changed(seen+2, false); len(got) != 0 {
			t.Fatalf("changed after the last write: %v", got)
		}
		// Series: stamped on insert and on update.
		se := &booking.Series{ID: "s", Team: "t", Title: "S", CreatedBy: "u", CreatedAt: base, UpdatedAt: base,
			Parts: []booking.Part{{Room: "r", Start: base, End: base.Add(time.Hour), RRule: "FREQ=WEEKLY", FirstStart: base}}}
		write(func(tx booking.Tx) error {
			if err := tx.InsertTeam(&booking.Team{ID: "t", Name: "T", NameEN: "T"}); err != nil {
				return err
			}
			return tx.InsertSeries(se)
		})
		var afterInsert int64
		db.View(ctx, func(tx booking.Tx) error { afterInsert = revision(tx); return nil })
		seriesFrom := func(from int64) int {
			t.Helper()
			var n int
			db.View(ctx, func(tx booking.Tx) error {
				list, err := tx.SeriesList(booking.SeriesFilter{Room: "r", ChangedFrom: from})
				if err != nil {
					t.Fatal(err)
				}
				n = len(list)
				return nil
			})
			return n
		}
		if seriesFrom(afterInsert) != 1 || seriesFrom(afterInsert+1) != 0 {
			t.Fatalf("inserted series at revision %d: %d, %d", afterInsert, seriesFrom(afterInsert), seriesFrom(afterInsert+1))
		}
		se.Title, se.Sequence = "S2", 1
		write(func(tx booking.Tx) error { return tx.UpdateSeries(se) })
		if seriesFrom(afterInsert+1) != 1 {
			t.Fatal("an updated series is not stamped")
		}
	})
}

// revisionOf reads the counter in a View.
func revisionOf(t testing.TB, db booking.Store) int64 {
	t.Helper()
	var n int64
	view(t, db, func(tx booking.Tx) (err error) { n, err = tx.Revision(); return err })
	return n
}

// changedFrom lists, sorted, the bookings written at revision from or later.
func changedFrom(t testing.TB, db booking.Store, from int64) []string {
	t.Helper()
	var ids []string
	view(t, db, func(tx booking.Tx) error {
		bs, err := tx.Bookings(booking.BookingFilter{ChangedFrom: from})
		ids = bookingIDs(bs)
		return err
	})
	slices.Sort(ids)
	return ids
}

// TestRevisionOncePerWrite: the counter rises by one for each committed
// write transaction that writes bookings or series, however many it
// writes, and not for one that writes neither or rolls back; ChangedFrom
// finds exactly the bookings each write touched.
func TestRevisionOncePerWrite(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		c := booking.StatusConfirmed
		base := revisionOf(t, db)
		steps := []struct {
			name  string
			write func(tx booking.Tx) error
			rises bool
			ids   []string // what ChangedFrom this revision finds
		}{
			{"one booking", func(tx booking.Tx) error { return tx.InsertBooking(bk("a", "r", 1, 1, c)) }, true, []string{"a"}},
			{"rooms and users only", func(tx booking.Tx) error {
				if err := tx.PutRoom(booking.Room{ID: "r3", Name: "3", NameEN: "3", Capacity: 1}); err != nil {
					return err
				}
				return tx.InsertTeam(&booking.Team{ID: "t", Name: "T", NameEN: "T", CreatedAt: day0})
			}, false, nil},
			{"three bookings, a status and a series", func(tx booking.Tx) error {
				for _, b := range []*booking.Booking{bk("b", "r", 2, 1, c), bk("c", "r", 3, 1, c), bk("d", "r2", 1, 1, c)} {
					if err := tx.InsertBooking(b); err != nil {
						return err
					}
				}
				if err := tx.SetBookingStatus("a", booking.StatusCancelled, day0); err != nil {
					return err
				}
				return tx.InsertSeries(&booking.Series{ID: "s", Team: "t", Title: "S", CreatedBy: "u", CreatedAt: day0, UpdatedAt: day0,
					Parts: []booking.Part{{Room: "r", Start: day0, End: day0.Add(time.Hour), RRule: "FREQ=WEEKLY", FirstStart: day0}}})
			}, true, []string{"a", "b", "c", "d"}},
			{"rolled back", func(tx booking.Tx) error {
				if err := tx.InsertBooking(bk("ghost", "r", 5, 1, c)); err != nil {
					return err
				}
				return errors.New("roll back")
			}, false, nil},
			{"a state", func(tx booking.Tx) error {
				b, err := tx.Booking("b")
				if err != nil {
					return err
				}
				b.Status, b.Reason = booking.StatusNoShow, "没来"
				return tx.SetBookingState(b, day0)
			}, true, []string{"b"}},
			{"a series update", func(tx booking.Tx) error {
				s, err := tx.Series("s")
				if err != nil {
					return err
				}
				s.Title, s.Sequence = "S2", 1
				return tx.UpdateSeries(s)
			}, true, nil},
		}
		rev := base
		for _, st := range steps {
			if err := db.Update(t.Context(), st.write); (err != nil) != (st.name == "rolled back") {
				t.Fatalf("%s: %v", st.name, err)
			}
			got := revisionOf(t, db)
			if st.rises {
				rev++
			}
			if got != rev {
				t.Fatalf("after %s: revision %d, want %d", st.name, got, rev)
			}
			if st.rises {
				if ids := changedFrom(t, db, rev); !slices.Equal(ids, st.ids) {
					t.Errorf("after %s: ChangedFrom %d = %v, want %v", st.name, rev, ids, st.ids)
				}
				if ids := changedFrom(t, db, rev+1); ids != nil {
					t.Errorf("after %s: ChangedFrom %d = %v, want none", st.name, rev+1, ids)
				}
			}
		}
		if ids := changedFrom(t, db, base+1); !slices.Equal(ids, []string{"a", "b", "c", "d"}) {
			t.Errorf("ChangedFrom %d = %v", base+1, ids)
		}
		var series []*booking.Series
		view(t, db, func(tx booking.Tx) (err error) {
			series, err = tx.SeriesList(booking.SeriesFilter{ChangedFrom: rev})
			return err
		})
		if len(series) != 1 || series[0].Title != "S2" {
			t.Errorf("series changed at %d: %+v", rev, series)
		}
	})
}

// TestRevisionCommitOrder: with writers on two handles of one store, each
// write one booking, every snapshot sees the writes of revisions 1 to its
// own and none after, so a later write's ChangedFrom (its revision + 1)
// finds exactly what the snapshot did not see: the import's re-check.
func TestRevisionCommitOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		other := open(t, db.Addr)
		const writers, each = 6, 15
		type snapshot struct {
			rev int64
			ids []string
		}
		var snaps []snapshot
		done := make(chan struct{})
		var readers sync.WaitGroup
		readers.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				var s snapshot
				if err := other.View(t.Context(), func(tx booking.Tx) error {
					var err error
					if s.rev, err = tx.Revision(); err != nil {
						return err
					}
					bs, err := tx.Bookings(booking.BookingFilter{})
					s.ids = bookingIDs(bs)
					if n := int64(len(bs)); err == nil && n != s.rev {
						t.Errorf("a snapshot at revision %d holds %d bookings", s.rev, n)
					}
					return err
				}); err != nil {
					t.Error(err)
					return
				}
				slices.Sort(s.ids)
				if len(snaps) == 0 || snaps[len(snaps)-1].rev != s.rev { // one per revision is enough
					snaps = append(snaps, s)
				}
			}
		})
		var wg sync.WaitGroup
		for w := range writers {
			h := []*data.DB{db, other}[w%2]
			wg.Go(func() {
				for i := range each {
					b := bk(fmt.Sprintf("w%d-%02d", w, i), "r", float64(w*each+i), 1, booking.StatusConfirmed)
					if err := h.Update(t.Context(), func(tx booking.Tx) error { return tx.InsertBooking(b) }); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		close(done)
		readers.Wait()
		final := revisionOf(t, db)
		if final != writers*each {
			t.Fatalf("revision %d after %d writes", final, writers*each)
		}
		all := changedFrom(t, db, 1)
		for r := int64(1); r <= final; r++ {
			if n := len(changedFrom(t, db, r)); n != int(final-r+1) {
				t.Fatalf("ChangedFrom %d finds %d bookings, want %d: revisions are not one per write", r, n, final-r+1)
			}
		}
		if len(snaps) < 3 {
			t.Logf("only %d snapshots taken", len(snaps))
		}
		for _, s := range snaps {
			since := changedFrom(t, db, s.rev+1)
			union := slices.Concat(s.ids, since)
			slices.Sort(union)
			if !slices.Equal(union, all) || len(s.ids)+len(since) != len(all) {
				t.Fatalf("snapshot at %d saw %d bookings, ChangedFrom %d finds %d, of %d", s.rev, len(s.ids), s.rev+1, len(since), len(all))
			}
		}
	})
}
