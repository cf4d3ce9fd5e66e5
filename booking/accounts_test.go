package booking_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
)

// field returns the code and field of a domain error.
func field(err error) (string, string) {
	var e *booking.Error
	if errors.As(err, &e) {
		return e.Code, e.Field
	}
	return booking.ErrorCode(err), ""
}

// account creates an account through staff and logs it in.
func account(t *testing.T, svc *booking.Service, admin *booking.User, username string, role booking.Role) *booking.Session {
	t.Helper()
	ctx := context.Background()
	if _, err := svc.CreateUser(ctx, admin, booking.NewUser{Username: username, Password: "secret-pass", Name: "名 " + username, Role: role}); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.Login(ctx, booking.Client{}, username, "secret-pass")
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func ptr[T any](v T) *T { return &v }

// TestPatchUserTakesEffectAtOnce: a role change and disabling reach
// tokens already verified (and cached) at once, not a minute later; a
// disabled account cannot log in (told so only with the right password)
// and is listed as disabled.
func TestPatchUserTakesEffectAtOnce(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	lead := account(t, svc, admin, "lin", booking.RoleLeader)
	if u, err := svc.Authenticate(ctx, lead.Token); err != nil || u.Role != booking.RoleLeader {
		t.Fatalf("before: %+v %v", u, err)
	}
	if _, err := svc.PatchUser(ctx, admin, lead.User.ID, booking.UserPatch{Role: ptr(booking.RoleStaff), Name: ptr("林老师")}); err != nil {
		t.Fatal(err)
	}
	if u, err := svc.Authenticate(ctx, lead.Token); err != nil || u.Role != booking.RoleStaff || u.Name != "林老师" {
		t.Fatalf("after promotion: %+v %v", u, err)
	}
	u, err := svc.PatchUser(ctx, admin, lead.User.ID, booking.UserPatch{Disabled: ptr(true)})
	if err != nil || !u.Disabled || u.Role != booking.RoleStaff {
		t.Fatalf("disable: %+v %v", u, err)
	}
	if _, err := svc.Authenticate(ctx, lead.Token); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
		t.Fatalf("token of a disabled account: %v", err)
	}
	if _, err := svc.Login(ctx, booking.Client{}, "lin", "secret-pass"); booking.ErrorCode(err) != booking.EUNAUTHORIZED || !strings.Contains(err.Error(), "disabled") {
		t.Fatalf("login of a disabled account: %v", err)
	}
	if _, err := svc.Login(ctx, booking.Client{}, "lin", "wrong-pass"); err == nil || strings.Contains(err.Error(), "disabled") {
		t.Fatalf("a wrong password learns nothing: %v", err)
	}
	list, err := svc.Users(ctx, admin, booking.UserFilter{Query: "LIN"})
	if err != nil || len(list) != 1 || !list[0].Disabled {
		t.Fatalf("listed: %+v %v", list, err)
	}
	if _, err := svc.PatchUser(ctx, admin, lead.User.ID, booking.UserPatch{Disabled: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login(ctx, booking.Client{}, "lin", "secret-pass"); err != nil {
		t.Fatalf("enabled again: %v", err)
	}
}

// TestPatchUserRefusals: bad values name their field, as at creation;
// staff cannot lock themselves or the centre out; a leader of teams does
// not become a resident; only staff may change accounts.
func TestPatchUserRefusals(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	second := account(t, svc, admin, "second", booking.RoleStaff)
	lead := account(t, svc, admin, "lin", booking.RoleLeader)
	if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: "choir", Name: "合唱队", Leaders: []string{"lin"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		actor     *booking.User
		id        string
		p         booking.UserPatch
		code, fld string
	}{
		{"empty name", admin, lead.User.ID, booking.UserPatch{Name: ptr("")}, booking.EINVALID, "name"},
		{"long name", admin, lead.User.ID, booking.UserPatch{Name: ptr(strings.Repeat("名", 65))}, booking.EINVALID, "name"},
		{"unknown role", admin, lead.User.ID, booking.UserPatch{Role: ptr(booking.Role("boss"))}, booking.EINVALID, "role"},
		{"own account disabled", admin, admin.ID, booking.UserPatch{Disabled: ptr(true)}, booking.EINVALID, "disabled"},
		{"own staff role", admin, admin.ID, booking.UserPatch{Role: ptr(booking.RoleLeader)}, booking.EINVALID, "role"},
		{"leader of a team", admin, lead.User.ID, booking.UserPatch{Role: ptr(booking.RoleResident)}, booking.EINVALID, "role"},
		{"unknown id", admin, "nobody", booking.UserPatch{Name: ptr("x")}, booking.ENOTFOUND, "user"},
		{"not staff", lead.User, second.User.ID, booking.UserPatch{Disabled: ptr(true)}, booking.EFORBIDDEN, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.PatchUser(ctx, tc.actor, tc.id, tc.p)
			if code, fld := field(err); code != tc.code || fld != tc.fld {
				t.Fatalf("err = %v, want %s on %q", err, tc.code, tc.fld)
			}
		})
	}
	if _, err := svc.PatchUser(ctx, admin, lead.User.ID, booking.UserPatch{Role: ptr(booking.RoleResident)}); !strings.Contains(err.Error(), "choir") {
		t.Fatalf("the refusal names the team: %v", err)
	}
	if u, err := svc.Authenticate(ctx, lead.Token); err != nil || u.Role != booking.RoleLeader || u.Name != "名 lin" {
		t.Fatalf("refused changes changed something: %+v %v", u, err)
	}
	// Two staff: the second is demoted; then, acting on a request verified
	// before that, they cannot take away the last active staff account.
	if _, err := svc.PatchUser(ctx, admin, second.User.ID, booking.UserPatch{Role: ptr(booking.RoleLeader)}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []booking.UserPatch{{Role: ptr(booking.RoleResident)}, {Disabled: ptr(true)}} {
		_, err := svc.PatchUser(ctx, second.User, admin.ID, p)
		if code, _ := field(err); code != booking.EINVALID || !strings.Contains(err.Error(), "last active staff") {
			t.Fatalf("last staff %+v: %v", p, err)
		}
	}
}

// TestResetPasswordEndsSessions: after a reset by staff, the old password
// and every old token (also cached ones) fail; the new password works.
func TestResetPasswordEndsSessions(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident)
	other, err := svc.Login(ctx, booking.Client{}, "wang", "secret-pass")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, res.Token); err != nil {
		t.Fatal(err)
	}
	if err := svc.ResetPassword(ctx, admin, res.User.ID, "short"); booking.ErrorCode(err) != booking.EINVALID {
		t.Fatalf("short password: %v", err)
	}
	if err := svc.ResetPassword(ctx, res.User, res.User.ID, "new-secret-pass"); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Fatalf("by a resident: %v", err)
	}
	if err := svc.ResetPassword(ctx, admin, "nobody", "new-secret-pass"); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("unknown id: %v", err)
	}
	if err := svc.ResetPassword(ctx, admin, res.User.ID, "new-secret-pass"); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{res.Token, other.Token} {
		if _, err := svc.Authenticate(ctx, tok); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
			t.Fatalf("old token after reset: %v", err)
		}
	}
	if _, err := svc.Login(ctx, booking.Client{}, "wang", "secret-pass"); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
		t.Fatalf("old password: %v", err)
	}
	if _, err := svc.Login(ctx, booking.Client{}, "wang", "new-secret-pass"); err != nil {
		t.Fatalf("new password: %v", err)
	}
	// The operator's reset by username.
	if _, err := svc.SetPassword(ctx, "nobody", "new-secret-pass"); booking.ErrorCode(err) != booking.ENOTFOUND {
		t.Fatalf("operator, unknown user: %v", err)
	}
	if u, err := svc.SetPassword(ctx, "WANG", "third-secret"); err != nil || u.Username != "wang" {
		t.Fatalf("operator: %+v %v", u, err)
	}
	if _, err := svc.Login(ctx, booking.Client{}, "wang", "third-secret"); err != nil {
		t.Fatalf("operator's password: %v", err)
	}
}

// TestLogout: the token stops at once, even though it was just verified
// and cached; the user's other sessions go on.
func TestLogout(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	a := account(t, svc, admin, "wang", booking.RoleResident)
	b, err := svc.Login(ctx, booking.Client{}, "wang", "secret-pass")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{a.Token, b.Token} {
		if _, err := svc.Authenticate(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Logout(ctx, a.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, a.Token); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
		t.Fatalf("after logout: %v", err)
	}
	if _, err := svc.Authenticate(ctx, b.Token); err != nil {
		t.Fatalf("other session: %v", err)
	}
}

// TestChangePassword: the current password is required; this session
// stays, the others end.
func TestChangePassword(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	a := account(t, svc, admin, "wang", booking.RoleResident)
	b, err := svc.Login(ctx, booking.Client{}, "wang", "secret-pass")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, b.Token); err != nil {
		t.Fatal(err)
	}
	err = svc.ChangePassword(ctx, booking.Client{}, a.User, a.Token, "wrong-pass", "new-secret-pass")
	if code, fld := field(err); code != booking.EINVALID || fld != "old_password" {
		t.Fatalf("wrong current password: %v", err)
	}
	err = svc.ChangePassword(ctx, booking.Client{}, a.User, a.Token, "secret-pass", "short")
	if code, fld := field(err); code != booking.EINVALID || fld != "password" {
		t.Fatalf("short new password: %v", err)
	}
	if err := svc.ChangePassword(ctx, booking.Client{}, a.User, a.Token, "secret-pass", "new-secret-pass"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, a.Token); err != nil {
		t.Fatalf("this session: %v", err)
	}
	if _, err := svc.Authenticate(ctx, b.Token); booking.ErrorCode(err) != booking.EUNAUTHORIZED {
		t.Fatalf("other session: %v", err)
	}
	if _, err := svc.Login(ctx, booking.Client{}, "wang", "new-secret-pass"); err != nil {
		t.Fatal(err)
	}
}

// TestUsersSearch: staff only; limits are checked; oldest first.
func TestUsersSearch(t *testing.T) {
	svc, clk, admin := clockService(t)
	ctx := context.Background()
	clk.add(time.Second)
	res := account(t, svc, admin, "wang", booking.RoleResident)
	clk.add(time.Second)
	account(t, svc, admin, "wangwu", booking.RoleLeader)
	if _, err := svc.Users(ctx, res.User, booking.UserFilter{}); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Fatalf("resident: %v", err)
	}
	for _, limit := range []int{-1, booking.MaxUserLimit + 1} {
		if _, err := svc.Users(ctx, admin, booking.UserFilter{Limit: limit}); booking.ErrorCode(err) != booking.EINVALID {
			t.Fatalf("limit %d: %v", limit, err)
		}
	}
	all, err := svc.Users(ctx, admin, booking.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range all {
		names = append(names, u.Username)
	}
	if !slices.Equal(names, []string{"admin", "wang", "wangwu"}) {
		t.Fatalf("all = %v", names)
	}
	if got, err := svc.Users(ctx, admin, booking.UserFilter{Query: "Wang", Limit: 1}); err != nil || len(got) != 1 || got[0].Username != "wang" {
		t.Fatalf("search: %+v %v", got, err)
	}
}

// TestSnapshotKeepsDisabled: export and import keep an account disabled.
func TestSnapshotKeepsDisabled(t *testing.T) {
	src, _, admin := clockService(t)
	ctx := context.Background()
	res := account(t, src, admin, "wang", booking.RoleResident)
	if _, err := src.PatchUser(ctx, admin, res.User.ID, booking.UserPatch{Disabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	snap, err := src.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := openService(t, "dst.db")
	if _, err := dst.ImportSnapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	dstAdmin := &booking.User{Role: booking.RoleStaff}
	got, err := dst.Users(ctx, dstAdmin, booking.UserFilter{Query: "wang"})
	if err != nil || len(got) != 1 || !got[0].Disabled {
		t.Fatalf("imported: %+v %v", got, err)
	}
}
