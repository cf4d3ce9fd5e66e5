package booking

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Seed is the starting content of a new database.
type Seed struct {
	Rooms []Room     `json:"rooms"`
	Teams []SeedTeam `json:"teams"`
}

// SeedTeam is a team with its leader account and weekly classes.
type SeedTeam struct {
	Team
	Leader  struct{ Username, Name string } `json:"leader"`
	Classes []SeedClass                     `json:"classes"`
}

// SeedClass is a weekly class: on Days (RRULE BYDAY list) from Start to
// End, wall-clock times in the site zone.
type SeedClass struct {
	Room, Title, Days, Start, End string
}

// Credential is an account created by Bootstrap, with the password to
// print once.
type Credential struct {
	Username, Password string
	Role               Role
}

// Bootstrap fills a database that has no rooms yet, in one transaction:
// rooms, the admin account (a random password when adminPassword is
// empty), and the seed's teams, each with a leader account (random
// password) and its weekly classes from this week on. A database that
// already has rooms is left alone, so restarts are safe.
func (s *Service) Bootstrap(ctx context.Context, seed Seed, adminPassword string) ([]Credential, error) {
	var rooms []Room
	if err := s.store.View(ctx, func(tx Tx) (err error) { rooms, err = tx.Rooms(); return err }); err != nil || len(rooms) > 0 {
		return nil, err // an existing database: nothing to seed, nothing to check
	}
	if adminPassword == "" {
		adminPassword = NewToken()[:16]
	}
	creds := []Credential{{Username: "admin", Password: adminPassword, Role: RoleStaff}}
	users := []NewUser{{Username: "admin", Password: adminPassword, Name: "前台工作人员 Reception staff", Role: RoleStaff}}
	for _, t := range seed.Teams {
		c := Credential{Username: t.Leader.Username, Password: NewToken()[:16], Role: RoleLeader}
		creds = append(creds, c)
		users = append(users, NewUser{Username: c.Username, Password: c.Password, Name: t.Leader.Name, Role: RoleLeader})
	}
	var accounts []*User
	for _, n := range users { // hashed before the write lock is taken
		u, err := s.newUser(n)
		if err != nil {
			return nil, fmt.Errorf("seed account %s: %w", n.Username, err)
		}
		accounts = append(accounts, u)
	}
	var fresh bool
	err := s.bulkUpdate(ctx, func(tx Tx) error {
		rooms, err := tx.Rooms()
		if err != nil || len(rooms) > 0 {
			return err
		}
		fresh = true
		return s.seed(tx, seed, accounts)
	})
	if err != nil || !fresh {
		return nil, err
	}
	return creds, nil
}

// seed writes rooms, accounts (admin first), teams and classes.
func (s *Service) seed(tx Tx, seed Seed, accounts []*User) error {
	for _, r := range seed.Rooms {
		if err := tx.PutRoom(r); err != nil {
			return err
		}
	}
	for _, u := range accounts {
		if err := tx.InsertUser(u); err != nil {
			return err
		}
	}
	for _, t := range seed.Teams {
		t.Team.Leaders, t.Team.CreatedAt = []string{t.Leader.Username}, s.clock()
		if err := insertTeam(tx, &t.Team); err != nil {
			return fmt.Errorf("seed team %s: %w", t.ID, err)
		}
		for _, cl := range t.Classes {
			start, end, err := s.firstClass(cl)
			if err != nil {
				return err
			}
			_, err = s.createSeries(tx, accounts[0], NewSeries{Team: t.ID, Room: cl.Room, Title: cl.Title,
				Start: start, End: end, RRule: "FREQ=WEEKLY;BYDAY=" + cl.Days, OnConflict: OnConflictSkip})
			if err != nil {
				return fmt.Errorf("seed class %s: %w", cl.Title, err)
			}
		}
	}
	return nil
}

var weekdayCodes = map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
	"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}

// firstClass finds the first date from today whose weekday is one of the
// class's days, and places the class there in the site zone.
func (s *Service) firstClass(cl SeedClass) (time.Time, time.Time, error) {
	var sh, sm, eh, em int
	if _, err := fmt.Sscanf(cl.Start+" "+cl.End, "%d:%d %d:%d", &sh, &sm, &eh, &em); err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("class times %q-%q: %w", cl.Start, cl.End, err)
	}
	days := map[time.Weekday]bool{}
	for _, d := range strings.Split(cl.Days, ",") {
		days[weekdayCodes[d]] = true
	}
	today := s.clock()
	for i := 0; i < 7; i++ {
		d := today.AddDate(0, 0, i)
		if days[d.Weekday()] {
			y, m, dd := d.Date()
			return time.Date(y, m, dd, sh, sm, 0, 0, s.loc), time.Date(y, m, dd, eh, em, 0, 0, s.loc), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("class days %q name no weekday", cl.Days)
}
