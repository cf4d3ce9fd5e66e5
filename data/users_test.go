package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// fillAccounts stores four accounts created a second apart, from the
// time it returns.
func fillAccounts(t *testing.T, db *data.DB) time.Time {
	t.Helper()
	base := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	users := []booking.User{
		{ID: "u1", Username: "admin", Name: "前台 Reception", Role: booking.RoleStaff, FeedToken: "f1"},
		{ID: "u2", Username: "Wang_Li", Name: "王丽", Role: booking.RoleLeader, FeedToken: "f2"},
		{ID: "u3", Username: "waxli", Name: "Chen Mei", Role: booking.RoleResident, FeedToken: "f3"},
		{ID: "u4", Username: "13800138000", Name: "王阿姨 100%", Role: booking.RoleResident, Disabled: true, FeedToken: "f4"},
	}
	err := db.Update(context.Background(), func(tx booking.Tx) error {
		for i, u := range users {
			u.PasswordHash, u.CreatedAt = "x", base.Add(time.Duration(i)*time.Second)
			if err := tx.InsertUser(&u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return base
}

func ids(users []booking.User) []string {
	var out []string
	for _, u := range users {
		out = append(out, u.ID)
	}
	return out
}

// TestFindUsers: a search matches username or name as a substring,
// without regard to case, oldest first; "_" and "%" match only
// themselves; a role keeps only its accounts; the limit holds; disabled
// accounts are listed as such.
func TestFindUsers(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		fillAccounts(t, db)
		tests := []struct {
			name, q string
			role    booking.Role
			limit   int
			want    []string
		}{
			{"everyone", "", "", 10, []string{"u1", "u2", "u3", "u4"}},
			{"limit", "", "", 2, []string{"u1", "u2"}},
			{"username any case", "WANG", "", 10, []string{"u2"}},
			{"name", "王", "", 10, []string{"u2", "u4"}},
			{"name any case", "chen", "", 10, []string{"u3"}},
			{"underscore is literal", "g_l", "", 10, []string{"u2"}},
			{"underscore matches no other character", "wa_l", "", 10, nil},
			{"percent is literal", "%", "", 10, []string{"u4"}},
			{"nothing", "nobody", "", 10, nil},
			{"one role", "", booking.RoleResident, 10, []string{"u3", "u4"}},
			{"role and search", "wa", booking.RoleResident, 10, []string{"u3"}},
			{"role and limit", "", booking.RoleResident, 1, []string{"u3"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var got []booking.User
				err := db.View(context.Background(), func(tx booking.Tx) (err error) {
					got, err = tx.FindUsers(booking.UserFilter{Query: tc.q, Role: tc.role, Limit: tc.limit})
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(ids(got), tc.want) {
					t.Fatalf("FindUsers(%q) = %v, want %v", tc.q, ids(got), tc.want)
				}
				for _, u := range got {
					if u.Disabled != (u.ID == "u4") {
						t.Fatalf("%s disabled = %v", u.ID, u.Disabled)
					}
				}
			})
		}
	})
}

// TestUpdateUser: name, role and disabled are stored; an unknown id is
// ENOTFOUND; a disabled account's feed token finds nobody, and its
// bearer tokens still resolve (the domain refuses them, with a message).
func TestUpdateUser(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		base := fillAccounts(t, db)
		ctx := context.Background()
		err := db.Update(ctx, func(tx booking.Tx) error {
			if err := tx.InsertToken("h3", "u3", base, base.Add(time.Hour)); err != nil {
				return err
			}
			return tx.UpdateUser(&booking.User{ID: "u3", Name: "陈梅", Role: booking.RoleLeader, Disabled: true})
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.View(ctx, func(tx booking.Tx) error {
			u, err := tx.UserByID("u3")
			if err != nil {
				return err
			}
			if u.Name != "陈梅" || u.Role != booking.RoleLeader || !u.Disabled || u.Username != "waxli" || u.PasswordHash != "x" {
				t.Errorf("updated user = %+v", u)
			}
			if u, _, err := tx.UserByToken("h3", base); err != nil || !u.Disabled {
				t.Errorf("token of a disabled account: %+v, %v", u, err)
			}
			if _, err := tx.UserByFeedToken("f3"); booking.ErrorCode(err) != booking.ENOTFOUND {
				t.Errorf("feed token of a disabled account: %v", err)
			}
			if u, err := tx.UserByFeedToken("f2"); err != nil || u.ID != "u2" {
				t.Errorf("feed token of an active account: %+v, %v", u, err)
			}
			n, err := tx.ActiveStaff()
			if err != nil || n != 1 {
				t.Errorf("active staff = %d, %v", n, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(ctx, func(tx booking.Tx) error {
			return tx.UpdateUser(&booking.User{ID: "nobody", Name: "x", Role: booking.RoleResident})
		})
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Fatalf("update of an unknown user: %v", err)
		}
		err = db.Update(ctx, func(tx booking.Tx) error { return tx.SetPasswordHash("nobody", "y") })
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Fatalf("password of an unknown user: %v", err)
		}
	})
}

// TestDeleteTokens: a reset ends every session but the one kept; logout
// ends exactly one; the new hash is stored.
func TestDeleteTokens(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		base := fillAccounts(t, db)
		ctx := context.Background()
		err := db.Update(ctx, func(tx booking.Tx) error {
			for _, k := range []struct{ hash, user string }{{"a1", "u2"}, {"a2", "u2"}, {"a3", "u2"}, {"b1", "u3"}} {
				if err := tx.InsertToken(k.hash, k.user, base, base.Add(time.Hour)); err != nil {
					return err
				}
			}
			if err := tx.SetPasswordHash("u2", "new-hash"); err != nil {
				return err
			}
			if err := tx.DeleteTokens("u2", "a2"); err != nil {
				return err
			}
			if err := tx.DeleteToken("b1"); err != nil {
				return err
			}
			return tx.DeleteToken("no-such-token")
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.View(ctx, func(tx booking.Tx) error {
			for hash, alive := range map[string]bool{"a1": false, "a2": true, "a3": false, "b1": false} {
				_, _, err := tx.UserByToken(hash, base)
				if (err == nil) != alive {
					t.Errorf("token %s: %v, want alive %v", hash, err, alive)
				}
			}
			u, err := tx.UserByID("u2")
			if err == nil && u.PasswordHash != "new-hash" {
				t.Errorf("hash = %q", u.PasswordHash)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(ctx, func(tx booking.Tx) error { return tx.DeleteTokens("u2", "") }); err != nil {
			t.Fatal(err)
		}
		err = db.View(ctx, func(tx booking.Tx) error { _, _, err := tx.UserByToken("a2", base); return err })
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Fatalf("kept token after ending all: %v", err)
		}
	})
}

// TestUpdateTeam: names change and the leaders are replaced, in order;
// an unknown team is ENOTFOUND.
func TestUpdateTeam(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		base := fillAccounts(t, db)
		ctx := context.Background()
		err := db.Update(ctx, func(tx booking.Tx) error {
			if err := tx.InsertTeam(&booking.Team{ID: "choir", Name: "合唱队", NameEN: "Choir", LeaderIDs: []string{"u2"}, CreatedAt: base}); err != nil {
				return err
			}
			return tx.UpdateTeam(&booking.Team{ID: "choir", Name: "明珠合唱团", NameEN: "Pearl Choir", LeaderIDs: []string{"u1", "u2"}})
		})
		if err != nil {
			t.Fatal(err)
		}
		var team *booking.Team
		if err := db.View(ctx, func(tx booking.Tx) (err error) { team, err = tx.Team("choir"); return err }); err != nil {
			t.Fatal(err)
		}
		if team.Name != "明珠合唱团" || team.NameEN != "Pearl Choir" || !slices.Equal(team.Leaders, []string{"admin", "Wang_Li"}) {
			t.Fatalf("team = %+v", team)
		}
		err = db.Update(ctx, func(tx booking.Tx) error { return tx.UpdateTeam(&booking.Team{ID: "none", Name: "x"}) })
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Fatalf("update of an unknown team: %v", err)
		}
	})
}
