// Command mingzhu serves Mingzhu Rooms (明珠社区功能室预约): the booking
// service for the function rooms of Mingzhu community's cultural centre.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // IANA zones even on a machine without them
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	code := run(ctx, os.Args[1:], &cli{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, log: log})
	stop()
	os.Exit(code)
}

// cli is what a command may use of its process, so that a test can run
// commands in-process and read what they print.
type cli struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

// Exit statuses: done, failed, or used wrongly (the usage is printed).
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// run runs the command named by args (serving by default) and returns its
// exit status.
func run(ctx context.Context, args []string, c *cli) int {
	err := dispatch(ctx, args, c)
	var misuse usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(c.stderr, usage)
		return exitOK
	case errors.As(err, &misuse):
		fmt.Fprintf(c.stderr, "%v\n\n%s", err, usage) // the error names the command
		return exitUsage
	}
	fmt.Fprintln(c.stderr, "mingzhu:", err)
	return exitFailed
}

// dispatch picks the subcommand: the first argument unless it is a flag.
func dispatch(ctx context.Context, args []string, c *cli) error {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	switch name {
	case "help":
		return flag.ErrHelp
	case "serve":
		m := NewMain(c.log)
		if err := m.ParseFlags(args, c.getenv); err != nil {
			return err
		}
		return m.Run(ctx)
	}
	if cmd, ok := adminCommands[name]; ok {
		return cmd(ctx, args, c)
	}
	return usagef("mingzhu: 未知命令 unknown command %q", name)
}

// usageError is a command used wrongly: exit status 2, with the usage.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// parseArgs parses flags, before or after the positional arguments, and
// requires exactly the positional arguments named. A stray argument is a
// usage error, never ignored: "mingzhu passwd" without a username must
// not start a server.
func parseArgs(fs *flag.FlagSet, args []string, names ...string) ([]string, error) {
	fs.SetOutput(io.Discard) // run prints the error and the usage once
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, err
		} else if err != nil {
			return nil, usageError{fmt.Errorf("%s: %w", fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	switch {
	case len(pos) < len(names):
		return nil, usagef("%s: 缺少 %s missing %s", fs.Name(), names[len(pos)], names[len(pos)])
	case len(pos) > len(names):
		return nil, usagef("%s: 多余的参数 unexpected argument %q", fs.Name(), pos[len(names)])
	}
	return pos, nil
}

const usage = `mingzhu — 明珠社区功能室预约 Mingzhu Rooms

  mingzhu [serve] [-addr 127.0.0.1:8080] [-db ./mingzhu.db | -db postgres://USER@HOST/DB]
                  [-tz Asia/Shanghai] [-seed demo|none]
                  [-trusted-proxies CIDR,...] [-secure-cookies]
  mingzhu backup  -db ./mingzhu.db -o FILE   consistent copy (a SQLite file), safe while the service runs
  mingzhu restore -db ./mingzhu.db -i FILE   put a backup in place (stop the service first; into
                                             PostgreSQL: a new, empty database)
  mingzhu copy    -from STORE -to STORE      move everything between stores (SQLite file or
                                             postgres://…) into an empty one; counts verified
  mingzhu export  -db ./mingzhu.db -o FILE   everything as JSON (no password hashes)
  mingzhu import  -db NEW.db -i FILE         load a JSON export into an empty database
  mingzhu passwd  -db ./mingzhu.db USERNAME  set a password (asked twice, or MINGZHU_NEW_PASSWORD);
                                             ends that account's sessions

Environment: MINGZHU_ADDR, MINGZHU_DB, MINGZHU_ADMIN_PASSWORD, MINGZHU_TRUSTED_PROXIES,
MINGZHU_SECURE_COOKIES=1, MINGZHU_NEW_PASSWORD.
`
