package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
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
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (web.Options); none by default.
	TrustedProxies []string
	// SecureCookies marks the session cookie Secure, behind TLS.
	SecureCookies bool

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

// ParseFlags reads flags, with environment variables as defaults; an
// unknown flag or a stray argument is a usage error.
func (m *Main) ParseFlags(args []string, getenv func(string) string) error {
	if v := getenv("MINGZHU_ADDR"); v != "" {
		m.Addr = v
	}
	if v := getenv("MINGZHU_DB"); v != "" {
		m.DBPath = v
	}
	m.AdminPassword = getenv("MINGZHU_ADMIN_PASSWORD")
	proxies := getenv("MINGZHU_TRUSTED_PROXIES")
	m.SecureCookies = getenv("MINGZHU_SECURE_COOKIES") == "1"
	fs := flag.NewFlagSet("mingzhu", flag.ContinueOnError)
	fs.StringVar(&m.Addr, "addr", m.Addr, "listen address (env MINGZHU_ADDR)")
	fs.StringVar(&m.DBPath, "db", m.DBPath, "store: a SQLite file (the default), or a postgres:// address for several instances over one database (env MINGZHU_DB)")
	fs.StringVar(&m.TZ, "tz", m.TZ, "site time zone (IANA name)")
	fs.StringVar(&m.SeedKind, "seed", m.SeedKind, "seed for a new database: demo or none")
	fs.StringVar(&proxies, "trusted-proxies", proxies, "reverse proxies whose X-Forwarded-For is believed: "+
		"comma-separated IPs or CIDRs, none by default (env MINGZHU_TRUSTED_PROXIES)")
	fs.BoolVar(&m.SecureCookies, "secure-cookies", m.SecureCookies, "mark the session cookie Secure, when the service is "+
		"reached over TLS (env MINGZHU_SECURE_COOKIES=1)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	m.TrustedProxies = splitList(proxies)
	for _, p := range m.TrustedProxies {
		if _, err := netip.ParsePrefix(p); err != nil {
			if _, err := netip.ParseAddr(p); err != nil {
				return usagef("mingzhu: -trusted-proxies: %q 不是IP地址或CIDR is not an IP address or CIDR", p)
			}
		}
	}
	return nil
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
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
	defer m.sweepNoShows(ctx, svc)()
	handler, err := web.NewServerWith(svc, m.log, web.Options{TrustedProxies: m.TrustedProxies, SecureCookies: m.SecureCookies})
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 15 * time.Second, WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second,
		MaxHeaderBytes: 64 << 10}
	if m.listener, err = net.Listen("tcp", m.Addr); err != nil {
		return err
	}
	m.log.Info("serving", "addr", m.listener.Addr().String(), "db", redact(m.DBPath), "tz", m.TZ)
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
// admin's only when it was generated. On a database set up before, an
// admin password from the environment changes nothing: say so, and how.
func (m *Main) announce(creds []booking.Credential) {
	if creds == nil && m.AdminPassword != "" {
		m.log.Warn("数据库已有账号，MINGZHU_ADMIN_PASSWORD 未使用；改密码请用 mingzhu passwd "+
			"MINGZHU_ADMIN_PASSWORD ignored: the database already has its accounts; to change a password run mingzhu passwd",
			"command", "mingzhu passwd -db "+m.DBPath+" admin")
		return
	}
	for _, c := range creds {
		if c.Username == "admin" && m.AdminPassword != "" {
			m.log.Info("已创建工作人员账号 created staff account", "username", c.Username, "password", "(from MINGZHU_ADMIN_PASSWORD)")
			continue
		}
		m.log.Info("已创建账号，密码只显示这一次 created account; this password is shown only once", "username", c.Username,
			"role", c.Role, "password", c.Password)
	}
}

// sweepNoShows runs the no-show sweeper (it stores what the clock has
// made no-shows; reads never wait for it) and returns what stops it and
// waits, so that the database closes only after its last write.
func (m *Main) sweepNoShows(ctx context.Context, svc *booking.Service) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		svc.RunNoShowSweeper(ctx, time.Minute, m.log)
	}()
	return func() { cancel(); <-done }
}
