package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffRoomForm is the room form's fields as typed, kept to show again
// when they are refused.
type staffRoomForm struct {
	Name, NameEN, Capacity, Equipment string
}

// staffRoomView is a room's form; Room is the room as stored, which
// heads the page while the form shows what was typed.
type staffRoomView struct {
	Page
	Room   booking.Room
	Form   staffRoomForm
	Errors formErrors
}

// handleStaffRoom shows a room's form: names, capacity, and its
// equipment one item a line.
func (s *Server) handleStaffRoom(c *gin.Context) {
	p := s.basePage(c, "staff")
	r, err := s.svc.Room(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	f := staffRoomForm{Name: r.Name, NameEN: r.NameEN, Capacity: strconv.Itoa(r.Capacity), Equipment: strings.Join(r.Equipment, "\n")}
	s.render(c, http.StatusOK, "staff_room", p.Lang, &staffRoomView{Page: p, Room: r, Form: f, Errors: formErrors{}})
}

// equipmentItems splits the equipment box into items: one a line, or
// separated by commas (, ， 、); blank ones are dropped.
func equipmentItems(text string) []string {
	items := []string{}
	for _, it := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("\n\r,，、", r) }) {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return items
}

// staffRoomRefused shows the room's form again with what was typed and
// the messages by their fields, headed by the room as stored.
func (s *Server) staffRoomRefused(c *gin.Context, p Page, id string, f staffRoomForm, errs formErrors) {
	r, err := s.svc.Room(c.Request.Context(), id)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.render(c, http.StatusUnprocessableEntity, "staff_room", p.Lang, &staffRoomView{Page: p, Room: r, Form: f, Errors: errs})
}
