package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
	"mingzhu/web"
)

// Main is the running program: configuration, database and HTTP server,
// kept together so that a test can run the real thing on a free port.
type Main struct {
	Addr, DBPath, TZ, SeedKind string
	AdminPassword              string

	log      *slog.Logger
	db       *data.DB
	listener net.Listener
	ready    chan struct{}
}

// NewMain returns a Main with the defaults.
func NewMain(log *slog.Logger) *Main {
	return &Main{Addr: "127.0.0.1:8080", DBPath: "./mingzhu.db", TZ: "Asia/Shanghai", SeedKind: "demo",
		log: log, ready: make(chan struct{})}
}

// ParseFlags reads flags, with environment variables as defaults.
func (m *Main) ParseFlags(args []string, getenv func(string) string) error {
	if v := getenv("MINGZHU_ADDR"); v != "" {
		m.Addr = v
	}
	if v := getenv("MINGZHU_DB"); v != "" {
		m.DBPath = v
	}
	m.AdminPassword = getenv("MINGZHU_ADMIN_PASSWORD")
	fs := flag.NewFlagSet("mingzhu", flag.ContinueOnError)
	fs.StringVar(&m.Addr, "addr", m.Addr, "listen address (env MINGZHU_ADDR)")
	fs.StringVar(&m.DBPath, "db", m.DBPath, "SQLite database file (env MINGZHU_DB)")
	fs.StringVar(&m.TZ, "tz", m.TZ, "site time zone (IANA name)")
	fs.StringVar(&m.SeedKind, "seed", m.SeedKind, "seed for a new database: demo or none")
	return fs.Parse(args)
}

// Run opens the database, seeds a new one, and serves until ctx ends; then
// in-flight requests finish and the database closes cleanly.
func (m *Main) Run(ctx context.Context) error {
	loc, err := time.LoadLocation(m.TZ)
	if err != nil {
		return fmt.Errorf("-tz: %w", err)
	}
	seed, err := data.Seed(m.SeedKind)
	if err != nil {
		return fmt.Errorf("-seed: %w", err)
	}
	if m.db, err = data.Open(ctx, m.DBPath); err != nil {
		return err
	}
	defer m.db.Close()
	svc := booking.New(booking.Config{Store: m.db, Loc: loc})
	creds, err := svc.Bootstrap(ctx, seed, m.AdminPassword)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	m.announce(creds)
	srv := &http.Server{Handler: web.NewServer(svc, m.log), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 15 * time.Second, WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second,
		MaxHeaderBytes: 64 << 10}
	if m.listener, err = net.Listen("tcp", m.Addr); err != nil {
		return err
	}
	m.log.Info("serving", "addr", m.listener.Addr().String(), "db", m.DBPath, "tz", m.TZ)
	close(m.ready)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(m.listener) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	m.log.Info("正在关闭 shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// announce logs the passwords of accounts created by the seed, once: the
// admin's only when it was generated.
func (m *Main) announce(creds []booking.Credential) {
	for _, c := range creds {
		if c.Username == "admin" && m.AdminPassword != "" {
			m.log.Info("已创建工作人员账号 created staff account", "username", c.Username, "password", "(from MINGZHU_ADMIN_PASSWORD)")
			continue
		}
		m.log.Info("已创建账号，密码只显示这一次 created account; this password is shown only once", "username", c.Username,
			"role", c.Role, "password", c.Password)
	}
}
