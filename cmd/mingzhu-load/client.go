package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// newHTTPClient builds the one client every phase shares. The transport keeps
// at least one idle connection per worker to each host, so a run measures
// requests, not TCP handshakes; it never uses a proxy, never follows a
// redirect and dials only loopback addresses. It neither asks for gzip nor
// decompresses by itself: an op that asks reads the compressed bytes, as
// they travel.
func newHTTPClient(conns int, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         loopbackDial(d),
		MaxIdleConns:        2*conns + 16,
		MaxIdleConnsPerHost: conns + 8,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// API is the shared client bound to one server's base URL. The Gin baseline
// gets its own API value over the same *http.Client, so both are driven by
// the same code.
type API struct {
	hc   *http.Client
	base string
}

// call describes one request.
type call struct {
	method, path, token string
	body                []byte // JSON; nil for none
	ifNoneMatch         string
	accept              string // default application/json
	acceptEncoding      string // sent as is; the transport never decompresses
}

// result is one answer. body aliases the caller's buffer and is valid until
// the buffer is reused.
type result struct {
	status int
	dur    time.Duration
	err    error
	header http.Header
	body   []byte
}

// send performs c, reading the whole body into buf so the connection goes back
// to the pool. dur covers the round trip and the body read, not the
// building of the request.
func (a *API) send(ctx context.Context, c call, buf *bytes.Buffer) result {
	var rd io.Reader
	if c.body != nil {
		rd = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, a.base+c.path, rd)
	if err != nil {
		return result{err: err}
	}
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.accept != "" {
		req.Header.Set("Accept", c.accept)
	}
	if c.acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", c.acceptEncoding)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.ifNoneMatch != "" {
		req.Header.Set("If-None-Match", c.ifNoneMatch)
	}
	buf.Reset()
	t0 := time.Now()
	resp, err := a.hc.Do(req)
	if err != nil {
		return result{dur: time.Since(t0), err: err}
	}
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	dur := time.Since(t0)
	if err != nil {
		return result{dur: dur, err: fmt.Errorf("reading body: %w", err)}
	}
	return result{status: resp.StatusCode, dur: dur, header: resp.Header, body: buf.Bytes()}
}

// apiError is the server's error body, {"error":{"code","message"}}.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// errorCode pulls code and message out of an error body; both are empty when
// the body is not the documented shape.
func errorCode(body []byte) (code, msg string) {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return "", ""
	}
	return e.Error.Code, e.Error.Message
}

// statusError is a non-expected status during setup or verification.
type statusError struct {
	what   string
	status int
	body   string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s: HTTP %d: %s", e.what, e.status, e.body)
}

// doJSON is the slow-path helper for setup and verification: marshal in,
// check the status, unmarshal out.
func (a *API) doJSON(ctx context.Context, method, path, token string, in, out any, want ...int) (int, error) {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = b
	}
	var buf bytes.Buffer
	r := a.send(ctx, call{method: method, path: path, token: token, body: body}, &buf)
	if r.err != nil {
		return 0, fmt.Errorf("%s %s: %w", method, path, r.err)
	}
	ok := false
	for _, w := range want {
		ok = ok || w == r.status
	}
	if !ok {
		return r.status, &statusError{what: method + " " + path, status: r.status, body: truncate(string(r.body), 300)}
	}
	if out != nil && len(r.body) > 0 && r.status != http.StatusNoContent {
		if err := json.Unmarshal(r.body, out); err != nil {
			return r.status, fmt.Errorf("%s %s: HTTP %d, decoding %s: %v", method, path, r.status, truncate(string(r.body), 200), err)
		}
	}
	return r.status, nil
}

// retryAfter reads the Retry-After header of a 503 or 429 in seconds; the tool honours it
// "lightly", sleeping at most a second, so a throttling server slows the
// workers without stalling the run.
func retryAfter(h http.Header) time.Duration {
	const def, most = 100 * time.Millisecond, time.Second
	if h == nil {
		return def
	}
	s, err := strconv.Atoi(h.Get("Retry-After"))
	if err != nil || s < 0 {
		return def
	}
	return min(time.Duration(s)*time.Second, most)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
