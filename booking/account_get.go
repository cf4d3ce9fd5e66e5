package booking

import "context"

// User lets staff look one account up by id (ENOTFOUND when there is
// none): the staff pages show an account before changing it.
func (s *Service) User(ctx context.Context, actor *User, id string) (*User, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可查看账号 only staff may list accounts")
	}
	var u *User
	err := s.store.View(ctx, func(tx Tx) (err error) {
		u, err = tx.UserByID(id)
		return err
	})
	return u, err
}
