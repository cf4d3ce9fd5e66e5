package booking

import (
	"context"
	"slices"
	"time"
)

// errClosureStaff refuses a closure change by anyone but staff.
var errClosureStaff = Errorf(EFORBIDDEN, "仅工作人员可设置闭馆 only staff may close rooms")

// ClosurePlan is what a closure does: the bookings it cancels and the
// class dates it suspends. A dry run answers it without writing; a
// created closure reports the same.
type ClosurePlan struct {
	Closure  Closure          `json:"closure"`
	Cancels  []ClosureCancel  `json:"cancels"`
	Suspends []ClosureSuspend `json:"suspends"`
}

// ClosureCancel is a booking a closure cancels, with its owner, so staff
// can tell them.
type ClosureCancel struct {
	ID       string    `json:"id"`
	Room     string    `json:"room"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Title    string    `json:"title"`
	Status   string    `json:"status"` // before the closure: confirmed or pending
	UserID   string    `json:"user_id"`
	Username string    `json:"username"`
	Name     string    `json:"name"`
}

// ClosureSuspend is a class date a closure suspends for as long as it
// stands.
type ClosureSuspend struct {
	SeriesID string    `json:"series_id"`
	Team     string    `json:"team"`
	TeamName string    `json:"team_name"`
	Room     string    `json:"room"`
	Title    string    `json:"title"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Original time.Time `json:"original_start"`
}

// CreateClosure shuts a room (or the whole centre, Room "") for staff.
// In one transaction it stores the closure and cancels every booking
// inside it that holds its slot (status cancelled_by_closure, with the
// closure's reason); class dates inside are suspended by the closure's
// mere existence. With dryRun it only says what it would do. An unknown
// room is ENOTFOUND (field room), as for bookings and series.
//
// A closure may have begun already (a pipe burst an hour ago) but must
// end in the future (else EINVALID, field end): it changes only what is
// still to come. It cancels the bookings not yet over and not checked in
// (closureCancels: one in progress whose people have not checked in is
// cancelled, one they checked in is kept), and suspends only the class
// dates not over when it is made (Closure.Suspends).
func (s *Service) CreateClosure(ctx context.Context, actor *User, n NewClosure, dryRun bool) (*ClosurePlan, error) {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return nil, errClosureStaff
	}
	if err := n.validate(); err != nil {
		return nil, err
	}
	now := s.clock()
	if !n.End.After(now) {
		return nil, Invalid("end", "闭馆的结束时间已过去 the closure's end has passed: a closure must end in the future")
	}
	c := Closure{ID: NewID(now), Room: n.Room, Start: n.Start, End: n.End, Reason: n.Reason,
		CreatedBy: actor.ID, CreatedAt: now}
	var plan *ClosurePlan
	var held []Booking
	run := func(tx Tx) (err error) {
		plan, held, err = s.planClosure(tx, c)
		if err != nil || dryRun {
			return err
		}
		return s.applyClosure(tx, &c, held, now)
	}
	var err error
	if dryRun {
		err = s.viewWarm(ctx, run)
	} else {
		err = s.store.Update(ctx, run)
	}
	if err != nil {
		return nil, err
	}
	if !dryRun {
		keys := []string{closuresKey}
		for _, b := range held {
			keys = append(keys, "room:"+b.Room, "user:"+b.UserID)
		}
		s.vers.touch(keys...)
	}
	s.presentClosure(&plan.Closure)
	return plan, nil
}

// planClosure finds what c would cancel and suspend, as tx sees it.
func (s *Service) planClosure(tx Tx, c Closure) (*ClosurePlan, []Booking, error) {
	if c.Room != "" {
		if _, err := tx.Room(c.Room); err != nil {
			return nil, nil, err
		}
	}
	plan := &ClosurePlan{Closure: c, Cancels: []ClosureCancel{}, Suspends: []ClosureSuspend{}}
	held, err := tx.Bookings(BookingFilter{Room: c.Room, From: c.Start, To: c.End, Holding: true})
	if err != nil {
		return nil, nil, err
	}
	held = slices.DeleteFunc(held, func(b Booking) bool { return !closureCancels(b, c.CreatedAt) })
	for _, b := range held {
		cc := ClosureCancel{ID: b.ID, Room: b.Room, Start: s.local(b.Start), End: s.local(b.End), Title: b.Title,
			Status: b.Status, UserID: b.UserID}
		if u, err := tx.UserByID(b.UserID); err == nil {
			cc.Username, cc.Name = u.Username, u.Name
		}
		plan.Cancels = append(plan.Cancels, cc)
	}
	occ, err := s.occupancy(tx, OccurrenceQuery{Room: c.Room, From: c.Start, To: c.End}, "")
	if err != nil {
		return nil, nil, err
	}
	teams := map[string]string{}
	for _, o := range occ {
		if o.Kind != KindSeries || !c.Suspends(o.Room, o.Start, o.End) {
			continue
		}
		if _, ok := teams[o.Team]; !ok {
			if t, err := tx.Team(o.Team); err == nil {
				teams[o.Team] = t.Label()
			}
		}
		plan.Suspends = append(plan.Suspends, ClosureSuspend{SeriesID: o.SeriesID, Team: o.Team, TeamName: teams[o.Team],
			Room: o.Room, Title: o.Title, Start: s.local(o.Start), End: s.local(o.End), Original: s.local(o.Original)})
	}
	return plan, held, nil
}

// closureCancels reports whether a closure made at now cancels b, a
// booking inside it that holds its slot: only if b is still to come or
// in progress, and nobody has checked in. A booking over by then took
// place (or was missed) and stays in the record; one whose people are
// in the room is theirs until its end.
func closureCancels(b Booking, now time.Time) bool {
	return b.End.After(now) && b.CheckedInAt == nil
}

// applyClosure stores c and cancels the bookings it holds.
func (s *Service) applyClosure(tx Tx, c *Closure, held []Booking, now time.Time) error {
	if err := tx.InsertClosure(c); err != nil {
		return err
	}
	for i := range held {
		b := &held[i]
		b.Status, b.Reason = StatusCancelledByClosure, c.Reason
		if err := tx.SetBookingState(b, now); err != nil {
			return err
		}
	}
	return nil
}

// DeleteClosure lifts a closure (staff): the class dates it suspended
// take place again. The bookings it cancelled stay cancelled: their slot
// may have been taken since, and their owners were told. ENOTFOUND for
// an unknown id.
func (s *Service) DeleteClosure(ctx context.Context, actor *User, id string) error {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return errClosureStaff
	}
	var c *Closure
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		if c, err = tx.Closure(id); err != nil {
			return err
		}
		return endClosure(tx, c, s.clock())
	})
	if err != nil {
		return err
	}
	s.vers.touch(closuresKey, "room:"+c.Room)
	return nil
}

// endClosure takes closure c away at now without rewriting the past: one
// still to come is deleted (its class dates come back); one under way
// ends now, so the dates it kept from taking place stay suspended; one
// that has ended is part of the record and stays (ECONFLICT).
func endClosure(tx Tx, c *Closure, now time.Time) error {
	switch {
	case !c.End.After(now):
		return Errorf(ECONFLICT, "已结束的闭馆不能删除，它是场馆使用记录的一部分 a closure that has ended cannot be deleted: it is part of the record of the rooms' use")
	case c.Start.Before(now):
		return tx.SetClosureEnd(c.ID, now)
	}
	return tx.DeleteClosure(c.ID)
}
