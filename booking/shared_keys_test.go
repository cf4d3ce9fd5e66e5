package booking_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestSharedChangeKeys: what each kind of write records in the change
// log, read from the store: a booking its room and owner, an ended
// session its token's hash, anything else AllKeys, a login nothing; and a
// Service over a store it does not know to be shared records nothing.
func TestSharedChangeKeys(t *testing.T) {
	in := twoInstances(t, "none")
	ctx := context.Background()
	log := sharedDB{in.dbA}
	head, err := log.ChangesSince(ctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	mark := head.Next
	start := time.Date(2026, 11, 30, 14, 0, 0, 0, shanghai)
	nb := booking.NewBooking{Room: "library", Start: start, End: start.Add(time.Hour), Attendees: 1}
	var b *booking.Booking
	var tok string
	user := "user:" + in.admin.ID
	tests := []struct {
		name string
		do   func() error
		want func() []string // after do
	}{
		{"new account", func() error {
			_, err := in.a.CreateUser(ctx, in.admin, booking.NewUser{Username: "admin3", Password: "secret-pass", Name: "三"})
			return err
		}, none},
		{"login", func() (err error) { tok = login(t, in.a, "admin2"); return nil }, none},
		{"booking", func() (err error) { b, err = in.a.CreateBooking(ctx, in.admin, nb); return err }, keys("room:library", user)},
		{"cancel", func() error { return in.a.CancelBooking(ctx, in.admin, b.ID) }, keys("room:library", user)},
		{"logout", func() error { return in.a.Logout(ctx, tok) }, func() []string { return []string{"token:" + sha(tok)} }},
		{"holiday", func() error {
			_, err := in.a.AddHoliday(ctx, in.admin, booking.Holiday{Date: "2026-12-09", Name: "社区日"})
			return err
		}, keys(booking.AllKeys)},
		{"password reset", func() error { return in.a.ResetPassword(ctx, in.admin, in.admin.ID, "another-pass") }, keys(booking.AllKeys)},
		{"not shared", func() error {
			_, err := in.service(in.dbA).CreateBooking(ctx, in.admin, nb)
			return err
		}, none},
	}
	if _, err := in.a.CreateUser(ctx, in.admin, booking.NewUser{Username: "admin2", Password: "secret-pass", Name: "二"}); err != nil {
		t.Fatal(err)
	}
	mark = next(t, log, mark) // the account: nothing
	for _, tc := range tests {
		if err := tc.do(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		ch, err := log.ChangesSince(ctx, mark)
		if err != nil {
			t.Fatal(err)
		}
		if want := tc.want(); !slices.Equal(ch.Keys, want) || ch.All {
			t.Errorf("%s recorded %q (all %t), want %q", tc.name, ch.Keys, ch.All, want)
		}
		mark = ch.Next
	}
}

// keys is a want of these keys; none of no record.
func keys(k ...string) func() []string { return func() []string { return k } }

func none() []string { return nil }

// next is the mark after what the log holds past mark.
func next(t *testing.T, log sharedDB, mark int64) int64 {
	t.Helper()
	ch, err := log.ChangesSince(context.Background(), mark)
	if err != nil {
		t.Fatal(err)
	}
	return ch.Next
}

// sha is a token's hash as the store keeps it.
func sha(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
