package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleMySubscribePage offers the reader's private feed: their bookings
// and the classes of the teams they lead. Its address is a secret token
// (u.FeedToken), the same one GET /api/v1/me answers.
func (s *Server) handleMySubscribePage(c *gin.Context) {
	p := s.basePage(c, "mine")
	u := pageUser(c)
	v := subscribeView{Page: p, Kind: "me", Back: "/me/bookings"}
	s.renderSubscribe(c, v, "/calendar/me/"+u.FeedToken+".ics", "/me/calendar.ics")
}

// handleMyCalendarDownload serves the reader's private feed as a file; the
// session says whose, so the address carries no token.
func (s *Server) handleMyCalendarDownload(c *gin.Context) {
	s.serveDownload(c, booking.FeedPrivate, pageUser(c).FeedToken, "mingzhu-my-calendar.ics")
}

// handleFeedResetSubmit gives the reader a new private feed address: the
// old one answers 404 at once, so a leaked address stops working (and
// every calendar subscribed to it stops updating).
func (s *Server) handleFeedResetSubmit(c *gin.Context) {
	if _, err := s.svc.ResetFeedToken(c.Request.Context(), pageUser(c)); err != nil {
		s.pageFail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/me/subscribe?done=subscribe-reset")
}
