package data_test

import (
	"slices"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestFindUsersLiteral: FindUsers matches username or name as a
// substring, ASCII letters without regard to case and every other
// character as itself: the LIKE wildcards % and _ and the escape
// character \ match only themselves, on both stores.
func TestFindUsersLiteral(t *testing.T) {
	forEachStore(t, checkFindUsers)
}

func checkFindUsers(t *testing.T, db *data.DB) {
	users := []struct{ id, username, name string }{
		{"u1", "Wang_Li", "王丽"},
		{"u2", "waxli", "Chen MEI"},
		{"u3", "pct", "百分之 100%"},
		{"u4", "bs", `back\slash`},
		{"u5", "bsu", `x\_y`},
		{"u6", "emile", "Émile"},
		{"u7", "plain", "abc"},
	}
	update(t, db, func(tx booking.Tx) error {
		for i, u := range users {
			if err := tx.InsertUser(&booking.User{ID: u.id, Username: u.username, Name: u.name, Role: booking.RoleResident,
				PasswordHash: "x", CreatedAt: day0.Add(time.Duration(i) * time.Second)}); err != nil {
				return err
			}
		}
		return nil
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"wang_li", []string{"u1"}},
		{"WANG_LI", []string{"u1"}},
		{"chen mei", []string{"u2"}},
		{"Mei", []string{"u2"}},
		{"_", []string{"u1", "u5"}},
		{"g_l", []string{"u1"}},
		{"wa_l", nil}, // _ is no wildcard: waxli does not match
		{"%", []string{"u3"}},
		{"0%", []string{"u3"}},
		{"1%0", nil}, // % is no wildcard
		{`\`, []string{"u4", "u5"}},
		{`k\s`, []string{"u4"}},
		{`\_`, []string{"u5"}},
		{`\s`, []string{"u4"}},
		{`\\`, nil},
		{`x\`, []string{"u5"}},
		{"É", []string{"u6"}},
		{"émile", nil}, // É is not an ASCII letter: its case counts
		{"ÉMILE", []string{"u6"}},
		{"王", []string{"u1"}},
		{"", []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7"}},
	} {
		var got []booking.User
		view(t, db, func(tx booking.Tx) (err error) {
			got, err = tx.FindUsers(booking.UserFilter{Query: tc.q, Limit: 50})
			return err
		})
		if !slices.Equal(ids(got), tc.want) {
			t.Errorf("FindUsers(%q) = %v, want %v", tc.q, ids(got), tc.want)
		}
	}
}
