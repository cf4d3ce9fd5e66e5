package booking_test

import (
	"context"
	"testing"

	"mingzhu/booking"
)

// TestSharedSessionEndsAtOnce: a token instance B has verified (and so
// cached for a minute) stops working on B the moment instance A ends it
// or changes its account, not after the cache's minute; the clock never
// moves here, so only the change log can tell B.
func TestSharedSessionEndsAtOnce(t *testing.T) {
	in := twoInstances(t, "none")
	ctx := context.Background()
	leader := booking.RoleLeader
	yes := true
	tests := []struct {
		name string
		// change ends or changes the session tok through A, with
		// other, a second session of the same account.
		change func(u *booking.User, tok, other string) error
		// check is what B must answer for tok afterwards.
		check func(u *booking.User, err error) bool
	}{
		{"logout", func(_ *booking.User, tok, _ string) error { return in.a.Logout(ctx, tok) }, refused},
		{"password change in another session", func(u *booking.User, _, other string) error {
			return in.a.ChangePassword(ctx, booking.Client{}, u, other, "secret-pass", "new-secret-pass")
		}, refused},
		{"password reset by staff", func(u *booking.User, _, _ string) error {
			return in.a.ResetPassword(ctx, in.admin, u.ID, "new-secret-pass")
		}, refused},
		{"disabled", func(u *booking.User, _, _ string) error {
			_, err := in.a.PatchUser(ctx, in.admin, u.ID, booking.UserPatch{Disabled: &yes})
			return err
		}, refused},
		{"role change", func(u *booking.User, _, _ string) error {
			_, err := in.a.PatchUser(ctx, in.admin, u.ID, booking.UserPatch{Role: &leader})
			return err
		}, func(u *booking.User, err error) bool { return err == nil && u.Role == booking.RoleLeader }},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name := "resident" + string(rune('a'+i))
			if _, err := in.a.CreateUser(ctx, in.admin, booking.NewUser{Username: name, Password: "secret-pass", Name: "居民 " + name}); err != nil {
				t.Fatal(err)
			}
			tok, other := login(t, in.a, name), login(t, in.a, name)
			u, err := in.b.Authenticate(ctx, tok) // B verifies and caches it
			if err != nil || u.Role != booking.RoleResident {
				t.Fatalf("B before: %+v %v", u, err)
			}
			if err := tc.change(u, tok, other); err != nil {
				t.Fatal(err)
			}
			if got, err := in.b.Authenticate(ctx, tok); !tc.check(got, err) {
				role := booking.Role("none")
				if got != nil {
					role = got.Role
				}
				t.Errorf("B after %s through A: role %s, err %v", tc.name, role, err)
			}
		})
	}
}

// refused says B refused the token as a login that has ended.
func refused(_ *booking.User, err error) bool { return booking.ErrorCode(err) == booking.EUNAUTHORIZED }

// login logs username in through svc and returns the token.
func login(t *testing.T, svc *booking.Service, username string) string {
	t.Helper()
	sess, err := svc.Login(context.Background(), booking.Client{}, username, "secret-pass")
	if err != nil {
		t.Fatal(err)
	}
	return sess.Token
}
