package booking

import (
	"context"

	"golang.org/x/crypto/bcrypt"
)

// ResetPassword lets staff set a new password for an account (one who
// forgot theirs); all of that account's sessions end at once.
func (s *Service) ResetPassword(ctx context.Context, actor *User, id, password string) error {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return Errorf(EFORBIDDEN, "仅工作人员可重置密码 only staff may reset passwords")
	}
	_, err := s.setPassword(ctx, func(tx Tx) (*User, error) { return tx.UserByID(id) }, password, "")
	return err
}

// SetPassword is the operator's reset (mingzhu passwd), by username and
// without an actor: whoever holds the database file may do anything. It
// returns the account; all its sessions end (a service running on the
// same file notices within its token cache's minute).
func (s *Service) SetPassword(ctx context.Context, username, password string) (*User, error) {
	return s.setPassword(ctx, func(tx Tx) (*User, error) { return tx.UserByUsername(username) }, password, "")
}

// ChangePassword lets a user replace their own password, given the
// current one; their other sessions end, the one with token stays. Wrong
// current passwords count as failed logins (see Login).
func (s *Service) ChangePassword(ctx context.Context, c Client, actor *User, token, old, password string) error {
	ctx = actingAs(ctx, actor)
	if err := validatePassword("password", password); err != nil {
		return err
	}
	now, uk, ak := s.clock(), userKey(actor.Username), addrKey(c.Addr)
	keys := []string{uk}
	if ak != "" {
		keys = append(keys, ak)
	}
	if wait, ok := s.logins.take(now, keys...); !ok {
		return rateLimited("密码错误次数过多", "too many wrong passwords", wait)
	}
	var hash string
	err := s.store.View(ctx, func(tx Tx) error {
		u, err := tx.UserByID(actor.ID)
		if err == nil {
			hash = u.PasswordHash
		}
		return err
	})
	if err == nil && bcrypt.CompareHashAndPassword([]byte(hash), []byte(old)) != nil {
		return Invalid("old_password", "当前密码不正确 the current password is wrong")
	}
	s.logins.undo(now, keys...) // right, or our trouble: no failure
	if err != nil {
		return err
	}
	_, err = s.setPassword(ctx, func(tx Tx) (*User, error) { return tx.UserByID(actor.ID) }, password, hashToken(token))
	return err
}

// setPassword validates and hashes outside the transaction (bcrypt must
// not hold the write lock), then stores the hash and ends the account's
// sessions but the one whose token hash is keep.
func (s *Service) setPassword(ctx context.Context, find func(Tx) (*User, error), password, keep string) (*User, error) {
	if err := validatePassword("password", password); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return nil, err
	}
	var u *User
	err = s.store.Update(ctx, func(tx Tx) (err error) {
		if u, err = find(tx); err != nil {
			return err
		}
		if err := tx.SetPasswordHash(u.ID, string(hash)); err != nil {
			return err
		}
		return tx.DeleteTokens(u.ID, keep)
	})
	if err != nil {
		return nil, err
	}
	u.PasswordHash = string(hash)
	s.auth.forget(u.ID)
	return u, nil
}

// Logout ends the session of one bearer token at once: the next request
// with it is refused, also within the token cache's minute.
func (s *Service) Logout(ctx context.Context, token string) error {
	hash := hashToken(token)
	err := s.store.Update(ctx, func(tx Tx) error { return tx.DeleteToken(hash) })
	s.auth.forgetToken(hash)
	return err
}
