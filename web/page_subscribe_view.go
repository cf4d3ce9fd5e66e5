package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// subscribeView is one calendar's subscribe page: a room's, a team's or
// the reader's own. The same page serves all three, so that the how-to
// and the WeChat notice are written once.
type subscribeView struct {
	Page
	Kind     string // "room", "team" or "me"
	NameZH   string // the calendar's names ("" for the reader's own)
	NameEN   string
	Back     string       // the page the calendar belongs to
	Feed     string       // https (or http) address of the feed
	Webcal   template.URL // the same address as webcal:// (a scheme html/template would refuse), which calendar apps subscribe to
	Download string       // the same bytes as a file to import once
	QR       template.HTML
	WeChat   bool // read inside WeChat, which does not hand webcal:// on
}

// inWeChat tells WeChat's in-app browser (and WeCom's, which says the
// same) by its user agent.
func inWeChat(c *gin.Context) bool {
	return strings.Contains(c.GetHeader("User-Agent"), "MicroMessenger")
}

// renderSubscribe fills in the addresses of the feed at feedPath and its
// QR code, and shows the page.
func (s *Server) renderSubscribe(c *gin.Context, v subscribeView, feedPath, download string) {
	feed, webcal := feedURLs(c, feedPath)
	v.Feed, v.Webcal = feed, template.URL(webcal) // built here from our own path
	v.Download = download
	v.WeChat = inWeChat(c)
	qr, err := qrSVG(v.Feed, s.T(v.Page, "subscribe.qr_label"))
	if err != nil {
		s.log.Error("qr code", "err", err)
	}
	v.QR = qr
	s.render(c, http.StatusOK, "subscribe", v.Lang, &v)
}
