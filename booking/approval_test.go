package booking_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
)

// approvalEnv is a service with a resident, a second resident and a
// leader; book makes a booking of an hour on 1 Dec from hh:00.
func approvalEnv(t *testing.T) (svc *booking.Service, clk *testClock, admin, res, other, lead *booking.User,
	book func(u *booking.User, room string, hh int) (*booking.Booking, error)) {
	svc, clk, admin = clockService(t)
	res = account(t, svc, admin, "wang", booking.RoleResident).User
	other = account(t, svc, admin, "zhao", booking.RoleResident).User
	lead = account(t, svc, admin, "lin", booking.RoleLeader).User
	book = func(u *booking.User, room string, hh int) (*booking.Booking, error) {
		s := day(1, hh, 0)
		return svc.CreateBooking(context.Background(), u, booking.NewBooking{Room: room, Start: s, End: s.Add(time.Hour), Title: "讲座 Talk", Attendees: 10})
	}
	return
}

// TestApprovalPendingForResidentsOnly: a resident's booking of the
// lecture room (requires_approval) is pending; a leader's and staff's are
// confirmed, and so is a resident's in a room without the rule.
func TestApprovalPendingForResidentsOnly(t *testing.T) {
	_, _, admin, res, _, lead, book := approvalEnv(t)
	for _, tc := range []struct {
		who  *booking.User
		room string
		hh   int
		want string
	}{
		{res, "lecture", 9, booking.StatusPending},
		{lead, "lecture", 11, booking.StatusConfirmed},
		{admin, "lecture", 13, booking.StatusConfirmed},
		{res, "library", 9, booking.StatusConfirmed},
	} {
		b, err := book(tc.who, tc.room, tc.hh)
		if err != nil {
			t.Fatalf("%s in %s: %v", tc.who.Username, tc.room, err)
		}
		if b.Status != tc.want {
			t.Errorf("%s in %s: %s, want %s", tc.who.Username, tc.room, b.Status, tc.want)
		}
	}
}

// TestApprovalPendingHoldsSlot: nobody else can take a pending booking's
// slot, and it counts toward its owner's weekly quota.
func TestApprovalPendingHoldsSlot(t *testing.T) {
	svc, _, _, res, other, lead, book := approvalEnv(t)
	if _, err := book(res, "lecture", 9); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*booking.User{other, lead} {
		if _, err := book(u, "lecture", 9); booking.ErrorCode(err) != booking.ECONFLICT {
			t.Errorf("%s over a pending booking: %v, want conflict", u.Username, err)
		}
	}
	// 1 h pending + 4 h + 1 h = the 6 h quota; one more half hour is over.
	ctx := context.Background()
	for _, s := range []time.Time{day(2, 9, 0), day(3, 9, 0)} {
		d := 4 * time.Hour
		if s.Day() == 3 {
			d = time.Hour
		}
		if _, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "library", Start: s, End: s.Add(d), Attendees: 1}); err != nil {
			t.Fatal(err)
		}
	}
	s := day(4, 9, 0)
	_, err := svc.CreateBooking(ctx, res, booking.NewBooking{Room: "library", Start: s, End: s.Add(30 * time.Minute), Attendees: 1})
	if policyRule(err) != "policy/weekly_quota/end" {
		t.Errorf("pending hour not counted in the quota: %v", err)
	}
}

// TestApproveAndDecline: staff approve one pending booking and decline
// another with a reason; the declined slot is free at once for someone
// else; deciding again is a conflict; others may not decide.
func TestApproveAndDecline(t *testing.T) {
	svc, _, admin, res, other, lead, book := approvalEnv(t)
	ctx := context.Background()
	a, _ := book(res, "lecture", 9)
	d, _ := book(res, "lecture", 11)
	for _, u := range []*booking.User{res, other, lead} {
		if _, err := svc.ApproveBooking(ctx, u, a.ID); booking.ErrorCode(err) != booking.EFORBIDDEN {
			t.Errorf("%s approves: %v", u.Username, err)
		}
		if _, err := svc.DeclineBooking(ctx, u, d.ID, ""); booking.ErrorCode(err) != booking.EFORBIDDEN {
			t.Errorf("%s declines: %v", u.Username, err)
		}
	}
	got, err := svc.ApproveBooking(ctx, admin, a.ID)
	if err != nil || got.Status != booking.StatusConfirmed {
		t.Fatalf("approve: %v %+v", err, got)
	}
	got, err = svc.DeclineBooking(ctx, admin, d.ID, "  当天有社区大会 community meeting that day ")
	if err != nil || got.Status != booking.StatusDeclined || got.Reason != "当天有社区大会 community meeting that day" {
		t.Fatalf("decline: %v %+v", err, got)
	}
	if b, err := svc.Booking(ctx, res, d.ID); err != nil || b.Status != booking.StatusDeclined || b.Reason == "" {
		t.Errorf("owner reads the declined booking: %v %+v", err, b)
	}
	if b, err := book(other, "lecture", 11); err != nil || b.Status != booking.StatusPending {
		t.Errorf("declined slot not freed: %v", err)
	}
	for _, id := range []string{a.ID, d.ID} {
		_, err1 := svc.ApproveBooking(ctx, admin, id)
		_, err2 := svc.DeclineBooking(ctx, admin, id, "")
		for _, err := range []error{err1, err2} {
			if booking.ErrorCode(err) != booking.ECONFLICT || !strings.Contains(booking.ErrorMessage(err), "not waiting for approval") {
				t.Errorf("deciding %s again: %v", id, err)
			}
		}
	}
	if _, err := svc.ApproveBooking(ctx, admin, "no-such-id"); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Errorf("unknown id: %v", err)
	}
	c, _ := book(res, "lecture", 14)
	if err := svc.CancelBooking(ctx, res, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ApproveBooking(ctx, admin, c.ID); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("approving a cancelled booking: %v", err)
	}
}

// TestDeclineReasonChecked: a reason over 200 characters or not text is
// refused naming the field, and the booking stays pending.
func TestDeclineReasonChecked(t *testing.T) {
	svc, _, admin, res, _, _, book := approvalEnv(t)
	ctx := context.Background()
	b, _ := book(res, "lecture", 9)
	for _, reason := range []string{strings.Repeat("长", 201), "bad \xff bytes"} {
		_, err := svc.DeclineBooking(ctx, admin, b.ID, reason)
		var e *booking.Error
		if booking.ErrorCode(err) != booking.EINVALID || !errors.As(err, &e) || e.Field != "reason" {
			t.Errorf("reason %.20q: %v", reason, err)
		}
	}
	if got, _ := svc.Booking(ctx, admin, b.ID); got.Status != booking.StatusPending {
		t.Errorf("refused decline changed the booking: %s", got.Status)
	}
	if _, err := svc.DeclineBooking(ctx, admin, b.ID, strings.Repeat("长", 200)); err != nil {
		t.Errorf("200 characters: %v", err)
	}
}

// TestApproveEndedIsConflict: a pending booking whose time has passed
// has lapsed: neither approved nor declined any more.
func TestApproveEndedIsConflict(t *testing.T) {
	svc, clk, admin, res, _, _, book := approvalEnv(t)
	ctx := context.Background()
	b, _ := book(res, "lecture", 9)
	clk.t = day(1, 10, 0) // the booking's end
	if _, err := svc.ApproveBooking(ctx, admin, b.ID); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("approving an ended booking: %v", err)
	}
	if _, err := svc.DeclineBooking(ctx, admin, b.ID, ""); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("declining an ended booking: %v", err)
	}
}

// TestApproveAfterCheckInDeadline: a pending booking not approved by its
// check-in deadline lapses at that instant (approved then, it would be a
// no-show at once): approving is refused, it reads declined with the
// lapse's reason, and its time is free; a second earlier it is approved.
func TestApproveAfterCheckInDeadline(t *testing.T) {
	svc, clk, admin, res, other, _, book := approvalEnv(t)
	ctx := context.Background()
	late, _ := book(res, "lecture", 9)
	early, _ := book(res, "lecture", 11)
	clk.t = booking.CheckInDeadline(*late)
	if _, err := svc.ApproveBooking(ctx, admin, late.ID); booking.ErrorCode(err) != booking.ECONFLICT {
		t.Errorf("approving at the check-in deadline: %v", err)
	}
	got, err := svc.Booking(ctx, res, late.ID)
	if err != nil || got.Status != booking.StatusDeclined || got.Reason != booking.LapsedReason {
		t.Errorf("a lapsed booking reads %v %+v, want declined with the lapse's reason", err, got)
	}
	if _, err := svc.CreateBooking(ctx, other, booking.NewBooking{Room: "lecture", Start: clk.t, End: late.End, Attendees: 1}); err != nil {
		t.Errorf("the lapsed booking's time is still held: %v", err)
	}
	clk.t = booking.CheckInDeadline(*early).Add(-time.Second)
	if got, err := svc.ApproveBooking(ctx, admin, early.ID); err != nil || got.Status != booking.StatusConfirmed {
		t.Errorf("approving a second before the deadline: %v %+v", err, got)
	}
}

// TestPendingQueue: staff list every pending booking soonest first; a
// resident lists only their own; an unknown status is refused by name.
func TestPendingQueue(t *testing.T) {
	svc, _, admin, res, other, _, book := approvalEnv(t)
	ctx := context.Background()
	late, _ := book(res, "lecture", 15)
	early, _ := book(other, "lecture", 9)
	book(res, "library", 9)
	q, err := svc.ListBookings(ctx, admin, booking.BookingQuery{All: true, Status: booking.StatusPending})
	if err != nil || len(q) != 2 || q[0].ID != early.ID || q[1].ID != late.ID {
		t.Fatalf("queue: %v %+v", err, q)
	}
	mine, err := svc.ListBookings(ctx, res, booking.BookingQuery{Status: booking.StatusPending})
	if err != nil || len(mine) != 1 || mine[0].ID != late.ID {
		t.Errorf("own pending: %v %+v", err, mine)
	}
	if _, err := svc.ListBookings(ctx, res, booking.BookingQuery{All: true, Status: booking.StatusPending}); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Errorf("resident lists all: %v", err)
	}
	_, err = svc.ListBookings(ctx, admin, booking.BookingQuery{Status: "waiting"})
	var e *booking.Error
	if booking.ErrorCode(err) != booking.EINVALID || !errors.As(err, &e) || e.Field != "status" {
		t.Errorf("unknown status: %v", err)
	}
}

// TestPendingInFeeds: the owner's feed shows a pending booking as
// TENTATIVE and a confirmed one plainly; a declined one is gone; the
// room's feed shows the pending booking as busy.
func TestPendingInFeeds(t *testing.T) {
	svc, _, admin, res, _, _, book := approvalEnv(t)
	ctx := context.Background()
	p, _ := book(res, "lecture", 9)
	d, _ := book(res, "lecture", 11)
	if _, err := svc.DeclineBooking(ctx, admin, d.ID, "不便 not possible"); err != nil {
		t.Fatal(err)
	}
	token := res.FeedToken
	status := func(kind, id string) map[string]string {
		cal, err := svc.Feed(ctx, kind, id)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, ev := range cal.Events {
			out[strings.TrimSuffix(ev.UID, "@mingzhu-rooms.weihai")] = "[" + ev.Status + "]"
		}
		return out
	}
	own := status(booking.FeedPrivate, token)
	if own[p.ID] != "[TENTATIVE]" || own[d.ID] != "" {
		t.Errorf("own feed: %v", own)
	}
	room := status(booking.FeedRoom, "lecture")
	if room[p.ID] != "[]" || room[d.ID] != "" {
		t.Errorf("room feed: %v", room)
	}
	stamp, _ := svc.FeedStamp(ctx, booking.FeedPrivate, token)
	if _, err := svc.ApproveBooking(ctx, admin, p.ID); err != nil {
		t.Fatal(err)
	}
	if again, _ := svc.FeedStamp(ctx, booking.FeedPrivate, token); again == stamp {
		t.Error("approval left the owner's feed stamp as it was")
	}
	if own = status(booking.FeedPrivate, token); own[p.ID] != "[]" {
		t.Errorf("approved booking in own feed: %v", own)
	}
}

// TestStatusListsFollowTheClock: a list of no-shows or of declined
// bookings includes those the clock has just made so, before any sweep
// has stored them, as the unfiltered list already shows them.
func TestStatusListsFollowTheClock(t *testing.T) {
	svc, clk, admin, res, _, _, book := approvalEnv(t)
	ctx := context.Background()
	pending, _ := book(res, "lecture", 9)
	missed, _ := book(res, "library", 9)
	clk.t = booking.CheckInDeadline(*pending)
	for _, tc := range []struct {
		status, id string
	}{{booking.StatusDeclined, pending.ID}, {booking.StatusNoShow, missed.ID}} {
		list, err := svc.ListBookings(ctx, admin, booking.BookingQuery{All: true, Status: tc.status})
		if err != nil || len(list) != 1 || list[0].ID != tc.id {
			t.Errorf("%s: %v %+v, want the one the clock made", tc.status, err, list)
		}
	}
}
