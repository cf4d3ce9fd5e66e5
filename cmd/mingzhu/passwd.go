package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"mingzhu/booking"
	"mingzhu/data"
)

// runPasswd sets an account's password, for the day the printed admin
// password is lost: whoever can write the database file may. The
// password comes from MINGZHU_NEW_PASSWORD, else is asked twice on the
// terminal without echo, else read as one line from standard input.
func runPasswd(ctx context.Context, args []string, c *cli) error {
	fs, db := dbFlags("passwd", c.getenv)
	pos, err := parseArgs(fs, args, "USERNAME")
	if err != nil {
		return err
	}
	username := pos[0]
	if _, err := os.Stat(*db); err != nil && !data.IsPostgres(*db) { // data.Open would create an empty file
		return fmt.Errorf("passwd: 没有数据库 no database at %s: %w", *db, err)
	}
	store, err := data.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	// Ask for no password for an account that does not exist.
	err = store.View(ctx, func(tx booking.Tx) error { _, err := tx.UserByUsername(username); return err })
	if booking.ErrorCode(err) == booking.ENOTFOUND {
		return fmt.Errorf("passwd: %s 中没有用户 %q no such user in %s", *db, username, *db)
	} else if err != nil {
		return err
	}
	password, err := newPassword(c)
	if err != nil {
		return fmt.Errorf("passwd: %w", err)
	}
	u, err := booking.New(booking.Config{Store: store}).SetPassword(ctx, username, password)
	if code := booking.ErrorCode(err); code != "" && code != booking.EINTERNAL {
		return fmt.Errorf("passwd: %s", booking.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "已为 %s 设置新密码，其登录会话已结束（正在运行的服务：SQLite 最多一分钟内，PostgreSQL 立即生效） password set for %s; their sessions have ended (on a running service: within a minute on SQLite, at once on PostgreSQL)\n",
		u.Username, u.Username)
	if u.Disabled {
		fmt.Fprintf(c.stdout, "注意：该账号已停用，工作人员可重新启用 note: the account is disabled; staff can enable it (PATCH /api/v1/users/%s)\n", u.ID)
	}
	return nil
}

// newPassword reads the new password (see runPasswd).
func newPassword(c *cli) (string, error) {
	if p := c.getenv("MINGZHU_NEW_PASSWORD"); p != "" {
		return p, nil
	}
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return promptTwice(int(f.Fd()), c.stderr)
	}
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" && (err == nil || errors.Is(err, io.EOF)) {
		return "", errors.New("没有输入密码 no password given: type it, or set MINGZHU_NEW_PASSWORD")
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return line, nil
}

// promptTwice asks on the terminal without echo, twice, so a typo does
// not lock the account.
func promptTwice(fd int, w io.Writer) (string, error) {
	var got [2]string
	for i, prompt := range []string{"新密码 New password: ", "再输入一次 Again: "} {
		fmt.Fprint(w, prompt)
		p, err := term.ReadPassword(fd)
		fmt.Fprintln(w)
		if err != nil {
			return "", err
		}
		got[i] = string(p)
	}
	if got[0] != got[1] {
		return "", errors.New("两次输入的密码不一致 the two passwords differ")
	}
	if got[0] == "" {
		return "", errors.New("没有输入密码 no password given")
	}
	return got[0], nil
}
