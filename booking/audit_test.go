package booking_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
)

func auditAll(t *testing.T, svc *booking.Service, admin *booking.User) []booking.AuditEntry {
	t.Helper()
	list, err := svc.Audit(context.Background(), admin, booking.AuditFilter{Limit: booking.AuditMaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestAuditSeedNotRecorded: seeding is a bulk load, not anyone's change:
// a fresh database has an empty trail (the login that follows is a
// session, not recorded either).
func TestAuditSeedNotRecorded(t *testing.T) {
	svc, _, admin := testService(t, "demo")
	if list := auditAll(t, svc, admin); len(list) != 0 {
		t.Fatalf("seed wrote %d lines: %+v", len(list), list[0])
	}
}

// TestAuditSystemActor: a write with no actor (the operator's password
// reset, mingzhu passwd) is recorded as the system's, without the hash.
func TestAuditSystemActor(t *testing.T) {
	svc, db, admin := testService(t, "none")
	if _, err := svc.SetPassword(context.Background(), "admin", "operator-set-pw"); err != nil {
		t.Fatal(err)
	}
	list := auditAll(t, svc, admin)
	if len(list) != 1 || list[0].ActorID != "" || list[0].ActorName != "" || list[0].Action != booking.AuditPasswordChanged ||
		list[0].EntityID != admin.ID || list[0].Before != nil || list[0].After != nil {
		t.Fatalf("lines = %+v", list)
	}
	var hash string
	if err := db.QueryRow(context.Background(), `SELECT password_hash FROM users WHERE id = ?`, admin.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	var all string
	if err := db.QueryRow(context.Background(), `SELECT group_concat(coalesce(before,'') || coalesce(after,'') || entity_id || action, '|') FROM audit`).Scan(&all); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(all, hash) || strings.Contains(all, "operator-set-pw") {
		t.Fatalf("a secret is in the trail: %s", all)
	}
}

// TestAuditNoOpNotRecorded: saving a room as it is changes nothing and
// writes no line; a real change writes one with both images.
func TestAuditNoOpNotRecorded(t *testing.T) {
	svc, _, admin := testService(t, "none")
	ctx := context.Background()
	room, err := svc.Room(ctx, "library")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PatchRoom(ctx, admin, "library", booking.RoomPatch{Name: &room.Name}); err != nil {
		t.Fatal(err)
	}
	if list := auditAll(t, svc, admin); len(list) != 0 {
		t.Fatalf("a no-op patch wrote %+v", list)
	}
	name := "新图书室"
	if _, err := svc.PatchRoom(ctx, admin, "library", booking.RoomPatch{Name: &name}); err != nil {
		t.Fatal(err)
	}
	list := auditAll(t, svc, admin)
	if len(list) != 1 || list[0].ActorID != admin.ID || list[0].Action != booking.AuditUpdate ||
		!strings.Contains(string(list[0].Before), room.Name) || !strings.Contains(string(list[0].After), name) {
		t.Fatalf("lines = %+v", list)
	}
}

// TestAuditRefusalsBounded: a resident hammering a request the rules
// refuse is answered every time, but writes at most RefusalAudits lines
// in RefusalWindow; once the window has moved on, lines are written again.
func TestAuditRefusalsBounded(t *testing.T) {
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)
	ctx := context.Background()
	_, db, admin := testService(t, "none")
	svc := booking.New(booking.Config{Store: db, Loc: shanghai, Now: func() time.Time { return now }, PasswordCost: bcrypt.MinCost})
	res, err := svc.CreateUser(ctx, admin, booking.NewUser{Username: "hammer", Password: "secret-pass", Name: "锤子", Role: booking.RoleResident})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai)
	tooLong := booking.NewBooking{Room: "library", Start: start, End: start.Add(5 * time.Hour), Attendees: 1}
	refused := func() int {
		n := 0
		for _, e := range auditAll(t, svc, admin) {
			if e.Action == booking.AuditRefused {
				n++
			}
		}
		return n
	}
	for i := range booking.RefusalAudits + 5 {
		if _, err := svc.CreateBooking(ctx, res, tooLong); booking.ErrorCode(err) != booking.EPOLICY {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if n := refused(); n != booking.RefusalAudits {
		t.Fatalf("%d refused lines, want %d", n, booking.RefusalAudits)
	}
	now = now.Add(booking.RefusalWindow)
	if _, err := svc.CreateBooking(ctx, res, tooLong); booking.ErrorCode(err) != booking.EPOLICY {
		t.Fatal(err)
	}
	if n := refused(); n != booking.RefusalAudits+1 {
		t.Fatalf("after the window: %d refused lines", n)
	}
}

// TestAuditBookingStates: the house rules' changes of a booking
// (SetBookingState, SetBookingStatus) are named by what they did, each
// with before and after.
func TestAuditBookingStates(t *testing.T) {
	svc, db, admin := testService(t, "none")
	ctx := context.Background()
	start := time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai)
	b, err := svc.CreateBooking(ctx, admin, booking.NewBooking{Room: "library", Start: start, End: start.Add(time.Hour), Attendees: 1})
	if err != nil {
		t.Fatal(err)
	}
	in := start.Add(5 * time.Minute)
	steps := []struct {
		change func(*booking.Booking)
		action string
	}{
		{func(b *booking.Booking) { b.Status = booking.StatusPending }, booking.AuditUpdate},
		{func(b *booking.Booking) { b.Status = booking.StatusConfirmed }, booking.AuditApprove},
		{func(b *booking.Booking) { b.CheckedInAt = &in }, booking.AuditCheckIn},
		{func(b *booking.Booking) { b.CheckedInAt, b.Status = nil, booking.StatusNoShow }, booking.AuditNoShow},
		{func(b *booking.Booking) { b.Status, b.Reason = booking.StatusDeclined, "满了 full" }, booking.AuditDecline},
		{func(b *booking.Booking) { b.Status, b.Reason = booking.StatusPending, "" }, booking.AuditUpdate},
		{func(b *booking.Booking) { b.Status, b.Reason = booking.StatusDeclined, booking.LapsedReason }, booking.AuditLapse},
		{func(b *booking.Booking) { b.Status, b.Reason = booking.StatusCancelledByClosure, "维修 repairs" }, booking.AuditCancel},
	}
	for i, st := range steps {
		err := db.Update(ctx, func(tx booking.Tx) error {
			cur, err := tx.Booking(b.ID)
			if err != nil {
				return err
			}
			st.change(cur)
			return booking.AuditingTx(tx, admin, start).SetBookingState(cur, start)
		})
		if err != nil {
			t.Fatal(err)
		}
		l := auditAll(t, svc, admin)[0]
		if l.Action != st.action || l.EntityID != b.ID || l.Before == nil || l.After == nil || l.ActorID != admin.ID {
			t.Fatalf("step %d: %s %+v, want %s", i, l.Action, l, st.action)
		}
	}
	if err := svc.CancelBooking(ctx, admin, b.ID); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Fatalf("cancelling a booking that holds no slot: %v, want ECONFLICT", err)
	}
	if n := len(auditAll(t, svc, admin)); n != 1+len(steps) {
		t.Fatalf("cancelling a booking that holds no slot wrote a line: %d lines", n)
	}
}
