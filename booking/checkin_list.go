package booking

import (
	"context"
	"time"
)

// CheckInRow is one booking on the staff's check-in list, with its
// owner's name and whether the reader may check it in now.
type CheckInRow struct {
	Booking
	OwnerName string
	// CanCheckIn is CanCheckIn's yes for the reader at the list's clock.
	CanCheckIn bool
}

// CheckInDay lists, for staff, the bookings of every room that overlap
// the site-time day of day (confirmed, checked in or no-show; cancelled,
// declined and pending ones are left out), by start, each with its
// effective status at the service clock.
func (s *Service) CheckInDay(ctx context.Context, actor *User, day time.Time) ([]CheckInRow, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可查看签到列表 only staff may see the check-in list")
	}
	now := s.clock()
	y, m, d := day.In(s.loc).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, s.loc)
	var rows []CheckInRow
	err := s.store.View(ctx, func(tx Tx) error {
		bs, err := tx.Bookings(BookingFilter{From: from, To: from.AddDate(0, 0, 1)})
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, b := range bs {
			if b.Status != StatusConfirmed && b.Status != StatusNoShow {
				continue
			}
			if _, ok := names[b.UserID]; !ok {
				u, err := tx.UserByID(b.UserID)
				if err != nil {
					return err
				}
				names[b.UserID] = u.Name
			}
			rows = append(rows, CheckInRow{Booking: *s.presentBooking(&b), OwnerName: names[b.UserID],
				CanCheckIn: b.CheckedInAt == nil && CanCheckIn(actor, b, now) == nil})
		}
		return nil
	})
	return rows, err
}

// CheckInDue lists the actor's bookings in room that are in their owner's
// check-in window now, and those checked in that have not ended yet, for
// the room page's check-in button (the door poster's code leads there).
// Staff see their own bookings by the owner's window too.
func (s *Service) CheckInDue(ctx context.Context, actor *User, room string) ([]Booking, error) {
	if actor == nil {
		return nil, nil
	}
	now := s.clock()
	owner := *actor
	owner.Role = RoleResident
	var out []Booking
	err := s.store.View(ctx, func(tx Tx) error {
		bs, err := tx.Bookings(BookingFilter{UserID: actor.ID, Room: room,
			From: now.Add(-CheckInGrace), To: now.Add(CheckInGrace + time.Second), Holding: true})
		for _, b := range bs {
			inUse := b.CheckedInAt != nil && now.Before(b.End)
			if b.Status == StatusConfirmed && (inUse || CanCheckIn(&owner, b, now) == nil) {
				out = append(out, *s.presentBooking(&b))
			}
		}
		return err
	})
	return out, err
}
