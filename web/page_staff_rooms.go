package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

type staffRoomsView struct {
	Page
	Rooms []booking.Room
}

// handleStaffRooms lists the rooms with what staff may change.
func (s *Server) handleStaffRooms(c *gin.Context) {
	p := s.basePage(c, "staff")
	rooms, err := s.svc.Rooms(c.Request.Context())
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.render(c, http.StatusOK, "staff_rooms", p.Lang, &staffRoomsView{Page: p, Rooms: rooms})
}
