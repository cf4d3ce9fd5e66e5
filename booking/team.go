package booking

import (
	"context"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"
)

// Team is a group with fixed classes (合唱队, 太极队, a partner's weekend
// class). Its leaders schedule its series.
type Team struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	NameEN  string   `json:"name_en"`
	Leaders []string `json:"leaders"` // usernames, for people
	// LeaderIDs are the user ids behind Leaders, for permission checks.
	LeaderIDs []string  `json:"-"`
	CreatedAt time.Time `json:"-"`
}

// Label is the team's name as people read it.
func (t Team) Label() string { return t.Name + " " + t.NameEN }

// LedBy reports whether u may manage this team's series.
func (t *Team) LedBy(u *User) bool {
	return u.IsStaff() || slices.Contains(t.LeaderIDs, u.ID)
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,31}$`)

// validate checks a new team's own fields; leaders are checked against the
// store.
func (t *Team) validate() error {
	if !slugPattern.MatchString(t.ID) {
		return Invalid("id", "编号须为2-32位小写字母、数字、_或- id must be 2-32 lower-case letters, digits, _ or -")
	}
	if t.Name == "" || utf8.RuneCountInString(t.Name) > 64 {
		return Invalid("name", "名称须为1-64个字符 name must be 1-64 characters")
	}
	if utf8.RuneCountInString(t.NameEN) > 64 {
		return Invalid("name_en", "英文名称不能超过64个字符 name_en must be at most 64 characters")
	}
	return nil
}

// CreateTeam lets staff add a team with its leaders (role leader or staff).
func (s *Service) CreateTeam(ctx context.Context, actor *User, t Team) (*Team, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可创建队伍 only staff may create teams")
	}
	if err := t.validate(); err != nil {
		return nil, err
	}
	t.CreatedAt = s.clock()
	if err := s.store.Update(ctx, func(tx Tx) error { return insertTeam(tx, &t) }); err != nil {
		return nil, err
	}
	s.vers.touch("team:" + t.ID)
	for _, id := range t.LeaderIDs {
		s.vers.touch("user:" + id)
	}
	return &t, nil
}

// insertTeam resolves the leaders' usernames and stores the team.
func insertTeam(tx Tx, t *Team) error {
	t.LeaderIDs = nil
	for _, name := range t.Leaders {
		u, err := tx.UserByUsername(name)
		if ErrorCode(err) == ENOTFOUND {
			return Invalid("leaders", "没有用户 %q no such user", name)
		} else if err != nil {
			return err
		}
		if u.Role != RoleLeader && u.Role != RoleStaff {
			return Invalid("leaders", "%q 须为领队或工作人员 must have role leader or staff", name)
		}
		t.LeaderIDs = append(t.LeaderIDs, u.ID)
	}
	return tx.InsertTeam(t)
}

// Teams lists all teams.
func (s *Service) Teams(ctx context.Context) (teams []Team, err error) {
	err = s.store.View(ctx, func(tx Tx) error {
		teams, err = tx.Teams()
		return err
	})
	return teams, err
}

// Team returns one team, ENOTFOUND when there is none.
func (s *Service) Team(ctx context.Context, id string) (team *Team, err error) {
	err = s.store.View(ctx, func(tx Tx) error {
		team, err = tx.Team(id)
		return err
	})
	return team, err
}
