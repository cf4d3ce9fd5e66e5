package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// accountPages are logging in and out, registering and the language
// switch: the pages every reader passes through.
func (s *Server) accountPages(g *gin.RouterGroup) {
	get(g, "/login", s.handleLoginPage)
	g.POST("/login", s.handleLoginSubmit)
	get(g, "/register", s.handleRegisterPage)
	g.POST("/register", s.handleRegisterSubmit)
	g.POST("/logout", s.handleLogoutSubmit)
	g.POST("/lang", s.handleLangSubmit)
}

// accountForm is what the login and register forms send, kept to show
// again when they are refused (never the password).
type accountForm struct {
	Username, Name, Next string
}

type accountView struct {
	Page
	Form   accountForm
	Errors formErrors
}

func (s *Server) handleLoginPage(c *gin.Context) {
	p := s.basePage(c, "login")
	s.render(c, http.StatusOK, "login", p.Lang, &accountView{Page: p, Form: accountForm{Next: safeNext(c.Query("next"))}})
}

func (s *Server) handleLoginSubmit(c *gin.Context) {
	p := s.basePage(c, "login")
	f := accountForm{Username: strings.TrimSpace(c.PostForm("username")), Next: safeNext(c.PostForm("next"))}
	sess, err := s.svc.Login(c.Request.Context(), client(c), f.Username, c.PostForm("password"))
	if err != nil {
		s.accountRefused(c, p, "login", f, err, http.StatusUnauthorized)
		return
	}
	s.replaceSession(c, sess.Token)
	c.Redirect(http.StatusSeeOther, f.Next)
}

func (s *Server) handleRegisterPage(c *gin.Context) {
	p := s.basePage(c, "register")
	s.render(c, http.StatusOK, "register", p.Lang, &accountView{Page: p, Form: accountForm{Next: safeNext(c.Query("next"))}})
}

// handleRegisterSubmit creates a resident's account and logs them in at
// once: the form has just proved they know the password.
func (s *Server) handleRegisterSubmit(c *gin.Context) {
	p := s.basePage(c, "register")
	f := accountForm{Username: strings.TrimSpace(c.PostForm("username")), Name: strings.TrimSpace(c.PostForm("name")),
		Next: safeNext(c.PostForm("next"))}
	pw := c.PostForm("password")
	_, err := s.svc.Register(c.Request.Context(), client(c), booking.NewUser{Username: f.Username, Password: pw, Name: f.Name})
	if err != nil {
		s.accountRefused(c, p, "register", f, err, http.StatusUnprocessableEntity)
		return
	}
	sess, err := s.svc.Login(c.Request.Context(), client(c), f.Username, pw)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.replaceSession(c, sess.Token)
	c.Redirect(http.StatusSeeOther, f.Next)
}

// replaceSession gives the browser the new session, ending the one it
// carried until now (someone else on a shared phone, or the same person
// again): a session whose cookie is gone must not live on for its 30
// days for whoever copied its token.
func (s *Server) replaceSession(c *gin.Context, token string) {
	if old, err := c.Cookie(sessionCookie); err == nil && old != "" && pageUser(c) != nil {
		if err := s.svc.Logout(c.Request.Context(), old); err != nil {
			s.log.Warn("ending the replaced session", "err", err)
		}
	}
	s.setSession(c, token)
}

// accountRefused shows the form again with the message next to its field
// and what was typed still in place.
func (s *Server) accountRefused(c *gin.Context, p Page, view string, f accountForm, err error, status int) {
	errs := formErrors{}
	if !errs.add(s, p.Lang, err, "username", "name", "password") {
		s.pageFail(c, err)
		return
	}
	if code := booking.ErrorCode(err); code == booking.ERATELIMITED {
		status = http.StatusTooManyRequests
	} else if code == booking.ECONFLICT {
		status = http.StatusConflict
	}
	s.render(c, status, view, p.Lang, &accountView{Page: p, Form: f, Errors: errs})
}

// handleLogoutSubmit ends the session in the service (the token stops
// working at once, cached or not), then forgets the cookie.
func (s *Server) handleLogoutSubmit(c *gin.Context) {
	if tok, err := c.Cookie(sessionCookie); err == nil && tok != "" && pageUser(c) != nil {
		if err := s.svc.Logout(c.Request.Context(), tok); err != nil {
			s.pageFail(c, err)
			return
		}
	}
	s.clearSession(c)
	c.Redirect(http.StatusSeeOther, "/")
}

// handleLangSubmit remembers the chosen language for a year and goes back
// to the page the reader was on.
func (s *Server) handleLangSubmit(c *gin.Context) {
	lang := c.PostForm("lang")
	if lang != langZH && lang != langEN {
		lang = langZH
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
	c.Redirect(http.StatusSeeOther, safeNext(c.PostForm("next")))
}
