package booking

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Session is what a successful login hands back.
type Session struct {
	Token string
	User  *User
}

// hashToken is how tokens are stored: a leaked database holds no usable
// token. SHA-256 suffices because tokens are 256 random bits, not guessable.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Register opens a resident account; nobody can make themselves staff.
// At most Signups registrations per source address within SignupWindow
// (ERATELIMITED beyond): each costs a bcrypt hash. Invalid input is
// refused first and does not count; a taken username does (it was hashed).
func (s *Service) Register(ctx context.Context, c Client, n NewUser) (*User, error) {
	n.Role = RoleResident
	if err := n.Validate(); err != nil {
		return nil, err
	}
	now, ak := s.clock(), addrKey(c.Addr)
	if ak != "" {
		if wait, ok := s.signups.take(now, ak); !ok {
			return nil, rateLimited("该地址注册过于频繁", "too many registrations from this address", wait)
		}
	}
	u, err := s.createUser(ctx, n)
	if code := ErrorCode(err); code != "" && code != ECONFLICT && ak != "" {
		s.signups.undo(now, ak) // our trouble, not the caller's
	}
	return u, err
}

// CreateUser lets staff open accounts of any role (leaders, more staff).
func (s *Service) CreateUser(ctx context.Context, actor *User, n NewUser) (*User, error) {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可创建账号 only staff may create accounts")
	}
	if n.Role == "" {
		n.Role = RoleResident
	}
	return s.createUser(ctx, n)
}

// createUser validates, hashes outside the transaction (bcrypt is slow and
// must not hold the write lock), then inserts.
func (s *Service) createUser(ctx context.Context, n NewUser) (*User, error) {
	u, err := s.newUser(n)
	if err != nil {
		return nil, err
	}
	if actorOf(ctx) == nil {
		ctx = actingAs(ctx, u) // registering: the newcomer acts
	}
	if err := s.store.Update(ctx, func(tx Tx) error { return tx.InsertUser(u) }); err != nil {
		return nil, err
	}
	return u, nil
}

// newUser validates n and hashes its password, ready to insert.
func (s *Service) newUser(n NewUser) (*User, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(n.Password), s.cost)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	return &User{ID: NewID(now), Username: n.Username, Name: n.Name, Role: n.Role,
		PasswordHash: string(hash), FeedToken: NewToken(), CreatedAt: now}, nil
}

// Login checks a password and issues a bearer token valid for
// TokenLifetime. After LoginFailures failures within LoginWindow for the
// username, or from the source address, attempts are refused with
// ERATELIMITED before any hashing, until the oldest failure is LoginWindow
// old. A success forgives the username's failures (its owner's typos), not
// the address's: one valid account must not reset an attacker's count.
func (s *Service) Login(ctx context.Context, c Client, username, password string) (*Session, error) {
	now, uk, ak := s.clock(), userKey(username), addrKey(c.Addr)
	keys := []string{uk}
	if ak != "" {
		keys = append(keys, ak)
	}
	if wait, ok := s.logins.take(now, keys...); !ok {
		return nil, rateLimited("登录失败次数过多", "too many failed logins", wait)
	}
	sess, err := s.login(ctx, username, password)
	switch ErrorCode(err) {
	case "":
		s.logins.clear(uk)
		s.logins.undo(now, keys[1:]...)
	case EUNAUTHORIZED: // a failure: it stays counted
	default:
		s.logins.undo(now, keys...) // our trouble, not the caller's failure
	}
	return sess, err
}

// accountDisabled is the answer for a disabled account, at login (only
// to someone who knows the password) and for its tokens.
func accountDisabled() *Error {
	return Errorf(EUNAUTHORIZED, "账号已停用，请联系工作人员 account disabled, please ask the staff")
}

// login checks the password and stores a new token.
func (s *Service) login(ctx context.Context, username, password string) (*Session, error) {
	denied := Errorf(EUNAUTHORIZED, "用户名或密码错误 wrong username or password")
	var u *User
	err := s.store.View(ctx, func(tx Tx) (err error) {
		u, err = tx.UserByUsername(username)
		return err
	})
	if ErrorCode(err) == ENOTFOUND {
		_ = bcrypt.CompareHashAndPassword(s.dummyHash, []byte(password))
		return nil, denied
	} else if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return nil, denied
	}
	if u.Disabled {
		return nil, accountDisabled()
	}
	token, now := NewToken(), s.clock()
	err = s.store.Update(ctx, func(tx Tx) error {
		return tx.InsertToken(hashToken(token), u.ID, now, now.Add(TokenLifetime))
	})
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, User: u}, nil
}

// Authenticate returns the user a bearer token belongs to, EUNAUTHORIZED
// for an unknown or expired one, or one of a disabled account.
func (s *Service) Authenticate(ctx context.Context, token string) (*User, error) {
	if token == "" {
		return nil, Errorf(EUNAUTHORIZED, "请先登录 please log in")
	}
	hash, now := hashToken(token), s.clock()
	s.catchUpFor(ctx) // another instance may have ended the session
	if u, ok := s.auth.get(hash, now); ok {
		return u, nil
	}
	gen := s.auth.generation()
	var u *User
	var expires time.Time
	err := s.store.View(ctx, func(tx Tx) (err error) {
		u, expires, err = tx.UserByToken(hash, now)
		return err
	})
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(EUNAUTHORIZED, "登录已失效，请重新登录 unknown or expired token, please log in again")
	}
	if err == nil && u.Disabled {
		return nil, accountDisabled()
	}
	if err == nil {
		s.auth.put(hash, u, now, expires, gen)
	}
	return u, err
}

// ResetFeedToken gives u a new private feed address; the old one stops
// working at once.
func (s *Service) ResetFeedToken(ctx context.Context, u *User) (string, error) {
	ctx = actingAs(ctx, u)
	token := NewToken()
	if err := s.store.Update(ctx, func(tx Tx) error { return tx.SetFeedToken(u.ID, token) }); err != nil {
		return "", err
	}
	u.FeedToken = token
	s.auth.forget(u.ID)
	s.vers.touch("user:" + u.ID)
	return token, nil
}
