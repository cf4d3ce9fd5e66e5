// Package web turns HTTP requests into calls of the booking service. It
// owns routing, JSON shapes and status codes, and nothing else.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// MaxBody caps every request body; larger ones are refused with 413
// before they are read.
const MaxBody = 1 << 20

// Server is the HTTP face of the service.
type Server struct {
	svc    *booking.Service
	log    *slog.Logger
	router *gin.Engine
	cache  respCache
	opts   Options
	pages  *pageState
}

// Options are the server's settings beyond the service.
type Options struct {
	// TrustedProxies are the reverse proxies (IP addresses or CIDRs) whose
	// X-Forwarded-For and X-Real-IP headers are believed. Empty: none, and
	// a client's address is its connection's, so that nobody escapes the
	// login throttle by sending a header. Behind a proxy on the same host,
	// set 127.0.0.1, or every client shares the proxy's address.
	TrustedProxies []string
	// SecureCookies marks the session cookie Secure, for a service behind
	// TLS (a browser then never sends it over plain HTTP).
	SecureCookies bool
}

// NewServer builds the router over svc, trusting no proxy.
func NewServer(svc *booking.Service, log *slog.Logger) *Server {
	s, err := NewServerWith(svc, log, Options{})
	if err != nil {
		panic(err) // no proxies to parse; the embedded templates are tested
	}
	return s
}

// NewServerWith builds the router over svc with opts; an address in
// opts.TrustedProxies that does not parse is an error.
func NewServerWith(svc *booking.Service, log *slog.Logger, opts Options) (*Server, error) {
	gin.SetMode(gin.ReleaseMode)
	pages, err := newPageState()
	if err != nil {
		return nil, fmt.Errorf("pages: %w", err)
	}
	s := &Server{svc: svc, log: log, router: gin.New(), opts: opts, pages: pages}
	// gin trusts every proxy unless told otherwise; nil trusts none.
	if err := s.router.SetTrustedProxies(opts.TrustedProxies); err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	// compress comes first, so that every answer, a recovered panic's
	// too, passes it (compress.go).
	s.router.Use(compress)
	s.router.Use(gin.CustomRecovery(func(c *gin.Context, err any) {
		s.log.Error("panic", "route", c.FullPath(), "err", err)
		s.refuse(c, http.StatusInternalServerError, booking.Errorf(booking.EINTERNAL, "internal error"))
	}))
	s.router.Use(s.logTrouble, s.renderGuard, s.shed(MaxInFlight, QueueWait), deadline(RequestTimeout), s.limitBody, s.refuseBadText, s.catchUp)
	s.router.HandleMethodNotAllowed = true
	s.router.NoRoute(s.noRoute)
	s.router.NoMethod(func(c *gin.Context) {
		s.refuse(c, http.StatusMethodNotAllowed, errMethod)
	})
	s.routes()
	return s, nil
}

// ServeHTTP makes the Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

func (s *Server) routes() {
	get(&s.router.RouterGroup, "/healthz", s.handleHealth)
	api := s.router.Group("/api/v1")
	get(api, "/openapi.json", s.handleOpenAPI)
	s.authRoutes(api)
	s.userRoutes(api)
	s.roomRoutes(api)
	s.bookingRoutes(api)
	s.teamRoutes(api)
	s.seriesRoutes(api)
	s.occurrenceRoutes(api)
	s.holidayRoutes(api)
	s.reportRoutes(api)
	s.closureRoutes(api)
	s.auditRoutes(api)
	s.feedRoutes()
	s.pageRoutes()
}

// Refusals made before any handler runs.
var (
	errNoEndpoint = booking.Errorf(booking.ENOTFOUND, "没有这个地址 no such endpoint")
	errMethod     = booking.Errorf(booking.EINVALID, "不支持该方法 method not allowed")
	errBusy       = booking.Errorf(booking.EUNAVAILABLE, "服务繁忙，请稍后再试 busy, please try again shortly")
	errTooLarge   = booking.Errorf(booking.ETOOLARGE, "请求内容过大（超过1 MiB） request body exceeds 1 MiB")
)

// Overload limits. RequestTimeout stays below the server's write timeout
// (15 s) and above SQLite's busy timeout (5 s), so a stuck request ends
// as an answer rather than a dropped connection.
const (
	MaxInFlight    = 256
	QueueWait      = time.Second
	RequestTimeout = 10 * time.Second
)

// shed caps the requests in flight. Past the cap a request waits a
// little for a place, then gets 503 with Retry-After, so that overload
// turns into quick refusals instead of a growing pile of slow requests.
func (s *Server) shed(limit int, wait time.Duration) gin.HandlerFunc {
	sem := make(chan struct{}, limit)
	return func(c *gin.Context) {
		select {
		case sem <- struct{}{}:
		default:
			timer := time.NewTimer(wait)
			defer timer.Stop()
			select {
			case sem <- struct{}{}:
			case <-timer.C:
				s.refuse(c, http.StatusServiceUnavailable, errBusy)
				return
			case <-c.Request.Context().Done():
				c.Abort()
				return
			}
		}
		defer func() { <-sem }()
		c.Next()
	}
}

// deadline bounds each request's work, including waiting for the
// database's single writer.
func deadline(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// handleHealth answers 200 when the database answers, 503 otherwise.
func (s *Server) handleHealth(c *gin.Context) {
	if err := s.svc.Health(c.Request.Context()); err != nil {
		s.log.Error("health check failed", "err", err)
		c.Header("Retry-After", "5")
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// slowRequest is how long a request may take before it is logged.
const slowRequest = time.Second

// logTrouble logs failed (5xx) and slow requests. Ordinary requests are
// not logged: at thousands a second the log would drown what matters. The
// route pattern is logged, not the path, which may hold a feed token.
func (s *Server) logTrouble(c *gin.Context) {
	start := time.Now()
	c.Next()
	if d, st := time.Since(start), c.Writer.Status(); st >= 500 || d > slowRequest {
		s.log.Warn("请求失败或过慢 request failed or slow", "method", c.Request.Method, "route", c.FullPath(),
			"status", st, "duration", d)
	}
}

// get registers a GET route and its HEAD twin (net/http drops the body of
// a HEAD answer): monitors and link checkers use HEAD.
func get(g *gin.RouterGroup, path string, h ...gin.HandlerFunc) {
	g.GET(path, h...)
	g.HEAD(path, h...)
}

// limitBody refuses declared-oversize bodies at once and caps the rest.
func (s *Server) limitBody(c *gin.Context) {
	if c.Request.ContentLength > MaxBody {
		s.refuse(c, http.StatusRequestEntityTooLarge, errTooLarge)
		return
	}
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBody)
	}
	c.Next()
}

// catchUp applies, on a shared store, what other instances committed
// before this request, once for the whole request (booking.CatchUp): its
// token check and its cached answers then need no read of their own.
// Static files and the health check read no cache.
func (s *Server) catchUp(c *gin.Context) {
	if p := c.Request.URL.Path; p != "/healthz" && !strings.HasPrefix(p, "/static/") {
		c.Request = c.Request.WithContext(s.svc.CatchUp(c.Request.Context()))
	}
	c.Next()
}

// refuseBadText answers an address whose path or query holds a NUL or
// bytes that are not UTF-8 before any handler runs: no id, name or date
// can hold them, and one store (PostgreSQL) could not even look them up.
// A path is 404 (no such thing), a query parameter 422 naming it, the
// same whichever store serves.
func (s *Server) refuseBadText(c *gin.Context) {
	if !cleanText(c.Request.URL.Path) {
		s.refuse(c, http.StatusNotFound, booking.NotFound("path", "没有这个页面 no such page"))
		return
	}
	for name, values := range c.Request.URL.Query() {
		for _, v := range append(values, name) {
			if !cleanText(v) {
				s.refuse(c, http.StatusUnprocessableEntity, booking.Invalid(name, "含有无法识别的字符 contains characters that are not text"))
				return
			}
		}
	}
	c.Next()
}

// cleanText is UTF-8 without NUL.
func cleanText(v string) bool { return utf8.ValidString(v) && !strings.Contains(v, "\x00") }
