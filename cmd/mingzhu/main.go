// Command mingzhu serves Mingzhu Rooms (明珠社区功能室预约): the booking
// service for the function rooms of Mingzhu community's cultural centre.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // IANA zones even on a machine without them
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(ctx, os.Args[1:], os.Getenv, log); err != nil {
		fmt.Fprintln(os.Stderr, "mingzhu:", err)
		os.Exit(1)
	}
}

// run dispatches to a subcommand; the default serves.
func run(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			args = args[1:]
		case "-h", "-help", "--help", "help":
			fmt.Fprint(os.Stderr, usage)
			return nil
		default:
			if cmd, ok := adminCommands[args[0]]; ok {
				return cmd(ctx, args[1:], getenv, log)
			}
		}
	}
	m := NewMain(log)
	if err := m.ParseFlags(args, getenv); err != nil {
		return err
	}
	return m.Run(ctx)
}

const usage = `mingzhu — 明珠社区功能室预约 Mingzhu Rooms

  mingzhu [serve] [-addr 127.0.0.1:8080] [-db ./mingzhu.db] [-tz Asia/Shanghai] [-seed demo|none]
  mingzhu backup  -db ./mingzhu.db -o FILE   consistent copy, safe while the service runs
  mingzhu restore -db ./mingzhu.db -i FILE   put a backup in place (stop the service first)
  mingzhu export  -db ./mingzhu.db -o FILE   everything as JSON (no password hashes)
  mingzhu import  -db NEW.db -i FILE         load a JSON export into an empty database

Environment: MINGZHU_ADDR, MINGZHU_DB, MINGZHU_ADMIN_PASSWORD.
`
