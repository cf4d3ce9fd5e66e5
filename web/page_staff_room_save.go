package web

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleStaffRoomSave stores a room's names, capacity and equipment as
// the form has them. A capacity that is not a whole number is the page's
// own message; every other rule is the service's.
func (s *Server) handleStaffRoomSave(c *gin.Context) {
	p := s.basePage(c, "staff")
	id := c.Param("id")
	f := staffRoomForm{Name: c.PostForm("name"), NameEN: c.PostForm("name_en"), Capacity: strings.TrimSpace(c.PostForm("capacity")),
		Equipment: c.PostForm("equipment")}
	capacity, err := strconv.Atoi(f.Capacity)
	if err != nil {
		s.staffRoomRefused(c, p, id, f, formErrors{"capacity": s.T(p, "staff.room.capacity_number")})
		return
	}
	items := equipmentItems(f.Equipment)
	_, err = s.svc.PatchRoom(c.Request.Context(), p.User, id,
		booking.RoomPatch{Name: &f.Name, NameEN: &f.NameEN, Capacity: &capacity, Equipment: &items})
	if err != nil {
		errs := formErrors{}
		if !errs.add(s, p.Lang, err, "name", "name_en", "capacity", "equipment") {
			s.pageFail(c, err)
			return
		}
		s.staffRoomRefused(c, p, id, f, errs)
		return
	}
	staffDone(c, "/staff/rooms", "staff_room_saved")
}
