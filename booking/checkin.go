package booking

import (
	"context"
	"time"
)

// CheckInGrace is how long around a booking's start its owner may check
// in: from CheckInGrace before the start until CheckInGrace after it
// (half-open: at start+CheckInGrace the window has closed). A confirmed
// booking not checked in by start+CheckInGrace is a no-show.
const CheckInGrace = 15 * time.Minute

// CheckInDeadline is when a booking that was not checked in becomes a
// no-show, and the rest of its time is released.
func CheckInDeadline(b Booking) time.Time { return b.Start.Add(CheckInGrace) }

// EffectiveStatus is b's status at now: a confirmed booking not checked
// in by its deadline is StatusNoShow from that instant, and a pending one
// that staff have not approved by then has lapsed (StatusDeclined, with
// LapsedReason): approved so late it would be a no-show at once, and
// meanwhile it would hold a room nobody may use. Both hold from that
// instant, whether or not a sweep has stored them yet. A booking created
// after its own deadline (staff recording a use that has begun) is never
// changed. Every read of bookings goes through it (effectiveTx), so clash
// checks, listings, feeds and reports agree at the deadline instant; the
// utilisation report counts checked-in and no-show hours with it.
func EffectiveStatus(b Booking, now time.Time) string {
	if (b.Status != StatusConfirmed && b.Status != StatusPending) || b.CheckedInAt != nil {
		return b.Status
	}
	d := CheckInDeadline(b)
	if now.Before(d) || !b.CreatedAt.Before(d) {
		return b.Status
	}
	if b.Status == StatusPending {
		return StatusDeclined
	}
	return StatusNoShow
}

// LapsedReason is the reason a pending booking that lapsed unapproved
// carries (EffectiveStatus).
const LapsedReason = "未在签到截止前获批，已自动失效 not approved before its check-in deadline, so it lapsed"

// effective applies EffectiveStatus to b in place, with the reason of a
// lapse.
func effective(b *Booking, now time.Time) {
	st := EffectiveStatus(*b, now)
	if st == StatusDeclined && b.Status == StatusPending {
		b.Reason = LapsedReason
	}
	b.Status = st
}

// CanCheckIn says whether actor may check b in at now, and if not, why
// (ECONFLICT for the booking's state or the time, EFORBIDDEN for someone
// else's booking). Its owner may check in within CheckInGrace of the
// start; staff from CheckInGrace before the start until its end. b's
// Status must already be effective (EffectiveStatus). A booking already
// checked in passes: checking in twice changes nothing.
func CanCheckIn(actor *User, b Booking, now time.Time) error {
	if !actor.IsStaff() && (actor == nil || b.UserID != actor.ID) {
		return Errorf(EFORBIDDEN, "只能为自己的预约签到 you may only check in your own bookings")
	}
	if b.Status != StatusConfirmed {
		return checkInStateError(b.Status)
	}
	if b.CheckedInAt != nil {
		return nil
	}
	open := b.Start.Add(-CheckInGrace)
	if actor.IsStaff() {
		if now.Before(open) || !now.Before(b.End) {
			return Errorf(ECONFLICT, "只能在开始前15分钟至结束前签到 staff can check in from 15 minutes before the start until the end")
		}
		return nil
	}
	if now.Before(open) || !now.Before(CheckInDeadline(b)) {
		return Errorf(ECONFLICT, "只能在开始前后15分钟内签到 you can check in from 15 minutes before to 15 minutes after the start")
	}
	return nil
}

// checkInStateError says why a booking in this status cannot be checked in.
func checkInStateError(status string) error {
	switch status {
	case StatusPending:
		return Errorf(ECONFLICT, "预约尚待审批，不能签到 the booking is still waiting for approval and cannot be checked in")
	case StatusNoShow:
		return Errorf(ECONFLICT, "已过签到时间，预约已记为未到，时段已释放；请重新预约 the check-in time has passed: the booking is a no-show and its time was released; please book again")
	case StatusDeclined:
		return Errorf(ECONFLICT, "预约已被拒绝，不能签到 the booking was declined and cannot be checked in")
	}
	return Errorf(ECONFLICT, "预约已取消，不能签到 the booking was cancelled and cannot be checked in")
}

// CheckIn records that the booking's people have come: by its owner
// within CheckInGrace of the start, or by staff (see CanCheckIn). A booking
// checked in is never a no-show. Checking in twice returns the booking as
// it is.
func (s *Service) CheckIn(ctx context.Context, actor *User, id string) (*Booking, error) {
	ctx = actingAs(ctx, actor)
	now := s.clock()
	var b *Booking
	changed := false
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		if b, err = tx.Booking(id); err != nil {
			return err
		}
		if err := CanCheckIn(actor, *b, now); err != nil || b.CheckedInAt != nil {
			return err
		}
		b.CheckedInAt, changed = &now, true
		return tx.SetBookingState(b, now)
	})
	if err != nil {
		return nil, err
	}
	if changed {
		s.vers.touch("room:"+b.Room, "user:"+b.UserID)
	}
	return s.presentBooking(b), nil
}
