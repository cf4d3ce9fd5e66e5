package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// approvalRoutes are staff's decisions on bookings of rooms that require
// approval (the service refuses anyone else).
func (s *Server) approvalRoutes(api *gin.RouterGroup) {
	api.POST("/bookings/:id/approve", s.auth, s.handleBookingApprove)
	api.POST("/bookings/:id/decline", s.auth, s.handleBookingDecline)
}

func (s *Server) handleBookingApprove(c *gin.Context) {
	b, err := s.svc.ApproveBooking(c.Request.Context(), user(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"booking": b})
}

// declineRequest is the body of a decline; it may be left out.
type declineRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) handleBookingDecline(c *gin.Context) {
	var req declineRequest
	if c.Request.ContentLength != 0 && !s.decode(c, &req) {
		return
	}
	b, err := s.svc.DeclineBooking(c.Request.Context(), user(c), c.Param("id"), req.Reason)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"booking": b})
}

// bookingListQuery is the status filter of GET /bookings. Staff asking
// for pending bookings get everyone's (the approval queue: staff's own
// are never pending) unless they say ?mine=1.
func bookingListQuery(c *gin.Context, all bool, limit int) booking.BookingQuery {
	status := c.Query("status")
	if status == booking.StatusPending && user(c).IsStaff() && c.Query("mine") != "1" {
		all = true
	}
	return booking.BookingQuery{All: all, Status: status, Limit: limit}
}
