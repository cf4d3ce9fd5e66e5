package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) bookingRoutes(api *gin.RouterGroup) {
	api.POST("/bookings", s.auth, s.handleBookingCreate)
	get(api, "/bookings", s.auth, s.handleBookings)
	get(api, "/bookings/:id", s.auth, s.handleBooking)
	api.DELETE("/bookings/:id", s.auth, s.handleBookingDelete)
	s.approvalRoutes(api)
	api.POST("/bookings/:id/check-in", s.auth, s.handleCheckIn)
}

type bookingRequest struct {
	Room      string `json:"room"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Title     string `json:"title"`
	Attendees int    `json:"attendees"`
}

func (s *Server) handleBookingCreate(c *gin.Context) {
	var req bookingRequest
	if !s.decode(c, &req) {
		return
	}
	var tf timeFields
	n := booking.NewBooking{Room: req.Room, Start: tf.parse("start", req.Start), End: tf.parse("end", req.End),
		Title: req.Title, Attendees: req.Attendees}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	b, err := s.svc.CreateBooking(c.Request.Context(), user(c), n)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"booking": b})
}

// handleBookings lists the caller's bookings latest first (?mine=1, the
// default); staff may ask for everyone's with ?all=1; ?status= keeps one
// status (pending: staff's approval queue, soonest first).
func (s *Server) handleBookings(c *gin.Context) {
	limit := 200
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			s.fail(c, booking.Invalid("limit", "须为1-1000的整数 limit must be a whole number from 1 to 1000"))
			return
		}
		limit = n
	}
	all := c.Query("all") == "1" && c.Query("mine") != "1"
	bs, err := s.svc.ListBookings(c.Request.Context(), user(c), bookingListQuery(c, all, limit))
	if err != nil {
		s.fail(c, err)
		return
	}
	list(c, "bookings", bs)
}

func (s *Server) handleBooking(c *gin.Context) {
	b, err := s.svc.Booking(c.Request.Context(), user(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"booking": b})
}

func (s *Server) handleBookingDelete(c *gin.Context) {
	if err := s.svc.CancelBooking(c.Request.Context(), user(c), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
