package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// sessionCookie carries the session token of a logged-in reader: the same
// token the API takes as a bearer, so a page and the API share one
// notion of who is logged in, and logout ends both.
const sessionCookie = "mingzhu_session"

// sessionLife matches the tokens' own life (30 days).
const sessionLife = 30 * 24 * time.Hour

const pageUserKey = "mingzhu.page.user"

// pageSession identifies the reader from the session cookie. A token the
// service no longer knows (logged out, expired, account disabled) is
// dropped, and the reader is anonymous.
func (s *Server) pageSession(c *gin.Context) {
	tok, err := c.Cookie(sessionCookie)
	if err != nil || tok == "" {
		c.Next()
		return
	}
	u, err := s.svc.Authenticate(c.Request.Context(), tok)
	switch {
	case err == nil:
		c.Set(pageUserKey, u)
		c.Set(userKey, u)
	case booking.ErrorCode(err) == booking.EUNAUTHORIZED:
		s.clearSession(c)
	default:
		s.pageFail(c, err)
		return
	}
	c.Next()
}

// pageUser is the logged-in reader of a page, nil if anonymous.
func pageUser(c *gin.Context) *booking.User {
	if v, ok := c.Get(pageUserKey); ok {
		return v.(*booking.User)
	}
	return nil
}

// needLogin sends an anonymous reader to the login page, which brings
// them back here afterwards.
func (s *Server) needLogin(c *gin.Context) {
	if pageUser(c) == nil {
		s.toLogin(c)
		return
	}
	c.Next()
}

// needStaff lets only staff through; others see the friendly 403 page.
func (s *Server) needStaff(c *gin.Context) {
	u := pageUser(c)
	switch {
	case u == nil:
		s.toLogin(c)
	case !u.IsStaff():
		s.pageFail(c, booking.Errorf(booking.EFORBIDDEN, "仅工作人员可用 for staff only"))
	default:
		c.Next()
	}
}

func (s *Server) toLogin(c *gin.Context) {
	next := c.Request.URL.RequestURI()
	if c.Request.Method != http.MethodGet {
		next = c.GetHeader("Referer")
		if u, err := url.Parse(next); err == nil {
			next = u.RequestURI()
		}
	}
	c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(safeNext(next)))
	c.Abort()
}

func (s *Server) setSession(c *gin.Context, token string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: int(sessionLife / time.Second),
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSession(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// crossOrigin refuses a state-changing request sent from another site
// (net/http.CrossOriginProtection reads Sec-Fetch-Site and Origin), so a
// page elsewhere cannot make a logged-in reader's browser book or cancel.
func (s *Server) crossOrigin(c *gin.Context) {
	if err := s.pages.cop.Check(c.Request); err != nil {
		s.pageFail(c, booking.Errorf(booking.EFORBIDDEN, "请求来自其他网站，已拒绝 request from another site refused"))
		return
	}
	c.Next()
}
