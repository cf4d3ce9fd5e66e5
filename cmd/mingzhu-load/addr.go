package main

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// parseAddr validates the -addr flag and returns the base URL the tool will
// use. The tool is a load generator: pointed at the wrong host it becomes a
// denial-of-service tool, so only literal loopback addresses (127.0.0.0/8,
// ::1) are accepted. Host names are refused, except "localhost", which is
// rewritten to 127.0.0.1 without asking a resolver (a hosts file could map it
// elsewhere).
func parseAddr(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, fmt.Errorf("-addr is empty")
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("-addr %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("-addr %q: scheme must be http or https", raw)
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("-addr %q: want scheme://host:port and nothing else", raw)
	}
	host, port := u.Hostname(), u.Port()
	if strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	if err := checkLoopbackHost(host); err != nil {
		return nil, fmt.Errorf("-addr %q: %v", raw, err)
	}
	if port != "" {
		u.Host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
	} else {
		u.Host = host
	}
	u.Path = ""
	return u, nil
}

// maxAddrs bounds -addr: a few instances behind one database, not a fleet.
const maxAddrs = 16

// parseAddrs splits the -addr flag on commas and validates each entry with
// parseAddr, so several instances sharing one database can be driven at
// once. One address (no comma) parses exactly as before. An empty entry (a
// doubled or trailing comma) and the same instance written twice are
// refused: each would silently skew the equal shares the clients are
// spread in.
func parseAddrs(raw string) ([]*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, fmt.Errorf("-addr is empty")
	}
	parts := strings.Split(raw, ",")
	if len(parts) > maxAddrs {
		return nil, fmt.Errorf("-addr: %d addresses, at most %d", len(parts), maxAddrs)
	}
	var out []*url.URL
	seen := map[string]int{}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, fmt.Errorf("-addr %q: address %d of %d is empty (doubled or trailing comma?)", raw, i+1, len(parts))
		}
		u, err := parseAddr(p)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[hostPort(u)]; dup {
			return nil, fmt.Errorf("-addr %q: addresses %d and %d are both %s", raw, j+1, i+1, hostPort(u))
		}
		seen[hostPort(u)] = i
		out = append(out, u)
	}
	return out, nil
}

// hostPort is the listener a parsed address reaches, its default port
// filled in: http://127.0.0.1 and https://127.0.0.1:80 are one instance.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// checkLoopbackHost accepts only a literal loopback IP address.
func checkLoopbackHost(host string) error {
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("host %q is not an IP address; only loopback addresses (127.0.0.0/8, ::1) are allowed", host)
	}
	if !ip.WithZone("").Unmap().IsLoopback() {
		return fmt.Errorf("host %s is not a loopback address; only 127.0.0.0/8 and ::1 are allowed", host)
	}
	return nil
}

// loopbackDial wraps a dialer so that every connection the shared client
// opens is checked again at dial time. parseAddr guards the flag; this
// guards everything else (a redirect, a Location header, a future code path).
func loopbackDial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("refusing to dial %q: %v", addr, err)
		}
		if err := checkLoopbackHost(host); err != nil {
			return nil, fmt.Errorf("refusing to dial %q: %v", addr, err)
		}
		return d.DialContext(ctx, network, addr)
	}
}
