package web

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// roomCheckIn is the room page's check-in box: the reader's bookings of
// the room in their check-in window now (the door poster's code leads
// here), and a refusal when a check-in just failed.
type roomCheckIn struct {
	Due   []dueItem
	Error string
}

// dueItem is one booking in the check-in box, its words made here.
type dueItem struct {
	ID, Room, Title, When string
	// CheckedIn is the time of check-in ("14:02"), empty until then.
	CheckedIn string
}

// dueItemOf puts b in the page's words.
func dueItemOf(lang string, b booking.Booking) dueItem {
	it := dueItem{ID: b.ID, Room: b.Room, Title: half(lang, b.Title), When: spanOf(lang, b.Start, b.End)}
	if b.CheckedInAt != nil {
		it.CheckedIn = clockOf(*b.CheckedInAt)
	}
	return it
}

// checkInErrorKey carries a refused check-in's words to renderRoom.
const checkInErrorKey = "checkin.error"

// roomCheckIns reads the reader's bookings due for check-in in room; a
// visitor who is not logged in has none.
func (s *Server) roomCheckIns(c *gin.Context, p Page, room string) (roomCheckIn, error) {
	box := roomCheckIn{Error: c.GetString(checkInErrorKey)}
	if p.User == nil {
		return box, nil
	}
	due, err := s.svc.CheckInDue(c.Request.Context(), p.User, room)
	for _, b := range due {
		box.Due = append(box.Due, dueItemOf(p.Lang, b))
	}
	return box, err
}

// handleRoomCheckIn checks in the booking named by the form's "booking"
// through the service (which holds the window and the owner to the
// rules), then leads back to the room with a notice; a refusal is shown
// in the check-in box of the room page, with its status.
func (s *Server) handleRoomCheckIn(c *gin.Context) {
	room := c.Param("id")
	if _, err := s.svc.Room(c.Request.Context(), room); err != nil {
		s.pageFail(c, err) // an unknown room is the friendly 404, and nothing is checked in
		return
	}
	_, err := s.svc.CheckIn(c.Request.Context(), pageUser(c), c.PostForm("booking"))
	switch code := booking.ErrorCode(err); {
	case err == nil:
		c.Redirect(http.StatusSeeOther, "/rooms/"+url.PathEscape(room)+"?done=checked_in#checkin")
	case code == booking.ECONFLICT:
		p := s.basePage(c, "home")
		c.Set(checkInErrorKey, s.errText(p.Lang, err))
		now := s.svc.Now()
		monday, sel := s.weekAsked("", "", now)
		s.renderRoom(c, p, room, monday, sel, bookForm{Attendees: "1", Date: now.Format("2006-01-02")}, formErrors{}, http.StatusConflict)
	default:
		s.pageFail(c, err)
	}
}
