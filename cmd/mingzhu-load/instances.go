package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Several instances of the server may share one database; -addr then lists
// them all. The workers are spread over them (addrOf); setup runs through
// the first, since whatever it creates any instance reads from the shared
// database; the final check runs through the first that still answers, so
// the bookings a killed instance acknowledged are read back through a live
// one.

// newAPIs binds the shared client to each address, in -addr order.
func newAPIs(cfg Config, hc *http.Client) []*API {
	apis := make([]*API, len(cfg.Bases))
	for i, u := range cfg.Bases {
		apis[i] = &API{hc: hc, base: u.String()}
	}
	return apis
}

// addrList is the report's "addr": the addresses as -addr gave them,
// normalised; one address reads exactly as before.
func addrList(apis []*API) string {
	bases := make([]string, len(apis))
	for i, a := range apis {
		bases[i] = a.base
	}
	return strings.Join(bases, ",")
}

// checkOthersHealthy checks the addresses after the first (setup checks
// the first) answer /healthz before any load: a mistyped port would
// otherwise pass for an instance killed mid-run.
func checkOthersHealthy(ctx context.Context, apis []*API) error {
	for _, a := range apis[1:] {
		if _, err := a.doJSON(ctx, "GET", "/healthz", "", nil, nil, 200); err != nil {
			return fmt.Errorf("server not healthy at %s: %w", a.base, err)
		}
	}
	return nil
}

// liveAPI is the address the final check reads through: the first that
// answers /healthz, with a note when that is not the first address. When
// none answers it is the first, and the check reports what fails.
func liveAPI(ctx context.Context, apis []*API) (*API, string) {
	if len(apis) == 1 {
		return apis[0], ""
	}
	var down []string
	for _, a := range apis {
		hctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := a.doJSON(hctx, "GET", "/healthz", "", nil, nil, 200)
		cancel()
		if err == nil {
			if len(down) == 0 {
				return a, ""
			}
			return a, fmt.Sprintf("verify: %s did not answer /healthz; read back through %s", strings.Join(down, ", "), a.base)
		}
		down = append(down, a.base)
	}
	return apis[0], "verify: no address answered /healthz; tried through " + apis[0].base
}

// addrReports is one row per address, all endpoints together, when there
// are several; nil for one address, whose row would be the total again.
func addrReports(apis []*API, res phaseResult) []EndpointReport {
	if len(apis) < 2 {
		return nil
	}
	rows := make([]EndpointReport, len(apis))
	for i, a := range apis {
		rows[i] = endpointReport(a.base, res.perAddr[i], res.elapsed, 0)
	}
	return rows
}

// writeAddrs prints the per-address rows and each address's first
// transport error: a killed instance is the row whose errors are "net".
func (r *Report) writeAddrs(out io.Writer, row string) {
	if len(r.PerAddr) == 0 {
		return
	}
	fmt.Fprintf(out, "\nper address (client i drives address i mod %d):\n", len(r.PerAddr))
	fmt.Fprintf(out, row, "address", "requests", "req/s", "", "p50 ms", "p95 ms", "p99 ms", "max ms", "answered", "unexp", "errors", "statuses")
	for _, e := range r.PerAddr {
		fmt.Fprintf(out, row, e.Name, strconv.FormatUint(e.Requests, 10), fmt.Sprintf("%.1f", e.RPS), "",
			fmt.Sprintf("%.2f", e.P50Ms), fmt.Sprintf("%.2f", e.P95Ms), fmt.Sprintf("%.2f", e.P99Ms), fmt.Sprintf("%.1f", e.MaxMs),
			strconv.FormatUint(e.Answered, 10), strconv.FormatUint(e.Unexpected, 10), strconv.FormatUint(e.Errors, 10), statuses(e))
	}
	for _, e := range r.PerAddr {
		for _, k := range slices.Sorted(maps.Keys(e.Samples)) {
			if k == "transport" {
				fmt.Fprintf(out, "  %s: transport ×%d: %s\n", e.Name, e.Transport, e.Samples[k])
			}
		}
	}
}
