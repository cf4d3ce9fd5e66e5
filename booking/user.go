package booking

import (
	"regexp"
	"time"
	"unicode/utf8"
)

// Role decides what a user may do.
type Role string

// Roles: residents book, leaders also schedule their teams' classes, staff
// run the centre.
const (
	RoleResident Role = "resident"
	RoleLeader   Role = "leader"
	RoleStaff    Role = "staff"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleResident || r == RoleLeader || r == RoleStaff
}

// User is an account. The password hash never leaves the store layer in
// anything sent to a client.
type User struct {
	ID           string `json:"id"`
	Username     string `json:"username"`
	Name         string `json:"name"`
	Role         Role   `json:"role"`
	PasswordHash string `json:"-"`
	// FeedToken is the secret in the address of the user's own calendar
	// feed. Unlike a bearer token it must be shown again (in /me), so it
	// is stored as is; it only ever grants reading that one feed.
	FeedToken string    `json:"-"`
	CreatedAt time.Time `json:"-"`
	// Disabled accounts cannot log in, their tokens stop working and
	// their private feed answers 404; staff can enable them again.
	Disabled bool `json:"disabled"`
}

// IsStaff reports whether u manages the centre.
func (u *User) IsStaff() bool { return u != nil && u.Role == RoleStaff }

// usernamePattern admits phone numbers and simple handles alike.
var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,32}$`)

// NewUser is what a person supplies to open an account.
type NewUser struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
}

// Validate checks the fields before anything is hashed or stored.
func (n NewUser) Validate() error {
	if !usernamePattern.MatchString(n.Username) {
		return Invalid("username", "用户名须由3-32位字母、数字或_.-组成 username must be 3-32 letters, digits or _.-")
	}
	if err := validatePassword("password", n.Password); err != nil {
		return err
	}
	if err := validateName(n.Name); err != nil {
		return err
	}
	return validateRole(n.Role)
}

// validatePassword is the one password rule: at registration, creation by
// staff, a reset and the operator's passwd command alike.
func validatePassword(field, p string) error {
	if utf8.RuneCountInString(p) < 8 {
		return Invalid(field, "密码至少8位 password must be at least 8 characters")
	}
	if len(p) > 72 { // bcrypt reads no further
		return Invalid(field, "密码过长（最多72字节，约24个汉字） password is too long (at most 72 bytes)")
	}
	return nil
}

func validateName(name string) error {
	if err := checkText("name", name); err != nil {
		return err
	}
	if name == "" || utf8.RuneCountInString(name) > 64 {
		return Invalid("name", "姓名须为1-64个字符 name must be 1-64 characters")
	}
	return nil
}

func validateRole(r Role) error {
	if !r.Valid() {
		return Invalid("role", "角色须为居民（resident）、领队（leader）或工作人员（staff） role must be resident, leader or staff")
	}
	return nil
}
