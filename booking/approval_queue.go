package booking

import "context"

// MaxQueue bounds the approval queue as one page shows it: more waiting
// bookings than this is a backlog no one works through on one screen.
const MaxQueue = 500

// PendingBooking is a booking waiting for staff, with who asked for it.
type PendingBooking struct {
	Booking
	// UserName and Username are the owner's name and login, so staff
	// know whom they answer.
	UserName, Username string
}

// ApprovalQueue lists the bookings waiting for staff's decision, soonest
// first, each with its owner (staff only: EFORBIDDEN for anyone else).
// It is one snapshot, so the owners named are those of the bookings
// listed.
func (s *Service) ApprovalQueue(ctx context.Context, actor *User) ([]PendingBooking, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可审批预约 only staff may approve or decline bookings")
	}
	var out []PendingBooking
	err := s.store.View(ctx, func(tx Tx) error {
		list, err := tx.Bookings(BookingFilter{Status: StatusPending, Limit: MaxQueue})
		if err != nil {
			return err
		}
		users := map[string]*User{}
		for _, b := range list {
			u, ok := users[b.UserID]
			if !ok {
				if u, err = tx.UserByID(b.UserID); err != nil {
					return err
				}
				users[b.UserID] = u
			}
			out = append(out, PendingBooking{Booking: *s.presentBooking(&b), UserName: u.Name, Username: u.Username})
		}
		return nil
	})
	return out, err
}
