package data

import (
	"database/sql"
	"time"

	"mingzhu/booking"
)

const userColumns = `id, username, name, role, password_hash, created_at, feed_token`

func scanUser(s scanner) (*booking.User, error) {
	var u booking.User
	var created int64
	var feed sql.NullString
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.PasswordHash, &created, &feed); err != nil {
		return nil, err
	}
	u.CreatedAt, u.FeedToken = at(created), feed.String
	return &u, nil
}

// InsertUser returns ECONFLICT when the username is taken.
func (t *Tx) InsertUser(u *booking.User) error {
	feed := sql.NullString{String: u.FeedToken, Valid: u.FeedToken != ""}
	_, err := t.exec(`INSERT INTO users (`+userColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Username, u.Name, u.Role, u.PasswordHash, u.CreatedAt.Unix(), feed)
	return translate(err, "username")
}

// UserByID returns ENOTFOUND for no such user.
func (t *Tx) UserByID(id string) (*booking.User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, translate(err, "user")
}

// UserByUsername matches usernames without regard to case.
func (t *Tx) UserByUsername(username string) (*booking.User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users WHERE username = ?`, username))
	return u, translate(err, "user")
}

// InsertToken stores the hash of a bearer token.
func (t *Tx) InsertToken(hash, userID string, created, expires time.Time) error {
	_, err := t.exec(`INSERT INTO tokens (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hash, userID, created.Unix(), expires.Unix())
	return translate(err, "token")
}

// UserByToken returns ENOTFOUND unless an unexpired token has that hash.
func (t *Tx) UserByToken(hash string, now time.Time) (*booking.User, time.Time, error) {
	var u booking.User
	var created, expires int64
	var feed sql.NullString
	err := t.queryRow(`SELECT u.id, u.username, u.name, u.role, u.password_hash, u.created_at, u.feed_token, k.expires_at
		FROM tokens k JOIN users u ON u.id = k.user_id WHERE k.hash = ? AND k.expires_at > ?`, hash, now.Unix()).
		Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.PasswordHash, &created, &feed, &expires)
	if err != nil {
		return nil, time.Time{}, translate(err, "token")
	}
	u.CreatedAt, u.FeedToken = at(created), feed.String
	return &u, at(expires), nil
}

// SetFeedToken replaces the user's private feed token.
func (t *Tx) SetFeedToken(userID, token string) error {
	_, err := t.exec(`UPDATE users SET feed_token = ? WHERE id = ?`, token, userID)
	return translate(err, "token")
}

// UserByFeedToken returns ENOTFOUND for an unknown token.
func (t *Tx) UserByFeedToken(token string) (*booking.User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users WHERE feed_token = ?`, token))
	return u, translate(err, "token")
}

// Users lists every account, oldest first.
func (t *Tx) Users() ([]booking.User, error) {
	rows, err := t.query(`SELECT ` + userColumns + ` FROM users ORDER BY created_at, id`)
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
