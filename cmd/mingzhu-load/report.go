package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Report is the whole run, as the -json document and as the table.
type Report struct {
	RunID    string          `json:"run_id"`
	Addr     string          `json:"addr"`  // the addresses, comma-separated as -addr takes them
	Addrs    []string        `json:"addrs"` // the same, one per entry
	Mix      string          `json:"mix"`
	Conns    int             `json:"clients"`
	Duration float64         `json:"duration_s"`
	Elapsed  float64         `json:"elapsed_s"`
	SetupS   float64         `json:"setup_s"`
	Setup    SetupCounts     `json:"setup"`
	Ceiling  *EndpointReport `json:"gin_ceiling,omitempty"`
	// CeilingAfter is the ceiling measured again after the run (-bracket);
	// the ratios are then against the mean of the two.
	CeilingAfter *EndpointReport  `json:"gin_ceiling_after,omitempty"`
	Endpoints    []EndpointReport `json:"endpoints"`
	Total        EndpointReport   `json:"total"`
	Bookings     BookingsReport   `json:"bookings"`
	Verify       VerifyReport     `json:"verify"`
	Notes        []string         `json:"notes"`
	Page         *PageProbe       `json:"page,omitempty"` // pages mix: what the page was
	Feed         *FeedProbe       `json:"feed,omitempty"` // feed mixes: the room and its feed's size
	WindowDays   int              `json:"window_days"`

	// PerAddr is the run by address, all endpoints together, when -addr
	// names several; VerifyVia is the one the final check read through.
	PerAddr   []EndpointReport `json:"per_addr,omitempty"`
	VerifyVia string           `json:"verify_via,omitempty"`
}

// BookingsReport counts what the book op wrote.
type BookingsReport struct {
	Created   int     `json:"created"`
	PerSecond float64 `json:"per_second"`
}

// EndpointReport is one row of the table.
type EndpointReport struct {
	Name         string            `json:"name"`
	Requests     uint64            `json:"requests"`
	RPS          float64           `json:"rps"`
	CeilingRatio float64           `json:"ceiling_ratio,omitempty"`
	MeanMs       float64           `json:"mean_ms"`
	P50Ms        float64           `json:"p50_ms"`
	P95Ms        float64           `json:"p95_ms"`
	P99Ms        float64           `json:"p99_ms"`
	MaxMs        float64           `json:"max_ms"`
	Answered     uint64            `json:"answered"`
	Unexpected   uint64            `json:"unexpected"`
	Errors       uint64            `json:"errors"`
	Transport    uint64            `json:"transport_errors"`
	MeanBytes    float64           `json:"mean_body_bytes"` // as received: compressed size when gzip
	Gzip         uint64            `json:"gzip_answers"`
	Statuses     map[string]uint64 `json:"statuses"`
	ErrorCodes   map[string]uint64 `json:"error_codes,omitempty"`
	Samples      map[string]string `json:"samples,omitempty"`
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// endpointReport summarises s over elapsed; ceiling 0 leaves the ratio out.
func endpointReport(name string, s *EndpointStats, elapsed time.Duration, ceiling float64) EndpointReport {
	r := EndpointReport{
		Name: name, Requests: s.Requests(),
		MeanMs: ms(s.Hist.Mean()), P50Ms: ms(s.Hist.Quantile(0.50)), P95Ms: ms(s.Hist.Quantile(0.95)),
		P99Ms: ms(s.Hist.Quantile(0.99)), MaxMs: ms(s.Hist.Max()),
		Answered: s.Answered, Unexpected: s.Unexpected, Errors: s.Errors, Transport: s.Transport, Gzip: s.Gzip,
		Statuses: map[string]uint64{}, ErrorCodes: s.Codes, Samples: s.Samples,
	}
	if elapsed > 0 {
		r.RPS = float64(r.Requests) / elapsed.Seconds()
	}
	if n := s.Requests() - s.Transport; n > 0 {
		r.MeanBytes = float64(s.BodyBytes) / float64(n)
	}
	if ceiling > 0 {
		r.CeilingRatio = r.RPS / ceiling
	}
	for k, v := range s.Status {
		r.Statuses[strconv.Itoa(k)] = v
	}
	return r
}

// summarise turns a phase's stats into rows in ops order, plus the total.
func summarise(order []string, res phaseResult, ceiling float64) (rows []EndpointReport, total EndpointReport) {
	all := newEndpointStats()
	for _, name := range order {
		s, ok := res.stats[name]
		if !ok {
			continue
		}
		rows = append(rows, endpointReport(name, s, res.elapsed, ceiling))
		all.Merge(s)
	}
	total = endpointReport("total", all, res.elapsed, ceiling)
	total.Samples = nil
	total.ErrorCodes = nil
	return rows, total
}

// writeJSON prints the report as one JSON document.
func (r *Report) writeJSON(out io.Writer) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// writeTable prints the report for people.
func (r *Report) writeTable(out io.Writer) {
	fmt.Fprintf(out, "mingzhu-load run %s: %s mix, %d clients, %.1fs against %s\n", r.RunID, r.Mix, r.Conns, r.Elapsed, r.Addr)
	s := r.Setup
	fmt.Fprintf(out, "setup %.1fs: %d users registered, %d logged in, %d leaders, %d teams, %d bookings seeded\n",
		r.SetupS, s.UsersRegistered, s.UsersLoggedIn, s.LeadersCreated, s.TeamsCreated, s.BookingsSeeded)
	if c := r.Ceiling; c != nil {
		fmt.Fprintf(out, "gin ceiling (same client, trivial handler): %.0f req/s, p50 %.2fms p99 %.2fms, %d errors\n", c.RPS, c.P50Ms, c.P99Ms, c.Errors)
	}
	if c := r.CeilingAfter; c != nil {
		fmt.Fprintf(out, "gin ceiling after the run: %.0f req/s; ×ceiling is against the mean, %.0f req/s\n", c.RPS, (c.RPS+r.Ceiling.RPS)/2)
	}
	fmt.Fprintln(out)
	const row = "%-28s %9s %9s %8s %7s %7s %7s %8s %9s %6s %6s  %s\n"
	fmt.Fprintf(out, row, "endpoint", "requests", "req/s", "×ceiling", "p50 ms", "p95 ms", "p99 ms", "max ms", "answered", "unexp", "errors", "statuses")
	for _, e := range append(slices.Clone(r.Endpoints), r.Total) {
		fmt.Fprintf(out, row, e.Name, strconv.FormatUint(e.Requests, 10), fmt.Sprintf("%.1f", e.RPS), ratio(e.CeilingRatio),
			fmt.Sprintf("%.2f", e.P50Ms), fmt.Sprintf("%.2f", e.P95Ms), fmt.Sprintf("%.2f", e.P99Ms), fmt.Sprintf("%.1f", e.MaxMs),
			strconv.FormatUint(e.Answered, 10), strconv.FormatUint(e.Unexpected, 10), strconv.FormatUint(e.Errors, 10), statuses(e))
	}
	r.writeAddrs(out, row)
	fmt.Fprintln(out)
	for _, e := range r.Endpoints {
		fmt.Fprintf(out, "%s: %s per answer as received, %d of %d gzip-encoded\n", e.Name, kb(e.MeanBytes), e.Gzip, e.Requests-e.Transport)
	}
	r.writePage(out)
	fmt.Fprintf(out, "bookings written: %d (%.1f/s)\n", r.Bookings.Created, r.Bookings.PerSecond)
	for _, e := range r.Endpoints {
		for _, k := range slices.Sorted(maps.Keys(e.Samples)) {
			n := e.ErrorCodes[k]
			if k == "transport" {
				n = e.Transport
			}
			if k != "409 conflict" {
				fmt.Fprintf(out, "  %s: %s ×%d: %s\n", e.Name, k, n, e.Samples[k])
			}
		}
	}
	r.writeVerify(out)
	for _, n := range r.Notes {
		fmt.Fprintln(out, "note:", n)
	}
}

func (r *Report) writeVerify(out io.Writer) {
	v := r.Verify
	verdict := "OK"
	if !v.OK {
		verdict = "FAILED"
	}
	if r.VerifyVia != "" {
		fmt.Fprintf(out, "verify read through %s\n", r.VerifyVia)
	}
	fmt.Fprintf(out, "verify %s: %d rooms, %d occurrences in [%s, %s), %d overlaps; %d/%d bookings read back, %d missing from occurrences\n",
		verdict, v.RoomsChecked, v.Occurrences, v.From.Format("2006-01-02"), v.To.Format("2006-01-02"),
		len(v.Overlaps), v.BookingsPresent, v.BookingsChecked, len(v.NotInOccurrences))
	lines := func(label string, xs []string) {
		for i, x := range xs {
			if i == 10 {
				fmt.Fprintf(out, "  %s: … %d more\n", label, len(xs)-i)
				return
			}
			fmt.Fprintf(out, "  %s: %s\n", label, x)
		}
	}
	var ov []string
	for _, o := range v.Overlaps {
		ov = append(ov, fmt.Sprintf("%s: %s %s [%s, %s) and %s %s [%s, %s)", o.Room,
			o.A.Kind, o.A.ID, o.A.Start.Format(time.RFC3339), o.A.End.Format(time.RFC3339),
			o.B.Kind, o.B.ID, o.B.Start.Format(time.RFC3339), o.B.End.Format(time.RFC3339)))
	}
	lines("overlap", ov)
	lines("missing", v.BookingsMissing)
	lines("not in occurrences", v.NotInOccurrences)
	lines("problem", v.Problems)
	lines("warning", v.Warnings)
}

func kb(b float64) string {
	if b < 1024 {
		return fmt.Sprintf("%.0f B", b)
	}
	return fmt.Sprintf("%.1f KB", b/1024)
}

func ratio(x float64) string {
	if x == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", x)
}

// statuses renders "201:12 409:300" in status order; transport errors as "net".
func statuses(e EndpointReport) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(e.Statuses)) {
		parts = append(parts, fmt.Sprintf("%s:%d", k, e.Statuses[k]))
	}
	if e.Transport > 0 {
		parts = append(parts, fmt.Sprintf("net:%d", e.Transport))
	}
	return strings.Join(parts, " ")
}
