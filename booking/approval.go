package booking

import (
	"context"
	"strings"
	"unicode/utf8"
)

// MaxReasonRunes bounds staff's reason for a decline: a sentence, shown
// in the resident's list and calendar.
const MaxReasonRunes = 200

// initialStatus is the status a new booking starts in: a resident's
// booking of a room that requires approval waits for staff (pending,
// holding its slot meanwhile); leaders' and staff's are confirmed at once.
func initialStatus(actor *User, room Room) string {
	if room.Rules.RequiresApproval && actor.Role == RoleResident {
		return StatusPending
	}
	return StatusConfirmed
}

// ApproveBooking is staff's yes to a pending booking: it becomes
// confirmed. A booking that is not pending (already decided, cancelled,
// or lapsed at its check-in deadline: EffectiveStatus) is ECONFLICT; an
// unknown id ENOTFOUND; anyone but staff EFORBIDDEN.
func (s *Service) ApproveBooking(ctx context.Context, actor *User, id string) (*Booking, error) {
	return s.decide(ctx, actor, id, StatusConfirmed, "")
}

// DeclineBooking is staff's no to a pending booking, with an optional
// reason its owner will read (at most MaxReasonRunes): it becomes
// declined and its slot is free at once. Errors as ApproveBooking, and
// EINVALID (field "reason") for a reason that is too long or not text.
func (s *Service) DeclineBooking(ctx context.Context, actor *User, id, reason string) (*Booking, error) {
	reason = strings.TrimSpace(reason)
	if err := checkText("reason", reason); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(reason) > MaxReasonRunes {
		return nil, Invalid("reason", "理由不能超过%d个字符 the reason must be at most %d characters", MaxReasonRunes, MaxReasonRunes)
	}
	return s.decide(ctx, actor, id, StatusDeclined, reason)
}

// decide gives a pending booking staff's decision (its new status, and
// the reason they give) in one write transaction, then touches the feeds
// and listings that show it.
func (s *Service) decide(ctx context.Context, actor *User, id, status, reason string) (*Booking, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可审批预约 only staff may approve or decline bookings")
	}
	ctx = actingAs(ctx, actor)
	var b *Booking
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		if b, err = tx.Booking(id); err != nil {
			return err
		}
		if b.Status != StatusPending {
			return Errorf(ECONFLICT, "该预约不在待审批状态 this booking is not waiting for approval")
		}
		b.Status, b.Reason = status, reason
		return tx.SetBookingState(b, s.clock())
	})
	if err != nil {
		return nil, err
	}
	s.vers.touch("room:"+b.Room, "user:"+b.UserID)
	return s.presentBooking(b), nil
}

// ownStatus is the STATUS of a booking's event in its owner's feed
// (mine): TENTATIVE while staff have not yet said yes, so the calendar
// shows it as not yet sure. Elsewhere (a room's busy time) a pending
// booking is simply busy, like a confirmed one: it holds the slot.
func ownStatus(status string, mine bool) string {
	if mine && status == StatusPending {
		return "TENTATIVE"
	}
	return ""
}
