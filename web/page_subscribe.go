package web

import "github.com/gin-gonic/gin"

// subscribePages are the calendar subscription pages with their one-off
// downloads, a team's public page and a room's door poster. Everything
// but the reader's own calendar is public: a feed address is no secret
// for rooms and teams, and a poster on a door is read by anyone.
func (s *Server) subscribePages(g *gin.RouterGroup) {
	get(g, "/rooms/:id/subscribe", s.handleRoomSubscribePage)
	get(g, "/rooms/:id/calendar.ics", s.handleRoomCalendarDownload)
	get(g, "/rooms/:id/poster", s.handlePosterPage)
	get(g, "/teams/:id", s.handleTeamPage)
	get(g, "/teams/:id/subscribe", s.handleTeamSubscribePage)
	get(g, "/teams/:id/calendar.ics", s.handleTeamCalendarDownload)
	get(g, "/me/subscribe", s.needLogin, s.handleMySubscribePage)
	get(g, "/me/calendar.ics", s.needLogin, s.handleMyCalendarDownload)
	g.POST("/me/subscribe/reset", s.needLogin, s.handleFeedResetSubmit)
}
