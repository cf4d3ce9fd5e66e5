package booking

import (
	"context"
	"time"
)

// CreateBooking reserves a room for one interval. The clash check and the
// insert share one write transaction, so two racing requests for the same
// slot can never both succeed.
func (s *Service) CreateBooking(ctx context.Context, actor *User, n NewBooking) (*Booking, error) {
	ctx = actingAs(ctx, actor)
	now := s.clock()
	if err := s.checkBooking(actor, &n, now); err != nil {
		return nil, err
	}
	check := func() error { return s.precheck(ctx, actor, n, false) }
	if err := s.turns.await(ctx, n.Room, check); err != nil {
		return nil, s.auditRefusal(ctx, actor, requestOf(n), err)
	}
	b, err := func() (*Booking, error) {
		defer s.turns.leave(n.Room) // even on a panic; before the refusal's audit line, a write of its own
		return s.writeBooking(ctx, actor, n, now)
	}()
	if err != nil {
		return nil, s.auditRefusal(ctx, actor, requestOf(n), err)
	}
	return s.presentBooking(b), nil
}

// writeBooking is CreateBooking's write transaction, scoped to the room
// and the owner (WriteScope), and the touch of their stamps.
func (s *Service) writeBooking(ctx context.Context, actor *User, n NewBooking, now time.Time) (*Booking, error) {
	var b *Booking
	scoped := WithWriteScope(ctx, WriteScope{Room: n.Room, User: actor.ID})
	err := s.store.Update(scoped, func(tx Tx) error {
		var occ []Occurrence
		var err error
		if b, occ, err = s.placeBooking(tx, actor, n, now); len(occ) > 0 {
			return s.conflictError(occ, actor)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	s.vers.touch("room:"+b.Room, "user:"+b.UserID)
	return b, nil
}

// checkBooking is every check of a booking request that needs no store:
// fields, wall-clock ambiguity, and time that has passed (staff may record
// a booking that has begun).
func (s *Service) checkBooking(actor *User, n *NewBooking, now time.Time) error {
	if err := n.validate(); err != nil {
		return err
	}
	if err := s.checkWallClock(n.Start, n.End, "start", "end"); err != nil {
		return err
	}
	if n.End.Before(now) || (n.Start.Before(now) && !actor.IsStaff()) {
		return Invalid("start", "不能预约已过去的时间 cannot book a time that has passed")
	}
	return nil
}

// placeBooking checks room, capacity and (after the clash) the room's
// house rules inside tx and inserts the booking unless the slot is taken;
// then it returns the occupants instead, for the caller to refuse or skip.
// One occupancy read serves both the clash and the turnover buffer.
func (s *Service) placeBooking(tx Tx, actor *User, n NewBooking, now time.Time) (*Booking, []Occurrence, error) {
	room, err := tx.Room(n.Room)
	if err != nil {
		return nil, nil, err
	}
	if err := checkCapacity(room, n); err != nil {
		return nil, nil, err
	}
	buf := bufferFor(actor, room)
	occ, err := s.occupancy(tx, OccurrenceQuery{Room: n.Room, From: n.Start.Add(-buf), To: n.End.Add(buf), Closures: true}, "")
	if err != nil {
		return nil, nil, err
	}
	if clash := clashing(occ, n, buf); len(clash) > 0 {
		return nil, clash, nil
	}
	if err := s.checkPolicy(tx, actor, room, n, now, occ); err != nil {
		return nil, nil, err
	}
	b := &Booking{ID: NewID(now), Room: n.Room, Start: n.Start, End: n.End, Title: n.Title,
		Attendees: n.Attendees, Status: initialStatus(actor, room), UserID: actor.ID, CreatedAt: now}
	return b, nil, tx.InsertBooking(b)
}

// clashing keeps the occupants of a window widened by buf that overlap
// the booking itself; the rest are only within its buffer.
func clashing(occ []Occurrence, n NewBooking, buf time.Duration) []Occurrence {
	if buf == 0 {
		return occ
	}
	var out []Occurrence
	for _, o := range occ {
		if Overlaps(o.Start, o.End, n.Start, n.End) {
			out = append(out, o)
		}
	}
	return out
}

// precheck refuses, on the read pool, what a committed snapshot already
// shows CreateBooking would refuse: an unknown room, too many attendees,
// a clash or a broken house rule, in placeBooking's order. Such a request
// need not queue for the single writer. (The refusal was true at that
// snapshot, so it is a correct answer.) A request that passes is checked
// again inside the write transaction. With account false it leaves out
// the rules that read the resident's other bookings (checkAccount, last
// in order): CreateBooking checks them in its write anyway, and reading
// them twice was the rules' main cost on a write.
func (s *Service) precheck(ctx context.Context, actor *User, n NewBooking, account bool) error {
	wide := time.Duration(MaxBufferMinutes) * time.Minute
	cs, err := s.warmReads(ctx) // before the View, never inside it
	if err != nil {
		return err
	}
	list, err := s.seriesForRead(ctx, SeriesFilter{Room: n.Room, From: n.Start.Add(-wide), To: n.End.Add(wide)})
	if err != nil {
		return err
	}
	return s.store.View(ctx, func(tx Tx) error {
		room, err := tx.Room(n.Room)
		if err != nil {
			return err
		}
		if err := checkCapacity(room, n); err != nil {
			return err
		}
		buf := bufferFor(actor, room)
		occ, err := s.occupancyWith(tx, OccurrenceQuery{Room: n.Room, From: n.Start.Add(-buf), To: n.End.Add(buf), Closures: true}, "", list, cs.filter)
		if err != nil {
			return err
		}
		if clash := clashing(occ, n, buf); len(clash) > 0 {
			return s.conflictError(clash, actor)
		}
		now := s.clock()
		if err := s.checkRules(actor, room, n, now, occ); err != nil || !account {
			return err
		}
		return s.checkAccount(tx, actor, n, now)
	})
}

func (s *Service) presentBooking(b *Booking) *Booking {
	b.Start, b.End, b.CreatedAt = s.local(b.Start), s.local(b.End), s.local(b.CreatedAt)
	if b.CheckedInAt != nil {
		in := s.local(*b.CheckedInAt)
		b.CheckedInAt = &in
	}
	return b
}

// Booking returns one booking to its owner or staff; others get
// EFORBIDDEN, since titles may be personal.
func (s *Service) Booking(ctx context.Context, actor *User, id string) (*Booking, error) {
	var b *Booking
	err := s.store.View(ctx, func(tx Tx) (err error) {
		b, err = tx.Booking(id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !actor.IsStaff() && b.UserID != actor.ID {
		return nil, Errorf(EFORBIDDEN, "只能查看自己的预约 you may only see your own bookings")
	}
	return s.presentBooking(b), nil
}

// Bookings lists bookings latest first: the actor's own, or with all set
// (staff only) everyone's (ListBookings with no status).
func (s *Service) Bookings(ctx context.Context, actor *User, all bool, limit int) ([]Booking, error) {
	return s.ListBookings(ctx, actor, BookingQuery{All: all, Limit: limit})
}

// CancelBooking frees the slot at once; the record stays, marked
// cancelled, so the history of the room's use is kept. What has been
// used stays used (CanCancel): otherwise a cancelled past booking would
// give its hours back to the weekly quota and vanish from the report.
func (s *Service) CancelBooking(ctx context.Context, actor *User, id string) error {
	ctx = actingAs(ctx, actor)
	var b *Booking
	defer func() {
		if b != nil {
			s.vers.touch("room:"+b.Room, "user:"+b.UserID)
		}
	}()
	return s.store.Update(ctx, func(tx Tx) (err error) {
		if b, err = tx.Booking(id); err != nil {
			return err
		}
		now := s.clock()
		if err := CanCancel(actor, *b, now); err != nil || b.Status == StatusCancelled {
			return err // cancelling twice changes nothing
		}
		return tx.SetBookingStatus(id, StatusCancelled, now)
	})
}

// CanCancel says whether actor may cancel b at now, and if not, why: only
// its owner or staff; only a booking that still holds its slot (one
// already cancelled passes: cancelling twice changes nothing); never once
// it has ended or been checked in; and a resident's or leader's not once
// it has begun (staff may still end one in progress). b's Status must be
// effective (EffectiveStatus), as every read gives it.
func CanCancel(actor *User, b Booking, now time.Time) error {
	switch {
	case !actor.IsStaff() && (actor == nil || b.UserID != actor.ID):
		return Errorf(EFORBIDDEN, "只能取消自己的预约 you may only cancel your own bookings")
	case b.Status == StatusCancelled:
		return nil
	case !HoldsSlot(b.Status):
		return Errorf(ECONFLICT, "该预约已不再有效（已拒绝、因闭馆取消或未到） this booking is no longer active (declined, cancelled by a closure, or a no-show)")
	case !b.End.After(now):
		return Errorf(ECONFLICT, "已结束的预约不能取消 a booking that has ended cannot be cancelled")
	case b.CheckedInAt != nil:
		return Errorf(ECONFLICT, "已签到的预约不能取消 a booking that has been checked in cannot be cancelled")
	case !b.Start.After(now) && !actor.IsStaff():
		return Errorf(ECONFLICT, "已开始的预约不能取消；如提前离开，请告知前台 a booking that has begun cannot be cancelled; if you leave early, tell the reception desk")
	}
	return nil
}
