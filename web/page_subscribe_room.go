package web

import (
	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleRoomSubscribePage offers a room's feed: its classes and, as
// anonymous busy time, its bookings.
func (s *Server) handleRoomSubscribePage(c *gin.Context) {
	p := s.basePage(c, "home")
	room, err := s.svc.Room(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := subscribeView{Page: p, Kind: "room", NameZH: room.Name, NameEN: room.NameEN, Back: "/rooms/" + room.ID}
	s.renderSubscribe(c, v, "/calendar/rooms/"+room.ID+".ics", "/rooms/"+room.ID+"/calendar.ics")
}

// handleRoomCalendarDownload serves the room's feed as a file to import
// once, for calendar apps that import but do not subscribe.
func (s *Server) handleRoomCalendarDownload(c *gin.Context) {
	room, err := s.svc.Room(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.serveDownload(c, booking.FeedRoom, room.ID, "mingzhu-room-"+room.ID+".ics")
}
