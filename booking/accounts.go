package booking

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Limits of a staff search of accounts: a centre has hundreds of
// residents, not millions; search narrows a longer list.
const (
	DefaultUserLimit = 200
	MaxUserLimit     = 1000
)

// Users lets staff list accounts, oldest first: those whose username or
// name contains f.Query without regard to case (every account for an
// empty query) and, if f.Role is set, have that role; at most f.Limit
// (DefaultUserLimit when 0, MaxUserLimit at most).
func (s *Service) Users(ctx context.Context, actor *User, f UserFilter) ([]User, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可查看账号 only staff may list accounts")
	}
	if f.Limit == 0 {
		f.Limit = DefaultUserLimit
	}
	if f.Limit < 1 || f.Limit > MaxUserLimit {
		return nil, Invalid("limit", "须为1-%d的整数 must be a whole number from 1 to %d", MaxUserLimit, MaxUserLimit)
	}
	if utf8.RuneCountInString(f.Query) > 64 {
		return nil, Invalid("q", "搜索词不能超过64个字符 q must be at most 64 characters")
	}
	if f.Role != "" {
		if err := validateRole(f.Role); err != nil {
			return nil, err
		}
	}
	f.Query = strings.TrimSpace(f.Query)
	var users []User
	err := s.store.View(ctx, func(tx Tx) (err error) {
		users, err = tx.FindUsers(f)
		return err
	})
	return users, err
}

// UserPatch changes an account; nil fields stay as they are.
type UserPatch struct {
	Name     *string
	Role     *Role
	Disabled *bool
}

// validate checks the fields given, by the rules of account creation.
func (p UserPatch) validate() error {
	if p.Name != nil {
		if err := validateName(*p.Name); err != nil {
			return err
		}
	}
	if p.Role != nil {
		return validateRole(*p.Role)
	}
	return nil
}

// PatchUser lets staff rename an account, change its role, or disable
// and enable it; the change applies at once, also to tokens already
// verified. So that a centre cannot lock itself out, nobody disables
// their own account or gives up their own staff role, and the last
// active staff account stays so. A user who still leads teams cannot
// become a resident: change the teams' leaders first.
func (s *Service) PatchUser(ctx context.Context, actor *User, id string, p UserPatch) (*User, error) {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可修改账号 only staff may change accounts")
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	var u *User
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		if u, err = tx.UserByID(id); err != nil {
			return err
		}
		before := *u
		if p.Name != nil {
			u.Name = *p.Name
		}
		if p.Role != nil {
			u.Role = *p.Role
		}
		if p.Disabled != nil {
			u.Disabled = *p.Disabled
		}
		if err := s.checkUserChange(tx, actor, &before, u); err != nil {
			return err
		}
		if u.Disabled && !before.Disabled {
			// Disabling ends the sessions, so that enabling again (say,
			// after a stolen phone) does not bring them back.
			if err := tx.DeleteTokens(u.ID, ""); err != nil {
				return err
			}
		}
		return tx.UpdateUser(u)
	})
	if err != nil {
		return nil, err
	}
	s.auth.forget(u.ID)
	s.vers.touch("user:" + u.ID) // the private feed carries the name
	return u, nil
}

// checkUserChange refuses the changes that would lock the centre out or
// leave a team led by a resident.
func (s *Service) checkUserChange(tx Tx, actor *User, before, after *User) error {
	staffLost := before.Role == RoleStaff && !before.Disabled && (after.Role != RoleStaff || after.Disabled)
	field := "disabled"
	if before.Role == RoleStaff && after.Role != RoleStaff {
		field = "role"
	}
	if staffLost && after.ID == actor.ID {
		if field == "role" {
			return Invalid(field, "不能取消自己的工作人员角色 you cannot give up your own staff role")
		}
		return Invalid(field, "不能停用自己的账号 you cannot disable your own account")
	}
	if staffLost {
		n, err := tx.ActiveStaff()
		if err != nil {
			return err
		}
		if n <= 1 {
			return Invalid(field, "这是最后一个有效的工作人员账号 this is the last active staff account")
		}
	}
	if after.Role == RoleResident && before.Role != RoleResident {
		teams, err := s.teamsLedBy(tx, after)
		if err != nil || len(teams) == 0 {
			return err
		}
		ids := make([]string, len(teams))
		for i, t := range teams {
			ids[i] = t.ID
		}
		list := strings.Join(ids, ", ")
		return Invalid("role", "仍是队伍%s的领队，请先更换这些队伍的领队 still leads %s; change those teams' leaders first", list, list)
	}
	return nil
}
