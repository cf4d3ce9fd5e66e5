package data_test

import (
	"context"
	"slices"
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
