package data_test

import (
	"reflect"
	"testing"
	"time"

	"mingzhu/booking"
)

// fill writes every kind of row the store holds, each id prefixed by p:
// rooms with and without rules and equipment; staff, a leader and a
// disabled resident without a feed token, two made in the same second;
// tokens; a team with leaders in order and one without; a series of two
// parts with exdates, a cancelled and a moved occurrence (into another
// room); bookings in every status, with reasons and check-ins; holiday
// overrides (a holiday, a working day, a removal); a room's closure and
// the whole centre's; audit lines with and without images; change
// records. Holiday dates carry no prefix: fill a store once (or roll
// back).
func fill(tx booking.Tx, p string) error {
	hour := func(h int) time.Time { return day0.Add(time.Duration(h) * time.Hour) }
	steps := []func() error{
		func() error {
			return tx.PutRoom(booking.Room{ID: p + "hall", Name: "大厅", NameEN: "Hall", Capacity: 80, Equipment: []string{"投影仪", "麦克风"},
				Rules: booking.Rules{MaxAdvanceDays: 30, MinMinutes: 60, MaxMinutes: 180, BufferMinutes: 15,
					QuietHours: []booking.QuietWindow{{Start: "21:30", End: "08:00"}}, RequiresApproval: true}})
		},
		func() error {
			return tx.PutRoom(booking.Room{ID: p + "studio", Name: "画室", NameEN: "Studio", Capacity: 12})
		},
		func() error {
			return tx.InsertUser(&booking.User{ID: p + "staff", Username: p + "Staff", Name: "前台 Reception", Role: booking.RoleStaff,
				PasswordHash: "h1", FeedToken: p + "feed-staff", CreatedAt: hour(-48)})
		},
		func() error {
			return tx.InsertUser(&booking.User{ID: p + "zleader", Username: p + "Wang_Li", Name: "王丽", Role: booking.RoleLeader,
				PasswordHash: "h2", FeedToken: p + "feed-leader", CreatedAt: hour(-24)})
		},
		func() error { // the same second as the leader, made after: listed after
			return tx.InsertUser(&booking.User{ID: p + "aresident", Username: p + "13800138000", Name: `陈 100% a\b`, Role: booking.RoleResident,
				PasswordHash: "h3", CreatedAt: hour(-24), Disabled: true})
		},
		func() error { return tx.InsertToken(p+"tok1", p+"staff", hour(-2), hour(720)) },
		func() error { return tx.InsertToken(p+"tok2", p+"zleader", hour(-1), hour(1)) },
		func() error {
			return tx.InsertTeam(&booking.Team{ID: p + "choir", Name: "合唱队", NameEN: "Choir", LeaderIDs: []string{p + "zleader", p + "staff"}, CreatedAt: hour(-20)})
		},
		func() error {
			return tx.InsertTeam(&booking.Team{ID: p + "chess", Name: "棋社", NameEN: "Chess", CreatedAt: hour(-19)})
		},
		func() error {
			week := 7 * 24 * time.Hour
			return tx.InsertSeries(&booking.Series{ID: p + "s1", Team: p + "choir", Title: "周二排练 Tuesday practice", Sequence: 3,
				CreatedBy: p + "zleader", CreatedAt: hour(-10), UpdatedAt: hour(-5),
				Parts: []booking.Part{
					{Room: p + "hall", Start: hour(18), End: hour(20), RRule: "FREQ=WEEKLY;BYDAY=TU", Until: hour(18).Add(4 * week),
						FirstStart: hour(18), LastEnd: hour(20).Add(4 * week)},
					{Room: p + "studio", Start: hour(18).Add(5 * week), End: hour(19).Add(5 * week), RRule: "FREQ=WEEKLY;BYDAY=TU",
						From: hour(18).Add(5 * week), SkipHolidays: true, FirstStart: hour(18).Add(5 * week)},
				},
				ExDates: []time.Time{hour(18).Add(week), hour(18).Add(2 * week)},
				Exceptions: []booking.Exception{
					{Original: hour(18).Add(3 * week), Action: booking.ActionCancel},
					{Original: hour(18).Add(4 * week), Action: booking.ActionMove, Start: hour(19).Add(4 * week), End: hour(21).Add(4 * week), Room: p + "studio"},
				}})
		},
		func() error {
			return tx.InsertSeries(&booking.Series{ID: p + "s2", Team: p + "chess", Title: "棋", CreatedBy: p + "staff", CreatedAt: hour(-9), UpdatedAt: hour(-9),
				Parts: []booking.Part{{Room: p + "studio", Start: hour(9), End: hour(10), RRule: "FREQ=DAILY", FirstStart: hour(9)}}})
		},
	}
	in := hour(2).Add(-10 * time.Minute)
	for i, st := range []string{booking.StatusConfirmed, booking.StatusPending, booking.StatusCancelled, booking.StatusDeclined,
		booking.StatusCancelledByClosure, booking.StatusNoShow} {
		steps = append(steps, func() error {
			b := &booking.Booking{ID: p + "b-" + st, Room: p + "hall", UserID: p + "zleader", Title: "活动 " + st, Attendees: i + 1,
				Start: hour(2 + 2*i), End: hour(3 + 2*i), Status: st, CreatedAt: hour(-1)}
			switch st {
			case booking.StatusConfirmed:
				b.CheckedInAt = &in
			case booking.StatusDeclined, booking.StatusCancelledByClosure:
				b.Reason = "维修 repairs"
			}
			return tx.InsertBooking(b)
		})
	}
	steps = append(steps,
		// Same slot as the confirmed one, in the other room.
		func() error {
			b := bk(p+"b-studio", p+"studio", 2, 1, booking.StatusConfirmed)
			b.UserID = p + "staff"
			return tx.InsertBooking(b)
		},
		func() error {
			return tx.PutHolidayOverride(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2027-06-01", Name: "儿童节"}, ChangedBy: p + "staff", ChangedAt: hour(-3)})
		},
		func() error {
			return tx.PutHolidayOverride(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2027-02-07", Name: "调休", Work: true}, ChangedBy: p + "staff", ChangedAt: hour(-3)})
		},
		func() error {
			return tx.PutHolidayOverride(booking.HolidayOverride{Holiday: booking.Holiday{Date: "2027-05-01"}, Removed: true, ChangedBy: p + "staff", ChangedAt: hour(-2)})
		},
		func() error {
			return tx.InsertClosure(&booking.Closure{ID: p + "c-room", Room: p + "hall", Start: hour(30), End: hour(40), Reason: "换地板 new floor", CreatedBy: p + "staff", CreatedAt: hour(-4)})
		},
		func() error {
			return tx.InsertClosure(&booking.Closure{ID: p + "c-all", Start: hour(50), End: hour(60), Reason: "停电 power cut", CreatedAt: hour(-4)})
		},
		func() error {
			return tx.InsertAudit(&booking.AuditEntry{At: hour(-1), ActorID: p + "zleader", ActorName: "王丽", Entity: booking.AuditBooking,
				EntityID: p + "b-confirmed", Action: "create", After: []byte(`{"id":"b","title":"活动"}`)})
		},
		func() error {
			return tx.InsertAudit(&booking.AuditEntry{At: hour(0), ActorID: p + "staff", ActorName: "前台", Entity: booking.AuditBooking,
				EntityID: p + "b-declined", Action: "decline", Before: []byte(`{"status":"pending"}`), After: []byte(`{"status":"declined"}`), Rule: "requires_approval"})
		},
		func() error {
			return tx.InsertAudit(&booking.AuditEntry{At: hour(0), Entity: booking.AuditSeries, EntityID: p + "s0", Action: "delete", Before: []byte(`{}`)})
		},
		func() error { return tx.RecordChange([]string{"bookings:" + p + "hall", "rooms"}) },
		func() error { return tx.RecordChange([]string{booking.AllKeys}) },
	)
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// reads is every domain read of a store, to compare two stores' answers;
// TokenUsers maps each token asked for (fill's are p+"tok1", p+"tok2") to
// its user and expiry.
type reads struct {
	Rooms      []booking.Room
	Users      []booking.User
	Bookings   []booking.Booking
	Times      []booking.Booking // TimesOnly
	Series     []*booking.Series
	Teams      []booking.Team
	Closures   []booking.Closure
	Audit      []booking.AuditEntry
	Holidays   []booking.HolidayOverride
	Unchecked  []booking.Booking
	Changes    booking.Changes
	Revision   int64
	TokenUsers map[string]string
}

func readAll(t testing.TB, db booking.Store, tokens ...string) reads {
	t.Helper()
	var r reads
	view(t, db, func(tx booking.Tx) (err error) { r, err = readsIn(tx, tokens...); return err })
	return r
}

// readsIn makes every domain read in one transaction.
func readsIn(tx booking.Tx, tokens ...string) (r reads, err error) {
	if r.Rooms, err = tx.Rooms(); err != nil {
		return r, err
	}
	if r.Users, err = tx.Users(); err != nil {
		return r, err
	}
	if r.Bookings, err = tx.Bookings(booking.BookingFilter{}); err != nil {
		return r, err
	}
	if r.Times, err = tx.Bookings(booking.BookingFilter{TimesOnly: true}); err != nil {
		return r, err
	}
	if r.Series, err = tx.SeriesList(booking.SeriesFilter{}); err != nil {
		return r, err
	}
	if r.Teams, err = tx.Teams(); err != nil {
		return r, err
	}
	if r.Closures, err = tx.Closures(booking.ClosureFilter{}); err != nil {
		return r, err
	}
	if r.Audit, err = tx.AuditEntries(booking.AuditFilter{Limit: booking.AuditMaxLimit}); err != nil {
		return r, err
	}
	if r.Holidays, err = tx.AllHolidayOverrides(); err != nil {
		return r, err
	}
	if r.Unchecked, err = tx.UncheckedBookings(time.Time{}, time.Time{}, 0); err != nil {
		return r, err
	}
	if r.Changes, err = tx.ChangesSince(0); err != nil {
		return r, err
	}
	if r.Revision, err = tx.Revision(); err != nil {
		return r, err
	}
	r.TokenUsers = map[string]string{}
	for _, h := range tokens {
		if u, exp, err := tx.UserByToken(h, day0); err == nil {
			r.TokenUsers[h] = u.ID + " until " + exp.String()
		} else if booking.ErrorCode(err) != booking.ENOTFOUND {
			return r, err
		}
	}
	return r, nil
}

// sameReads reports where two stores' answers differ.
func sameReads(t testing.TB, what string, got, want reads) {
	t.Helper()
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range g.NumField() {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			t.Errorf("%s: %s differ:\n got %+v\nwant %+v", what, g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}
