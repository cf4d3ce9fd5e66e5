package data_test

import (
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// The check-then-insert race: 16 writers, each on one of two handles of
// one store (two instances), check that nobody has booked anything in the
// evening [18:00, 22:00) and, if not, book a quarter of an hour of it of
// their own. The writers' slots differ, so no constraint of the store can
// refuse the second one: only serialised writes make exactly one win.
const racers = 16

func raceSlot(i int) *booking.Booking {
	return bk(fmt.Sprintf("racer-%02d", i), "r", 18+float64(i)/4, 0.25, booking.StatusConfirmed)
}

var evening = booking.BookingFilter{From: day0.Add(18 * time.Hour), To: day0.Add(22 * time.Hour), Holding: true}

// TestWritesSerialisedAcrossHandles: the check and the insert inside one
// Update cannot be interleaved with another handle's (SQLite: BEGIN
// IMMEDIATE on the file; PostgreSQL: the advisory writer lock), so exactly
// one racer books. The controls below show the same race without that
// serialisation books many, so this test would catch its loss.
func TestWritesSerialisedAcrossHandles(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		handles := []*data.DB{db, open(t, db.Addr)}
		start := make(chan struct{})
		var won atomic.Int32
		var wg sync.WaitGroup
		for i := range racers {
			h := handles[i%2]
			wg.Go(func() {
				<-start
				err := h.Update(t.Context(), func(tx booking.Tx) error {
					taken, err := tx.Bookings(evening)
					if err != nil || len(taken) > 0 {
						return err
					}
					time.Sleep(10 * time.Millisecond) // room for another writer to slip in, were it let
					if err := tx.InsertBooking(raceSlot(i)); err != nil {
						return err
					}
					won.Add(1)
					return nil
				})
				if err != nil {
					t.Errorf("racer %d: %v", i, err)
				}
			})
		}
		close(start)
		wg.Wait()
		var n int
		view(t, db, func(tx booking.Tx) error { bs, err := tx.Bookings(evening); n = len(bs); return err })
		if won.Load() != 1 || n != 1 {
			t.Fatalf("%d racers booked, %d bookings stored; want exactly one", won.Load(), n)
		}
	})
}

// TestCheckThenInsertRacesWithoutSerialisation is the control: the same
// check in a View and the insert in a separate Update, with every racer
// checking before any inserts, books every slot on both stores. So the
// race above is real, and only Update's serialisation wins it.
func TestCheckThenInsertRacesWithoutSerialisation(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		handles := []*data.DB{db, open(t, db.Addr)}
		var checked, wg sync.WaitGroup
		checked.Add(racers)
		var won atomic.Int32
		for i := range racers {
			h := handles[i%2]
			wg.Go(func() {
				var free bool
				err := h.View(t.Context(), func(tx booking.Tx) error {
					taken, err := tx.Bookings(evening)
					free = len(taken) == 0
					return err
				})
				checked.Done()
				checked.Wait()
				if err == nil && free {
					if err = h.Update(t.Context(), func(tx booking.Tx) error { return tx.InsertBooking(raceSlot(i)) }); err == nil {
						won.Add(1)
					}
				}
				if err != nil {
					t.Errorf("racer %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		if won.Load() != racers {
			t.Fatalf("%d of %d racers booked without serialisation; the control expects all", won.Load(), racers)
		}
	})
}

// TestPostgresRaceWithoutTheWriterLock: on PostgreSQL, the same check and
// insert in one transaction as Update runs it, less the writer lock
// (postgres.LockWrites), books every slot: READ COMMITTED lets each
// transaction check before the others commit, and the EXCLUDE constraint
// does not help with slots that do not overlap. So the advisory lock is
// what TestWritesSerialisedAcrossHandles exercises there. PostgreSQL
// only: it runs raw SQL on the driver, beside the store.
func TestPostgresRaceWithoutTheWriterLock(t *testing.T) {
	db := open(t, newAddr(t, "postgres"))
	basics(t, db)
	raw, err := sql.Open("pgx", db.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(racers)
	var checked, wg sync.WaitGroup
	checked.Add(racers)
	var won atomic.Int32
	for i := range racers {
		wg.Go(func() {
			err := func() error {
				// Every racer checks before any inserts; one that fails
				// still arrives, so none waits for ever.
				var once sync.Once
				arrive := func() { once.Do(func() { checked.Done(); checked.Wait() }) }
				defer arrive()
				tx, err := raw.BeginTx(t.Context(), nil)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				var n int
				err = tx.QueryRow(`SELECT count(*) FROM bookings WHERE status IN ('confirmed', 'pending')
					AND start_at < $1 AND end_at > $2`, evening.To.Unix(), evening.From.Unix()).Scan(&n)
				arrive()
				if err != nil || n > 0 {
					return err
				}
				b := raceSlot(i)
				if _, err := tx.Exec(`INSERT INTO bookings (id, room_id, user_id, title, attendees, start_at, end_at, status, created_at, updated_at)
					VALUES ($1, $2, $3, $4, 1, $5, $6, $7, 0, 0)`, b.ID, b.Room, b.UserID, b.Title, b.Start.Unix(), b.End.Unix(), b.Status); err != nil {
					return err
				}
				if err := tx.Commit(); err != nil {
					return err
				}
				won.Add(1)
				return nil
			}()
			if err != nil {
				t.Errorf("racer %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if won.Load() != racers {
		t.Fatalf("%d of %d racers booked without the writer lock; the control expects all", won.Load(), racers)
	}
}

// TestViewIsOneSnapshot: every read of one View sees the store as it was
// at its first read, while another handle commits rows of every kind in
// between; the next View sees them.
func TestViewIsOneSnapshot(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		other := open(t, db.Addr)
		update(t, db, func(tx booking.Tx) error { return fill(tx, "old-") })
		tokens := []string{"old-tok1", "new-tok1"}
		var first, again reads
		view(t, db, func(tx booking.Tx) error {
			var err error
			if first, err = readsIn(tx, tokens...); err != nil {
				return err
			}
			update(t, other, func(tx booking.Tx) error {
				if err := tx.SetBookingStatus("old-b-confirmed", booking.StatusCancelled, day0); err != nil {
					return err
				}
				if err := tx.DeleteClosure("old-c-all"); err != nil {
					return err
				}
				if err := tx.DeleteHolidayOverride("2027-06-01"); err != nil {
					return err
				}
				return fill(tx, "new-")
			})
			again, err = readsIn(tx, tokens...)
			return err
		})
		sameReads(t, "a View read twice around another handle's commit", again, first)
		if after := readAll(t, db, tokens...); len(after.Users) != 2*len(first.Users) || after.Revision != first.Revision+1 ||
			len(after.TokenUsers) != 2 {
			t.Errorf("the next View does not see the commit: %d users, revision %d, tokens %v", len(after.Users), after.Revision, after.TokenUsers)
		}
	})
}
