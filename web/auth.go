package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

const userKey = "mingzhu.user"

func (s *Server) authRoutes(api *gin.RouterGroup) {
	api.POST("/auth/register", s.handleRegister)
	api.POST("/auth/login", s.handleLogin)
	get(api, "/me", s.auth, s.handleMe)
	api.POST("/me/feed-token", s.auth, s.handleFeedToken)
	api.POST("/users", s.auth, s.handleUserCreate)
}

// auth requires a valid bearer token and puts its user in the context.
func (s *Server) auth(c *gin.Context) {
	u, err := s.svc.Authenticate(c.Request.Context(), bearer(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Set(userKey, u)
	c.Next()
}

// optionalAuth identifies the caller if a token is given, for endpoints
// that anonymous callers may use too; a bad token is still refused.
func (s *Server) optionalAuth(c *gin.Context) {
	if bearer(c) == "" {
		c.Next()
		return
	}
	s.auth(c)
}

func bearer(c *gin.Context) string {
	h := c.GetHeader("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// client is the caller's source address for the throttles: the
// connection's, or the one forwarded by a trusted proxy (Options).
func client(c *gin.Context) booking.Client {
	return booking.Client{Addr: c.ClientIP()}
}

// user is the authenticated caller, nil if anonymous.
func user(c *gin.Context) *booking.User {
	if v, ok := c.Get(userKey); ok {
		return v.(*booking.User)
	}
	return nil
}

type registerRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Name     string `json:"name"`
}

func (s *Server) handleRegister(c *gin.Context) {
	var req registerRequest
	if !s.decode(c, &req) {
		return
	}
	u, err := s.svc.Register(c.Request.Context(), client(c), booking.NewUser{Username: req.Username, Password: req.Password, Name: req.Name})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"user": u})
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func (s *Server) handleLogin(c *gin.Context) {
	var req loginRequest
	if !s.decode(c, &req) {
		return
	}
	sess, err := s.svc.Login(c.Request.Context(), client(c), req.Username, req.Password)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"token": sess.Token, "user": sess.User})
}

// handleMe returns the caller with the address of their own feed.
func (s *Server) handleMe(c *gin.Context) {
	u := user(c)
	feed, webcal := feedURLs(c, "/calendar/me/"+u.FeedToken+".ics")
	c.JSON(http.StatusOK, gin.H{"user": u, "feed_url": feed, "webcal_url": webcal})
}

// handleFeedToken replaces the caller's feed address; the old one 404s.
func (s *Server) handleFeedToken(c *gin.Context) {
	u := user(c)
	if _, err := s.svc.ResetFeedToken(c.Request.Context(), u); err != nil {
		s.fail(c, err)
		return
	}
	feed, webcal := feedURLs(c, "/calendar/me/"+u.FeedToken+".ics")
	c.JSON(http.StatusOK, gin.H{"user": u, "feed_url": feed, "webcal_url": webcal})
}

type userRequest struct {
	Username string       `json:"username"`
	Password string       `json:"password"`
	Name     string       `json:"name"`
	Role     booking.Role `json:"role"`
}

func (s *Server) handleUserCreate(c *gin.Context) {
	var req userRequest
	if !s.decode(c, &req) {
		return
	}
	u, err := s.svc.CreateUser(c.Request.Context(), user(c), booking.NewUser(req))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"user": u})
}
