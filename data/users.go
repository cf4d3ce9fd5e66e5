package data

import (
	"database/sql"
	"strings"
	"time"

	"mingzhu/booking"
)

const userColumns = `id, username, name, role, password_hash, created_at, feed_token, disabled`

func scanUser(s scanner) (*booking.User, error) {
	var u booking.User
	var created int64
	var feed sql.NullString
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.PasswordHash, &created, &feed, &u.Disabled); err != nil {
		return nil, err
	}
	u.CreatedAt, u.FeedToken = at(created), feed.String
	return &u, nil
}

// InsertUser returns ECONFLICT when the username is taken.
func (t *Tx) InsertUser(u *booking.User) error {
	feed := sql.NullString{String: u.FeedToken, Valid: u.FeedToken != ""}
	_, err := t.exec(`INSERT INTO users (`+userColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Username, u.Name, u.Role, u.PasswordHash, u.CreatedAt.Unix(), feed, u.Disabled)
	return t.d.translate(err, "username")
}

// UserByID returns ENOTFOUND for no such user.
func (t *Tx) UserByID(id string) (*booking.User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, t.d.translate(err, "user")
}

// UserByUsername matches usernames without regard to case.
func (t *Tx) UserByUsername(username string) (*booking.User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users WHERE `+t.d.usernameIs, username))
	return u, t.d.translate(err, "user")
}

// InsertToken stores the hash of a bearer token.
func (t *Tx) InsertToken(hash, userID string, created, expires time.Time) error {
	_, err := t.exec(`INSERT INTO tokens (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hash, userID, created.Unix(), expires.Unix())
	return t.d.translate(err, "token")
}

// UserByToken returns ENOTFOUND unless an unexpired token has that hash.
func (t *Tx) UserByToken(hash string, now time.Time) (*booking.User, time.Time, error) {
	var u booking.User
	var created, expires int64
	var feed sql.NullString
	err := t.queryRow(`SELECT u.id, u.username, u.name, u.role, u.password_hash, u.created_at, u.feed_token, u.disabled,
		k.expires_at FROM tokens k JOIN users u ON u.id = k.user_id WHERE k.hash = ? AND k.expires_at > ?`, hash, now.Unix()).
		Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.PasswordHash, &created, &feed, &u.Disabled, &expires)
	if err != nil {
		return nil, time.Time{}, t.d.translate(err, "token")
	}
	u.CreatedAt, u.FeedToken = at(created), feed.String
	return &u, at(expires), nil
}

// SetFeedToken replaces the user's private feed token.
func (t *Tx) SetFeedToken(userID, token string) error {
	_, err := t.exec(`UPDATE users SET feed_token = ? WHERE id = ?`, token, userID)
	return t.d.translate(err, "token")
}

// UserByFeedToken returns ENOTFOUND for an unknown token or a disabled
// account: a disabled account publishes no feed.
func (t *Tx) UserByFeedToken(token string) (*booking.User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users WHERE feed_token = ? AND disabled = 0`, token))
	return u, t.d.translate(err, "token")
}

// Users lists every account, oldest first.
func (t *Tx) Users() ([]booking.User, error) {
	return t.scanUsers(`SELECT ` + userColumns + ` FROM users ORDER BY created_at, id`)
}

func (t *Tx) scanUsers(query string, args ...any) ([]booking.User, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []booking.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

// FindUsers lists the accounts whose username or name contains f.Query
// (ASCII letters without regard to case) and whose role is f.Role (any
// when empty), oldest first (by insertion within a second), at most
// f.Limit.
func (t *Tx) FindUsers(f booking.UserFilter) ([]booking.User, error) {
	pattern := "%" + likeEscaper.Replace(f.Query) + "%"
	like := t.d.ilike
	return t.scanUsers(`SELECT `+userColumns+` FROM users
		WHERE (username `+like+` ?1 ESCAPE '\' OR name `+like+` ?1 ESCAPE '\') AND (?3 = '' OR role = ?3)
		ORDER BY created_at, rowid LIMIT ?2`, pattern, f.Limit, string(f.Role))
}

// likeEscaper makes a search text match itself only: "_" is common in
// usernames and must not match any character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// UpdateUser stores a user's name, role and disabled flag; ENOTFOUND for
// an unknown id.
func (t *Tx) UpdateUser(u *booking.User) error {
	res, err := t.exec(`UPDATE users SET name = ?, role = ?, disabled = ? WHERE id = ?`, u.Name, u.Role, u.Disabled, u.ID)
	return t.affected(res, err, "user")
}

// SetPasswordHash replaces a user's password hash; ENOTFOUND for an
// unknown id.
func (t *Tx) SetPasswordHash(userID, hash string) error {
	res, err := t.exec(`UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	return t.affected(res, err, "user")
}

// DeleteTokens ends every session of a user except the one whose token
// hash is keep ("" ends them all).
func (t *Tx) DeleteTokens(userID, keep string) error {
	_, err := t.exec(`DELETE FROM tokens WHERE user_id = ? AND hash <> ?`, userID, keep)
	return t.d.translate(err, "token")
}

// DeleteToken ends one session; an unknown hash is no error (the session
// has ended either way).
func (t *Tx) DeleteToken(hash string) error {
	_, err := t.exec(`DELETE FROM tokens WHERE hash = ?`, hash)
	return t.d.translate(err, "token")
}

// ActiveStaff counts the staff accounts that are not disabled.
func (t *Tx) ActiveStaff() (int, error) {
	var n int
	err := t.queryRow(`SELECT count(*) FROM users WHERE role = 'staff' AND disabled = 0`).Scan(&n)
	return n, err
}

// affected turns an UPDATE that matched no row into ENOTFOUND.
func (t *Tx) affected(res sql.Result, err error, what string) error {
	if err != nil {
		return t.d.translate(err, what)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return t.d.translate(sql.ErrNoRows, what)
	}
	return nil
}
