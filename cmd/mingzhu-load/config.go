package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Config is everything the flags and environment decide.
type Config struct {
	Bases       []*url.URL // one or more instances; client i drives Bases[i mod len]
	Mix         string
	Conns       int
	Duration    time.Duration
	MaxRequests uint64
	Users       int
	Baseline    time.Duration
	Roll        time.Duration
	Timeout     time.Duration
	JSON        bool
	Bracket     bool   // measure the ceiling after the run too; ratios against the mean
	Page        string // pages mix: the path it GETs
	Fill        int    // feed mixes: bookings added to one room so its feed is big
	AdminPass   string // from MINGZHU_ADMIN_PASSWORD, never a flag (flags show in ps)
}

// mixes are the workloads -mix takes: read, book and mixed drive several
// endpoints; the others one each, to set beside the same run's ceiling.
var mixes = []string{"read", "book", "mixed", "occurrences", "feed", "feed-gz", "feed304", "pages"}

// feedMix: the mixes that read only the feed, which -fill may enlarge.
func feedMix(mix string) bool { return mix == "feed" || mix == "feed-gz" || mix == "feed304" }

// Limits keep a typo from turning the tool into a fork bomb or an all-day run.
const (
	maxConns    = 1024
	maxDuration = time.Hour
	maxUsers    = 1000
	maxFill     = 7000 // 21 free hours a day: about 340 days, under the API's 366-day listing
)

// parseFlags reads args (without the program name) and the admin password.
func parseFlags(args []string, adminPass string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("mingzhu-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "http://127.0.0.1:8080", "server base URL, or several separated by commas (instances sharing one database; "+
		"clients are spread evenly over them); loopback addresses only")
	var c Config
	fs.StringVar(&c.Mix, "mix", "mixed", "workload: read, book or mixed; for one endpoint alone: occurrences, "+
		"feed (whole room feed), feed-gz (the same asking for gzip), feed304, pages (-page as a browser asks for it)")
	fs.StringVar(&c.Page, "page", "/", "pages mix: the page to GET, anonymous, with Accept-Encoding: gzip")
	fs.IntVar(&c.Fill, "fill", 0, "feed mixes: book this many one-hour slots into one room first, so its feed is as big as a busy room's (5000: about 700 KB)")
	fs.IntVar(&c.Conns, "c", 64, "concurrent clients (one connection each)")
	fs.DurationVar(&c.Duration, "d", 30*time.Second, "how long to drive the server")
	fs.Uint64Var(&c.MaxRequests, "n", 2_000_000, "stop after this many requests even if -d has not elapsed")
	fs.IntVar(&c.Users, "users", 64, "residents to register; clients share them round-robin")
	fs.DurationVar(&c.Baseline, "baseline", 3*time.Second, "how long to measure the bare Gin ceiling (0 skips it)")
	fs.DurationVar(&c.Roll, "roll", time.Second, "book mix: move the race to the next day this often (0: one day for the whole run)")
	fs.DurationVar(&c.Timeout, "timeout", 10*time.Second, "per-request timeout")
	fs.BoolVar(&c.JSON, "json", false, "print one JSON document instead of the table")
	fs.BoolVar(&c.Bracket, "bracket", false, "measure the Gin ceiling after the run as well, and take ratios against the mean of both (on shared cores the ceiling drifts)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	bases, err := parseAddrs(*addr)
	if err != nil {
		return c, err
	}
	c.Bases = bases
	c.AdminPass = adminPass
	return c, c.validate()
}

func (c Config) validate() error {
	if !slices.Contains(mixes, c.Mix) {
		return fmt.Errorf("-mix %q: want one of %s", c.Mix, strings.Join(mixes, ", "))
	}
	switch {
	case c.Fill < 0 || c.Fill > maxFill:
		return fmt.Errorf("-fill %d: want 0..%d", c.Fill, maxFill)
	case c.Fill > 0 && !feedMix(c.Mix):
		return fmt.Errorf("-fill is for the feed mixes (feed, feed-gz, feed304), not %s", c.Mix)
	case !strings.HasPrefix(c.Page, "/") || strings.HasPrefix(c.Page, "//"):
		return fmt.Errorf("-page %q: want a path on the server, such as /", c.Page)
	case c.Conns < 1 || c.Conns > maxConns:
		return fmt.Errorf("-c %d: want 1..%d", c.Conns, maxConns)
	case c.Conns < len(c.Bases):
		return fmt.Errorf("-c %d is fewer than the %d addresses of -addr: every address needs at least one client", c.Conns, len(c.Bases))
	case c.Duration <= 0 || c.Duration > maxDuration:
		return fmt.Errorf("-d %v: want more than 0 and at most %v", c.Duration, maxDuration)
	case c.MaxRequests < 1:
		return fmt.Errorf("-n must be at least 1")
	case c.Users < 1 || c.Users > maxUsers:
		return fmt.Errorf("-users %d: want 1..%d", c.Users, maxUsers)
	case c.Baseline < 0 || c.Baseline > time.Minute:
		return fmt.Errorf("-baseline %v: want 0..1m", c.Baseline)
	case c.Roll < 0:
		return fmt.Errorf("-roll must not be negative")
	case c.Timeout <= 0:
		return fmt.Errorf("-timeout must be positive")
	}
	return nil
}
