package booking_test

import (
	"context"
	"testing"

	"mingzhu/booking"
)

// TestUserByID: staff look one account up; others may not; an unknown id
// is not found.
func TestUserByID(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	lin := account(t, svc, admin, "lin", booking.RoleLeader)
	if u, err := svc.User(ctx, admin, lin.User.ID); err != nil || u.Username != "lin" || u.Role != booking.RoleLeader {
		t.Fatalf("User = %+v %v", u, err)
	}
	if _, err := svc.User(ctx, lin.User, admin.ID); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Fatalf("a leader looks up an account: %v", err)
	}
	if _, err := svc.User(ctx, admin, "nope"); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("unknown id: %v", err)
	}
}
