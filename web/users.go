package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// userRoutes are the accounts API for staff, and ending one's own session
// or changing one's own password.
func (s *Server) userRoutes(api *gin.RouterGroup) {
	get(api, "/users", s.auth, s.handleUsers)
	api.PATCH("/users/:id", s.auth, s.handleUserPatch)
	api.POST("/users/:id/password", s.auth, s.handlePasswordReset)
	api.POST("/auth/logout", s.auth, s.handleLogout)
	api.POST("/me/password", s.auth, s.handlePasswordChange)
}

// handleUsers lists accounts for staff: ?q= searches username and name,
// ?role= keeps one role, ?limit= caps the list (default 200, at most 1000).
func (s *Server) handleUsers(c *gin.Context) {
	f := booking.UserFilter{Query: c.Query("q"), Role: booking.Role(c.Query("role"))}
	if v, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			n = -1 // the service refuses it, with its message
		}
		f.Limit = n
	}
	users, err := s.svc.Users(c.Request.Context(), user(c), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	list(c, "users", users)
}

type userPatchRequest struct {
	Name     *string       `json:"name"`
	Role     *booking.Role `json:"role"`
	Disabled *bool         `json:"disabled"`
}

func (s *Server) handleUserPatch(c *gin.Context) {
	var req userPatchRequest
	if !s.decode(c, &req) {
		return
	}
	u, err := s.svc.PatchUser(c.Request.Context(), user(c), c.Param("id"), booking.UserPatch(req))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"user": u})
}

type passwordRequest struct {
	Password string `json:"password"`
}

// handlePasswordReset sets a new password for an account; its sessions end.
func (s *Server) handlePasswordReset(c *gin.Context) {
	var req passwordRequest
	if !s.decode(c, &req) {
		return
	}
	if err := s.svc.ResetPassword(c.Request.Context(), user(c), c.Param("id"), req.Password); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// handleLogout ends the caller's session: the token stops working at once.
func (s *Server) handleLogout(c *gin.Context) {
	if err := s.svc.Logout(c.Request.Context(), bearer(c)); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type passwordChangeRequest struct {
	OldPassword string `json:"old_password"`
	Password    string `json:"password"`
}

// handlePasswordChange replaces the caller's own password; their other
// sessions end, this one stays.
func (s *Server) handlePasswordChange(c *gin.Context) {
	var req passwordChangeRequest
	if !s.decode(c, &req) {
		return
	}
	err := s.svc.ChangePassword(c.Request.Context(), client(c), user(c), bearer(c), req.OldPassword, req.Password)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
