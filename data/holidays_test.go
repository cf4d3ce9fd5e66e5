package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestHolidayOverrides: overrides are stored per date and listed by year
// in date order (a neighbouring year's dates stay out); a second put of a
// date replaces it, a removal keeps no name; deleting drops the row, and
// deleting a date without one is ENOTFOUND. Everything survives a reopen
// of the file.
func TestHolidayOverrides(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		when := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
		put := func(o booking.HolidayOverride) {
			t.Helper()
			o.ChangedBy, o.ChangedAt = "staff-1", when
			if err := db.Update(ctx, func(tx booking.Tx) error { return tx.PutHolidayOverride(o) }); err != nil {
				t.Fatal(err)
			}
		}
		put(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2028-10-01", Name: "国庆节"}})
		put(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2028-01-01", Name: "元旦", Work: true}})
		put(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2028-01-01", Name: "元旦节"}}) // replaces
		put(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2028-05-01", Name: "x", Work: true}, Removed: true})
		put(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2027-12-31", Name: "前一年"}})
		put(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2029-01-01", Name: "后一年"}})

		list := func(db interface {
			View(context.Context, func(booking.Tx) error) error
		}, year int) (out []booking.HolidayOverride) {
			t.Helper()
			if err := db.View(ctx, func(tx booking.Tx) (err error) { out, err = tx.HolidayOverrides(year); return err }); err != nil {
				t.Fatal(err)
			}
			return out
		}
		want := []booking.HolidayOverride{
			{Holiday: booking.Holiday{Date: "2028-01-01", Name: "元旦节"}, ChangedBy: "staff-1", ChangedAt: when},
			{Holiday: booking.Holiday{Date: "2028-05-01"}, Removed: true, ChangedBy: "staff-1", ChangedAt: when},
			{Holiday: booking.Holiday{Date: "2028-10-01", Name: "国庆节"}, ChangedBy: "staff-1", ChangedAt: when},
		}
		if got := list(db, 2028); !slices.Equal(got, want) {
			t.Fatalf("2028 = %+v\nwant %+v", got, want)
		}
		if err := db.Update(ctx, func(tx booking.Tx) error { return tx.DeleteHolidayOverride("2028-10-01") }); err != nil {
			t.Fatal(err)
		}
		err := db.Update(ctx, func(tx booking.Tx) error { return tx.DeleteHolidayOverride("2028-10-01") })
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Fatalf("second delete: %v", err)
		}
		db.Close()
		again := open(t, db.Addr)
		if got := list(again, 2028); !slices.Equal(got, want[:2]) {
			t.Fatalf("after reopen 2028 = %+v", got)
		}
		if got := list(again, 2027); len(got) != 1 || got[0].Date != "2027-12-31" {
			t.Fatalf("2027 = %+v", got)
		}
	})
}
