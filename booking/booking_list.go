package booking

import (
	"context"
	"strings"
)

// Statuses are every status a booking can be in, the values a listing
// may filter by.
var Statuses = []string{StatusConfirmed, StatusPending, StatusCancelled, StatusDeclined,
	StatusCancelledByClosure, StatusNoShow}

// BookingQuery selects the bookings a person lists; zero fields do not
// filter.
type BookingQuery struct {
	// All lists everyone's bookings (staff only), not the actor's own.
	All bool
	// Status keeps only bookings in this status (one of Statuses).
	Status string
	// Limit bounds the list; 0 means no bound.
	Limit int
}

// ListBookings lists the actor's own bookings, or with q.All (staff
// only) everyone's, latest first; pending ones soonest first, since they
// are a queue to work through in the order their dates come. An unknown
// status is EINVALID naming the field "status".
func (s *Service) ListBookings(ctx context.Context, actor *User, q BookingQuery) ([]Booking, error) {
	f := BookingFilter{UserID: actor.ID, Status: q.Status, LatestFirst: q.Status != StatusPending, Limit: q.Limit}
	if q.Status != "" && !knownStatus(q.Status) {
		return nil, Invalid("status", "状态值无效 status must be one of %s, not %q", strings.Join(Statuses, ", "), q.Status)
	}
	if q.All {
		if !actor.IsStaff() {
			return nil, Errorf(EFORBIDDEN, "仅工作人员可查看全部预约 only staff may list all bookings")
		}
		f.UserID = ""
	}
	var list []Booking
	err := s.store.View(ctx, func(tx Tx) (err error) {
		list, err = tx.Bookings(f)
		return err
	})
	for i := range list {
		s.presentBooking(&list[i])
	}
	return list, err
}

func knownStatus(status string) bool {
	for _, st := range Statuses {
		if st == status {
			return true
		}
	}
	return false
}
