package data_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestErrorsTranslated: driver errors reach the domain as coded errors,
// and a failed Update leaves nothing behind.
func TestErrorsTranslated(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		u := &booking.User{ID: "u1", Username: "Alice", Name: "A", Role: booking.RoleResident, PasswordHash: "x", CreatedAt: time.Now()}
		update(t, db, func(tx booking.Tx) error { return tx.InsertUser(u) })
		err := db.Update(t.Context(), func(tx booking.Tx) error {
			if err := tx.PutRoom(booking.Room{ID: "music", Name: "器乐室", NameEN: "Music", Capacity: 5}); err != nil {
				return err
			}
			return tx.InsertUser(&booking.User{ID: "u2", Username: "alice", Name: "B", Role: booking.RoleResident, PasswordHash: "x"})
		})
		wantCode(t, "duplicate username (any case)", err, booking.ECONFLICT)
		err = db.View(t.Context(), func(tx booking.Tx) error { _, err := tx.Room("music"); return err })
		wantCode(t, "rolled-back room", err, booking.ENOTFOUND)
		err = db.View(t.Context(), func(tx booking.Tx) error { _, err := tx.UserByID("nobody"); return err })
		wantCode(t, "missing user", err, booking.ENOTFOUND)
	})
}

// TestUsernameIgnoresASCIICase: usernames are unique without regard to
// ASCII case, and UserByUsername finds an account by any ASCII case of
// its name. Other letters keep their case on both stores (SQLite's NOCASE
// folds ASCII only), so that any SQLite store copies into PostgreSQL.
func TestUsernameIgnoresASCIICase(t *testing.T) {
	forEachStore(t, checkUsernames)
}

func checkUsernames(t *testing.T, db *data.DB) {
	insert := func(id, username string) error {
		return db.Update(t.Context(), func(tx booking.Tx) error {
			return tx.InsertUser(&booking.User{ID: id, Username: username, Name: id, Role: booking.RoleResident,
				PasswordHash: "x", CreatedAt: day0})
		})
	}
	if err := insert("u1", "Alice"); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"alice", "ALICE", "aLiCe", "Alice"} {
		wantCode(t, "username "+name+" after Alice", insert(fmt.Sprint("dup", i), name), booking.ECONFLICT)
	}
	for _, name := range []string{"Émile", "émile"} {
		if err := insert(name, name); err != nil {
			t.Errorf("%s: %v (only ASCII letters fold)", name, err)
		}
	}
	view(t, db, func(tx booking.Tx) error {
		for name, id := range map[string]string{"Alice": "u1", "alice": "u1", "ALICE": "u1", "Émile": "Émile", "émile": "émile",
			"ÉMILE": "Émile", "éMILE": "émile"} {
			u, err := tx.UserByUsername(name)
			if err != nil || u.ID != id || (id == "u1" && u.Username != "Alice") {
				t.Errorf("UserByUsername(%q) = %+v, %v; want %s", name, u, err, id)
			}
		}
		for _, name := range []string{"alic", "alice ", "Emile", "%"} {
			_, err := tx.UserByUsername(name)
			wantCode(t, "UserByUsername("+name+")", err, booking.ENOTFOUND)
		}
		users, err := tx.Users()
		if err != nil || len(users) != 3 {
			t.Errorf("users = %+v, %v: the refused inserts left rows", users, err)
		}
		return nil
	})
}

// TestUnknownIDs: every read or change of one row by its id answers
// ENOTFOUND for an id that does not exist, and changes nothing.
func TestUnknownIDs(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		before, err := db.Fingerprint(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		c := booking.StatusConfirmed
		ops := map[string]func(tx booking.Tx) error{
			"Room": func(tx booking.Tx) error { _, err := tx.Room("nope"); return err },
			"UpdateRoom": func(tx booking.Tx) error {
				return tx.UpdateRoom(booking.Room{ID: "nope", Name: "x", NameEN: "x", Capacity: 1})
			},
			"UserByID":        func(tx booking.Tx) error { _, err := tx.UserByID("nobody"); return err },
			"UserByUsername":  func(tx booking.Tx) error { _, err := tx.UserByUsername("nobody"); return err },
			"UserByToken":     func(tx booking.Tx) error { _, _, err := tx.UserByToken("nohash", day0); return err },
			"UserByFeedToken": func(tx booking.Tx) error { _, err := tx.UserByFeedToken("nofeed"); return err },
			"UpdateUser": func(tx booking.Tx) error {
				return tx.UpdateUser(&booking.User{ID: "nobody", Name: "x", Role: booking.RoleResident})
			},
			"SetPasswordHash": func(tx booking.Tx) error { return tx.SetPasswordHash("nobody", "y") },
			"Booking":         func(tx booking.Tx) error { _, err := tx.Booking("nope"); return err },
			"SetBookingState": func(tx booking.Tx) error { return tx.SetBookingState(bk("nope", "r", 1, 1, c), day0) },
			"Team":            func(tx booking.Tx) error { _, err := tx.Team("nope"); return err },
			"UpdateTeam":      func(tx booking.Tx) error { return tx.UpdateTeam(&booking.Team{ID: "nope", Name: "x", NameEN: "x"}) },
			"Series":          func(tx booking.Tx) error { _, err := tx.Series("nope"); return err },
			"UpdateSeries": func(tx booking.Tx) error {
				return tx.UpdateSeries(&booking.Series{ID: "nope", Team: "t", Title: "x", CreatedBy: "u", CreatedAt: day0, UpdatedAt: day0})
			},
			"Closure":               func(tx booking.Tx) error { _, err := tx.Closure("nope"); return err },
			"DeleteClosure":         func(tx booking.Tx) error { return tx.DeleteClosure("nope") },
			"SetClosureEnd":         func(tx booking.Tx) error { return tx.SetClosureEnd("nope", day0) },
			"DeleteHolidayOverride": func(tx booking.Tx) error { return tx.DeleteHolidayOverride("2028-01-01") },
		}
		for name, op := range ops {
			wantCode(t, name, db.Update(t.Context(), op), booking.ENOTFOUND)
			if name == "Room" || name == "UserByID" || name == "Booking" || name == "Series" || name == "Closure" || name == "Team" {
				wantCode(t, name+" in a View", db.View(t.Context(), op), booking.ENOTFOUND)
			}
		}
		// An expired token is as unknown as a missing one.
		update(t, db, func(tx booking.Tx) error { return tx.InsertToken("old", "u", day0, day0.Add(time.Hour)) })
		err = db.View(t.Context(), func(tx booking.Tx) error { _, _, err := tx.UserByToken("old", day0.Add(time.Hour)); return err })
		wantCode(t, "expired token", err, booking.ENOTFOUND)
		update(t, db, func(tx booking.Tx) error { return tx.DeleteToken("old") })
		if after, err := db.Fingerprint(t.Context()); err != nil || after != before {
			t.Errorf("the refused changes changed the store (%v):\n%s\nwant\n%s", err, after, before)
		}
	})
}

// TestMissingReferences: a row that refers to a room, user, team or series
// that does not exist is refused as EINVALID (the foreign keys), not stored.
func TestMissingReferences(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		update(t, db, func(tx booking.Tx) error {
			return tx.InsertTeam(&booking.Team{ID: "t", Name: "T", NameEN: "T", CreatedAt: day0})
		})
		before, err := db.Fingerprint(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		c := booking.StatusConfirmed
		series := func(mod func(s *booking.Series)) *booking.Series {
			s := &booking.Series{ID: "s", Team: "t", Title: "S", CreatedBy: "u", CreatedAt: day0, UpdatedAt: day0,
				Parts: []booking.Part{{Room: "r", Start: day0, End: day0.Add(time.Hour), RRule: "FREQ=WEEKLY", FirstStart: day0}}}
			mod(s)
			return s
		}
		ops := map[string]func(tx booking.Tx) error{
			"booking in a missing room": func(tx booking.Tx) error { return tx.InsertBooking(bk("b", "nope", 1, 1, c)) },
			"booking of a missing user": func(tx booking.Tx) error {
				b := bk("b", "r", 1, 1, c)
				b.UserID = "nobody"
				return tx.InsertBooking(b)
			},
			"series part in a missing room": func(tx booking.Tx) error {
				return tx.InsertSeries(series(func(s *booking.Series) { s.Parts[0].Room = "nope" }))
			},
			"series move to a missing room": func(tx booking.Tx) error {
				return tx.InsertSeries(series(func(s *booking.Series) {
					s.Exceptions = []booking.Exception{{Original: day0.AddDate(0, 0, 7), Action: booking.ActionMove,
						Start: day0.AddDate(0, 0, 8), End: day0.AddDate(0, 0, 8).Add(time.Hour), Room: "nope"}}
				}))
			},
			"series of a missing team": func(tx booking.Tx) error {
				return tx.InsertSeries(series(func(s *booking.Series) { s.Team = "nope" }))
			},
			"closure of a missing room": func(tx booking.Tx) error {
				return tx.InsertClosure(&booking.Closure{ID: "c", Room: "nope", Start: day0, End: day0.Add(time.Hour), Reason: "x", CreatedAt: day0})
			},
			"token of a missing user": func(tx booking.Tx) error { return tx.InsertToken("h", "nobody", day0, day0.Add(time.Hour)) },
			"team led by a missing user": func(tx booking.Tx) error {
				return tx.InsertTeam(&booking.Team{ID: "t2", Name: "T2", NameEN: "T2", LeaderIDs: []string{"nobody"}, CreatedAt: day0})
			},
		}
		for name, op := range ops {
			wantCode(t, name, db.Update(t.Context(), op), booking.EINVALID)
		}
		if after, err := db.Fingerprint(t.Context()); err != nil || after != before {
			t.Errorf("refused rows were stored (%v):\n%s\nwant\n%s", err, after, before)
		}
	})
}

// TestFailedUpdateLeavesNothing: an error from Update's function rolls
// back every kind of write it made, the revision and the change log too,
// and reaches the caller as it was returned.
func TestFailedUpdateLeavesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		basics(t, db)
		update(t, db, func(tx booking.Tx) error { return tx.InsertBooking(bk("kept", "r", 1, 1, booking.StatusConfirmed)) })
		before, err := db.Fingerprint(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		head, err := db.ChangesSince(t.Context(), -1)
		if err != nil {
			t.Fatal(err)
		}
		stop := errors.New("stop")
		err = db.Update(t.Context(), func(tx booking.Tx) error {
			if err := fill(tx, "rolled-"); err != nil {
				return err
			}
			if err := tx.SetBookingStatus("kept", booking.StatusCancelled, day0); err != nil {
				return err
			}
			return stop
		})
		if !errors.Is(err, stop) {
			t.Fatalf("Update = %v, want the function's error", err)
		}
		if after, err := db.Fingerprint(t.Context()); err != nil || after != before {
			t.Errorf("a rolled-back Update left rows (%v):\n%s\nwant\n%s", err, after, before)
		}
		if ch, err := db.ChangesSince(t.Context(), head.Next); err != nil || len(ch.Keys) != 0 || ch.All {
			t.Errorf("changes after a rollback: %+v, %v", ch, err)
		}
	})
}

// TestDuplicateIDs: a second row with a taken id (or feed token, or token
// hash) is ECONFLICT and changes nothing.
func TestDuplicateIDs(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		update(t, db, func(tx booking.Tx) error { return fill(tx, "") })
		before, err := db.Fingerprint(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		ops := map[string]func(tx booking.Tx) error{
			"user id": func(tx booking.Tx) error {
				return tx.InsertUser(&booking.User{ID: "staff", Username: "other", Name: "x", Role: booking.RoleResident, PasswordHash: "x"})
			},
			"feed token": func(tx booking.Tx) error {
				return tx.InsertUser(&booking.User{ID: "other", Username: "other", Name: "x", Role: booking.RoleResident, PasswordHash: "x", FeedToken: "feed-staff"})
			},
			"token": func(tx booking.Tx) error { return tx.InsertToken("tok1", "staff", day0, day0.Add(time.Hour)) },
			"team":  func(tx booking.Tx) error { return tx.InsertTeam(&booking.Team{ID: "choir", Name: "x", NameEN: "x"}) },
			"booking": func(tx booking.Tx) error {
				b := bk("b-cancelled", "studio", 30, 1, booking.StatusCancelled)
				b.UserID = "staff"
				return tx.InsertBooking(b)
			},
			"series": func(tx booking.Tx) error {
				return tx.InsertSeries(&booking.Series{ID: "s2", Team: "chess", Title: "x", CreatedBy: "staff", CreatedAt: day0, UpdatedAt: day0})
			},
			"closure": func(tx booking.Tx) error {
				return tx.InsertClosure(&booking.Closure{ID: "c-all", Start: day0, End: day0.Add(time.Hour), Reason: "x", CreatedAt: day0})
			},
		}
		for name, op := range ops {
			wantCode(t, name, db.Update(t.Context(), op), booking.ECONFLICT)
		}
		if after, err := db.Fingerprint(t.Context()); err != nil || after != before {
			t.Errorf("refused rows were stored (%v)", err)
		}
	})
}
