package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) roomRoutes(api *gin.RouterGroup) {
	get(api, "/rooms", s.handleRooms)
	get(api, "/rooms/:id", s.handleRoom)
	api.PATCH("/rooms/:id", s.auth, s.handleRoomPatch)
}

// roomView is a room with the addresses of its calendar feed.
type roomView struct {
	booking.Room
	FeedURL   string `json:"feed_url"`
	WebcalURL string `json:"webcal_url"`
}

func newRoomView(c *gin.Context, r booking.Room) roomView {
	v := roomView{Room: r}
	v.FeedURL, v.WebcalURL = feedURLs(c, "/calendar/rooms/"+r.ID+".ics")
	return v
}

func (s *Server) handleRooms(c *gin.Context) {
	rooms, err := s.svc.Rooms(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	views := make([]roomView, 0, len(rooms))
	for _, r := range rooms {
		views = append(views, newRoomView(c, r))
	}
	list(c, "rooms", views)
}

func (s *Server) handleRoom(c *gin.Context) {
	room, err := s.svc.Room(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"room": newRoomView(c, room)})
}

// roomPatchRequest is a PATCH of a room: fields left out (or null) stay.
type roomPatchRequest struct {
	Name      *string   `json:"name"`
	NameEN    *string   `json:"name_en"`
	Capacity  *int      `json:"capacity"`
	Equipment *[]string `json:"equipment"`
	// Rules are merged key by key into the room's rules.
	Rules *booking.RulesPatch `json:"rules"`
}

// handleRoomPatch renames a room or changes its capacity, equipment or
// house rules (staff); its id never changes. New quiet hours keep what is
// already booked inside them: the answer then lists those uses
// (quiet_hours_breaches, see booking.QuietBreaches), read after the
// change is committed, so staff can speak to the people concerned.
func (s *Server) handleRoomPatch(c *gin.Context) {
	var req roomPatchRequest
	if !s.decode(c, &req) {
		return
	}
	room, err := s.svc.PatchRoom(c.Request.Context(), user(c), c.Param("id"), booking.RoomPatch(req))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"room": newRoomView(c, room)}
	if req.Rules != nil && req.Rules.QuietHours != nil {
		list, total, err := s.svc.QuietBreaches(c.Request.Context(), user(c), room.ID)
		if err != nil {
			s.fail(c, err)
			return
		}
		out["quiet_hours_breaches"], out["quiet_hours_breaches_total"] = nonNil(list), total
	}
	c.JSON(http.StatusOK, out)
}

// nonNil is list, or an empty list that encodes as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
