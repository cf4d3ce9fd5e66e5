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
		return Invalid("id", "编号须由2-32位小写字母、数字、_或-组成 id must be 2-32 lower-case letters, digits, _ or -")
	}
	if err := validateTeamName(t.Name); err != nil {
		return err
	}
	return validateTeamNameEN(t.NameEN)
}

func validateTeamName(name string) error {
	if err := checkText("name", name); err != nil {
		return err
	}
	if name == "" || utf8.RuneCountInString(name) > 64 {
		return Invalid("name", "名称须为1-64个字符 name must be 1-64 characters")
	}
	return nil
}

func validateTeamNameEN(name string) error {
	if err := checkText("name_en", name); err != nil {
		return err
	}
	if utf8.RuneCountInString(name) > 64 {
		return Invalid("name_en", "英文名称不能超过64个字符 name_en must be at most 64 characters")
	}
	return nil
}

// CreateTeam lets staff add a team with its leaders (role leader or staff).
func (s *Service) CreateTeam(ctx context.Context, actor *User, t Team) (*Team, error) {
	ctx = actingAs(ctx, actor)
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
	if err := resolveLeaders(tx, t); err != nil {
		return err
	}
	return tx.InsertTeam(t)
}

// resolveLeaders finds the accounts behind t.Leaders (usernames, role
// leader or staff, each once) and sets LeaderIDs and the usernames as
// stored.
func resolveLeaders(tx Tx, t *Team) error {
	t.LeaderIDs = []string{}
	if t.Leaders == nil {
		t.Leaders = []string{} // answered as [], as every listing does
	}
	for i, name := range t.Leaders {
		u, err := tx.UserByUsername(name)
		if ErrorCode(err) == ENOTFOUND {
			return Invalid("leaders", "没有用户「%s」 no such user %q", name, name)
		} else if err != nil {
			return err
		}
		if u.Role != RoleLeader && u.Role != RoleStaff {
			return Invalid("leaders", "%q 须为领队或工作人员 must have role leader or staff", name)
		}
		if slices.Contains(t.LeaderIDs, u.ID) {
			return Invalid("leaders", "%q 重复 is listed twice", name)
		}
		t.LeaderIDs = append(t.LeaderIDs, u.ID)
		t.Leaders[i] = u.Username
	}
	return nil
}

// TeamPatch changes a team; nil fields stay as they are. Leaders, if
// given, replace the list (usernames, role leader or staff).
type TeamPatch struct {
	Name    *string
	NameEN  *string
	Leaders *[]string
}

func (p TeamPatch) validate() error {
	if p.Name != nil {
		if err := validateTeamName(*p.Name); err != nil {
			return err
		}
	}
	if p.NameEN != nil {
		return validateTeamNameEN(*p.NameEN)
	}
	return nil
}

// PatchTeam lets staff rename a team or change its leaders. Every feed
// and listing that shows the team is rebuilt: its own feed, the courses
// feed, the rooms its classes use, and the private feeds of its old and
// new leaders.
func (s *Service) PatchTeam(ctx context.Context, actor *User, id string, p TeamPatch) (*Team, error) {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可修改队伍 only staff may change teams")
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	var t *Team
	var keys []string
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		if t, err = tx.Team(id); err != nil {
			return err
		}
		for _, uid := range t.LeaderIDs {
			keys = append(keys, "user:"+uid)
		}
		if err := p.apply(tx, t); err != nil {
			return err
		}
		if err := tx.UpdateTeam(t); err != nil {
			return err
		}
		list, err := tx.SeriesList(SeriesFilter{Team: id})
		for _, se := range list {
			keys = append(keys, seriesKeys(se)...)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, uid := range t.LeaderIDs {
		keys = append(keys, "user:"+uid)
	}
	s.vers.touch(append(keys, "team:"+id, "courses")...)
	return t, nil
}

// apply puts the patch's fields into t, resolving new leaders.
func (p TeamPatch) apply(tx Tx, t *Team) error {
	if p.Name != nil {
		t.Name = *p.Name
	}
	if p.NameEN != nil {
		t.NameEN = *p.NameEN
	}
	if p.Leaders == nil {
		return nil
	}
	t.Leaders = slices.Clone(*p.Leaders)
	if t.Leaders == nil {
		t.Leaders = []string{}
	}
	return resolveLeaders(tx, t)
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
