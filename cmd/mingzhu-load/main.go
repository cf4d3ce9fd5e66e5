// Command mingzhu-load drives a running Mingzhu Rooms server over its HTTP
// API with concurrent clients, reports throughput and latency per endpoint
// against a same-run Gin ceiling, and then checks from the API that no two
// confirmed occupancies of a room overlap and that every booking it was
// answered 201 for still exists. It only ever talks to loopback addresses.
//
//	MINGZHU_ADMIN_PASSWORD=… go run ./cmd/mingzhu-load -addr http://127.0.0.1:8080 -mix mixed -c 64 -d 30s [-json]
//	go run ./cmd/mingzhu-load -mix feed-gz -fill 5000     # a busy room's feed, as calendar apps ask for it
//	go run ./cmd/mingzhu-load -mix pages [-page /]         # a page, as a phone's browser asks for it
//	go run ./cmd/mingzhu-load -addr http://127.0.0.1:8081,http://127.0.0.1:8082   # instances sharing one database
//
// Exit status: 0 when the checks pass, 1 when they fail, 2 when the run
// could not be made (flags, setup).
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

func main() {
	gin.SetMode(gin.ReleaseMode) // the ceiling server must not log each request
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv("MINGZHU_ADMIN_PASSWORD"), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole tool: ceiling, setup, load, verify, report.
func run(ctx context.Context, args []string, adminPass string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, adminPass, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "mingzhu-load:", err)
		return 2
	}
	hc := newHTTPClient(cfg.Conns, cfg.Timeout)
	apis := newAPIs(cfg, hc)
	api := apis[0] // setup: what it creates, every instance reads from the shared database
	rep := &Report{Addr: addrList(apis), Mix: cfg.Mix, Conns: cfg.Conns, Duration: cfg.Duration.Seconds()}
	for _, a := range apis {
		rep.Addrs = append(rep.Addrs, a.base)
	}

	var ceiling float64
	if cfg.Baseline > 0 {
		c, err := measureCeiling(ctx, hc, cfg, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "mingzhu-load: gin ceiling:", err)
			return 2
		}
		rep.Ceiling, ceiling = &c, c.RPS
	}

	if err := checkOthersHealthy(ctx, apis); err != nil {
		fmt.Fprintln(stderr, "mingzhu-load: setup:", err)
		return 2
	}
	fx, err := setup(ctx, api, cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "mingzhu-load: setup:", err)
		return 2
	}
	rep.RunID, rep.Setup, rep.SetupS, rep.Notes = fx.runID, fx.counts, fx.setupTime.Seconds(), append([]string{}, fx.notes...)
	rep.Page, rep.Feed = fx.page, fx.feed
	ops := buildOps(cfg.Mix, fx, cfg.Roll)
	if len(ops) == 0 {
		fmt.Fprintf(stderr, "mingzhu-load: the %s mix has nothing to drive: %v\n", cfg.Mix, fx.notes)
		return 2
	}
	if cfg.Mix == "mixed" && len(fx.etags) > 0 {
		rep.Notes = append(rep.Notes, "mixed: every booking changes its room's feed, so conditional polls also get 200 with a new ETag")
	}
	var order []string
	for _, o := range ops {
		order = append(order, o.name)
	}
	fmt.Fprintf(stderr, "run: %s mix, %d clients, %v, race from %s\n", cfg.Mix, cfg.Conns, cfg.Duration, fx.day0.Format("2006-01-02"))
	if len(apis) > 1 {
		fmt.Fprintf(stderr, "run: clients spread over %d addresses: %s\n", len(apis), rep.Addr)
	}
	p := &phase{label: cfg.Mix, ops: ops, conns: cfg.Conns, duration: cfg.Duration, maxRequests: cfg.MaxRequests, users: fx.users}
	res := runPhase(ctx, p, apis, stderr)
	if cfg.Bracket && rep.Ceiling != nil && ctx.Err() == nil {
		c, err := measureCeiling(ctx, hc, cfg, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "mingzhu-load: gin ceiling after:", err)
			return 2
		}
		rep.CeilingAfter, ceiling = &c, (rep.Ceiling.RPS+c.RPS)/2
	}
	rep.Elapsed = res.elapsed.Seconds()
	rep.Endpoints, rep.Total = summarise(order, res, ceiling)
	rep.PerAddr = addrReports(apis, res)
	rep.Bookings = BookingsReport{Created: len(res.created), PerSecond: float64(len(res.created)) / res.elapsed.Seconds()}

	fmt.Fprintf(stderr, "verify: reading back %d bookings…\n", len(res.created)+len(fx.seeded))
	days := windowDays(res.elapsed, cfg.Roll)
	switch cfg.Mix {
	case "read", "occurrences", "feed", "feed-gz", "feed304", "pages":
		days = max(readDays, fx.fillDays)
	}
	rep.WindowDays = days
	vctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // runs even after ^C
	vapi, note := liveAPI(vctx, apis)
	if len(apis) > 1 {
		rep.VerifyVia = vapi.base
	}
	if note != "" {
		rep.Notes = append(rep.Notes, note)
		fmt.Fprintln(stderr, note)
	}
	rep.Verify = verify(vctx, vapi, fx, append(fx.seeded, res.created...), fx.day0, fx.day0.AddDate(0, 0, days))
	cancel()

	if cfg.JSON {
		if err := rep.writeJSON(stdout); err != nil {
			fmt.Fprintln(stderr, "mingzhu-load:", err)
			return 2
		}
	} else {
		rep.writeTable(stdout)
	}
	if !rep.Verify.OK {
		return 1
	}
	return 0
}

// measureCeiling runs the trivial Gin handler for cfg.Baseline with the same
// client and worker code as the real run.
func measureCeiling(ctx context.Context, hc *http.Client, cfg Config, stderr io.Writer) (EndpointReport, error) {
	base, stop, err := startCeiling()
	if err != nil {
		return EndpointReport{}, err
	}
	defer stop()
	fmt.Fprintf(stderr, "ceiling: bare Gin handler at %s for %v\n", base, cfg.Baseline)
	p := &phase{label: "ceiling", ops: ceilingOps(), conns: cfg.Conns, duration: cfg.Baseline, maxRequests: cfg.MaxRequests}
	res := runPhase(ctx, p, []*API{{hc: hc, base: base}}, stderr)
	s, ok := res.stats[epCeiling]
	if !ok {
		return EndpointReport{}, fmt.Errorf("no requests made")
	}
	return endpointReport(epCeiling, s, res.elapsed, 0), nil
}
