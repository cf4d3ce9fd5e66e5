package data_test

import (
	"reflect"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestTimesRoundTrip: the store keeps times as whole seconds and gives
// them back in UTC, whatever zone they were written in; a zero time where
// one may be missing (a part's From, Until and LastEnd, a cancelled
// occurrence's Start and End) and a nil check-in come back as the zero
// time and nil, not as 1970 or year 1 in some zone; everything read back
// is deeply equal to what was written, once normalised. The same on both
// stores.
func TestTimesRoundTrip(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		shanghai := time.FixedZone("CST", 8*3600)
		messy := time.Date(2026, 12, 3, 18, 30, 15, 987654321, shanghai) // 10:30:15.987654321 UTC
		clean := time.Date(2026, 12, 3, 10, 30, 15, 0, time.UTC)
		in := messy.Add(-5 * time.Minute)
		inClean := clean.Add(-5 * time.Minute)
		write := []booking.Booking{
			{ID: "messy", Room: "r", UserID: "u", Title: "t", Attendees: 1, Status: booking.StatusConfirmed,
				Start: messy, End: messy.Add(time.Hour), CreatedAt: messy.Add(-time.Hour), CheckedInAt: &in},
			{ID: "plain", Room: "r2", UserID: "u", Title: "t", Attendees: 1, Status: booking.StatusPending,
				Start: clean, End: clean.Add(time.Hour), CreatedAt: time.Time{}},
		}
		want := []booking.Booking{write[0], write[1]}
		want[0].Start, want[0].End, want[0].CreatedAt, want[0].CheckedInAt = clean, clean.Add(time.Hour), clean.Add(-time.Hour), &inClean
		series := &booking.Series{ID: "s", Team: "t", Title: "S", CreatedBy: "u", CreatedAt: messy, UpdatedAt: messy.Add(time.Second),
			Parts: []booking.Part{
				{Room: "r", Start: messy, End: messy.Add(time.Hour), RRule: "FREQ=WEEKLY", FirstStart: messy}, // open-ended
				{Room: "r2", Start: messy, End: messy.Add(time.Hour), RRule: "FREQ=DAILY", From: messy, Until: messy.AddDate(0, 1, 0),
					FirstStart: messy, LastEnd: messy.AddDate(0, 1, 0).Add(time.Hour)},
			},
			ExDates: []time.Time{messy.AddDate(0, 0, 7)},
			Exceptions: []booking.Exception{
				{Original: messy.AddDate(0, 0, 14), Action: booking.ActionCancel},
				{Original: messy.AddDate(0, 0, 21), Action: booking.ActionMove, Start: messy.AddDate(0, 0, 22), End: messy.AddDate(0, 0, 22).Add(time.Hour), Room: "r2"},
			}}
		norm := func(x time.Time) time.Time {
			if x.IsZero() {
				return x
			}
			return x.Truncate(time.Second).UTC()
		}
		wantSeries := *series
		wantSeries.CreatedAt, wantSeries.UpdatedAt = norm(series.CreatedAt), norm(series.UpdatedAt)
		wantSeries.Parts = nil
		for _, p := range series.Parts {
			p.Start, p.End, p.From, p.Until, p.FirstStart, p.LastEnd = norm(p.Start), norm(p.End), norm(p.From), norm(p.Until), norm(p.FirstStart), norm(p.LastEnd)
			wantSeries.Parts = append(wantSeries.Parts, p)
		}
		wantSeries.ExDates = []time.Time{norm(series.ExDates[0])}
		wantSeries.Exceptions = nil
		for _, e := range series.Exceptions {
			e.Original, e.Start, e.End = norm(e.Original), norm(e.Start), norm(e.End)
			wantSeries.Exceptions = append(wantSeries.Exceptions, e)
		}
		closure := booking.Closure{ID: "c", Start: messy, End: messy.Add(time.Hour), Reason: "x", CreatedAt: messy}
		wantClosure := closure
		wantClosure.Start, wantClosure.End, wantClosure.CreatedAt = norm(closure.Start), norm(closure.End), norm(closure.CreatedAt)
		holiday := booking.HolidayOverride{Holiday: booking.Holiday{Date: "2027-01-01", Name: "元旦"}} // ChangedAt zero
		update(t, db, func(tx booking.Tx) error {
			for i := range write {
				if err := tx.InsertBooking(&write[i]); err != nil {
					return err
				}
			}
			if err := tx.InsertTeam(&booking.Team{ID: "t", Name: "T", NameEN: "T"}); err != nil {
				return err
			}
			if err := tx.InsertSeries(series); err != nil {
				return err
			}
			if err := tx.InsertClosure(&closure); err != nil {
				return err
			}
			if err := tx.InsertToken("h", "u", messy, messy.Add(time.Hour)); err != nil {
				return err
			}
			if err := tx.InsertAudit(&booking.AuditEntry{At: messy, Entity: booking.AuditBooking, Action: "create"}); err != nil {
				return err
			}
			return tx.PutHolidayOverride(holiday)
		})
		view(t, db, func(tx booking.Tx) error {
			for _, w := range want {
				got, err := tx.Booking(w.ID)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(*got, w) || got.Start.Location() != time.UTC {
					t.Errorf("booking %s:\n got %#v\nwant %#v", w.ID, *got, w)
				}
			}
			slim, err := tx.Bookings(booking.BookingFilter{TimesOnly: true})
			if err != nil {
				return err
			}
			for i, w := range want {
				if g := slim[i]; !g.Start.Equal(w.Start) || g.Start.Location() != time.UTC || !g.CreatedAt.Equal(w.CreatedAt) ||
					(g.CheckedInAt == nil) != (w.CheckedInAt == nil) || (g.CheckedInAt != nil && !reflect.DeepEqual(*g.CheckedInAt, *w.CheckedInAt)) {
					t.Errorf("times only %s: %+v, want %+v", w.ID, g, w)
				}
			}
			got, err := tx.Series("s")
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(*got, wantSeries) {
				t.Errorf("series:\n got %#v\nwant %#v", *got, wantSeries)
			}
			if got.Parts[0].From != (time.Time{}) || got.Parts[0].LastEnd != (time.Time{}) || got.Exceptions[0].Start != (time.Time{}) {
				t.Errorf("missing times are not the zero time: %+v", got)
			}
			c, err := tx.Closure("c")
			if err != nil || !reflect.DeepEqual(*c, wantClosure) {
				t.Errorf("closure: %#v, %v; want %#v", c, err, wantClosure)
			}
			_, exp, err := tx.UserByToken("h", clean)
			if err != nil || exp != clean.Add(time.Hour) {
				t.Errorf("token expiry %v, %v; want %v", exp, err, clean.Add(time.Hour))
			}
			audit, err := tx.AuditEntries(booking.AuditFilter{Limit: 1})
			if err != nil || len(audit) != 1 || audit[0].At != clean {
				t.Errorf("audit: %+v, %v", audit, err)
			}
			hs, err := tx.AllHolidayOverrides()
			if err != nil || len(hs) != 1 || !reflect.DeepEqual(hs[0], holiday) {
				t.Errorf("holidays: %#v, %v; want %#v", hs, err, holiday)
			}
			return nil
		})
	})
}
