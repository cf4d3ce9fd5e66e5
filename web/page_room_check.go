package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// checkAnswer is the live check's answer: whether the slot can be booked
// now, and if not the message and the field it belongs next to, in the
// page's language.
type checkAnswer struct {
	OK      bool   `json:"ok"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// handleRoomCheck answers GET /rooms/:id/check?date=&start=&end=&attendees=
// while a person picks times, with the service's own read-only check
// (CheckBooking): the same words the form would show after submitting.
func (s *Server) handleRoomCheck(c *gin.Context) {
	p := s.basePage(c, "home")
	c.Header("Cache-Control", "no-store")
	n, err := readBookForm(c.Query).request(c.Param("id"), s.svc.Location(), false)
	if err == nil {
		err = s.svc.CheckBooking(c.Request.Context(), p.User, n)
	}
	if err == nil {
		c.JSON(http.StatusOK, checkAnswer{OK: true, Message: s.T(p, "resident.book.free")})
		return
	}
	errs := formErrors{}
	if !s.bookRefusal(p, errs, err) {
		code := booking.ErrorCode(err)
		c.JSON(statusOf[code], checkAnswer{Message: s.errText(p.Lang, err)})
		return
	}
	for field, msg := range errs {
		c.JSON(http.StatusOK, checkAnswer{Field: field, Message: msg})
		return
	}
}
