package web

import (
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// residentPages are the home page, a room's week with its booking form,
// and the reader's own bookings.
func (s *Server) residentPages(g *gin.RouterGroup) {
	get(g, "/", s.handleHomePage)
	get(g, "/rooms/:id", s.handleRoomPage)
	get(g, "/rooms/:id/check", s.handleRoomCheck)
	g.POST("/rooms/:id/book", s.needLogin, s.handleRoomBook)
	g.POST("/rooms/:id/check-in", s.needLogin, s.handleRoomCheckIn)
	get(g, "/me/bookings", s.needLogin, s.handleMyBookingsPage)
	get(g, "/me/bookings/:id/cancel", s.needLogin, s.handleCancelPage)
	g.POST("/me/bookings/:id/cancel", s.needLogin, s.handleCancelSubmit)
}

// half is the page's language's half of a bilingual text the data holds
// ("太极晨练 Morning tai chi", "座椅 60 seats"): split at the first space
// after a Chinese character that leaves no Chinese behind it and some
// Latin letter. A text in one language only is shown as it is.
func half(lang, text string) string {
	zh, en := splitData(text)
	if lang == langEN {
		return en
	}
	return zh
}

func splitData(text string) (zh, en string) {
	prevCJK := false
	for i, r := range text {
		if r == ' ' && prevCJK {
			rest := text[i+1:]
			if !strings.ContainsFunc(rest, isCJK) && strings.ContainsFunc(rest, unicode.IsLetter) {
				return strings.TrimSpace(text[:i]), strings.TrimSpace(rest)
			}
		}
		prevCJK = isCJK(r)
	}
	return text, text
}

// pickName is a name the data keeps in both languages, in the page's.
func pickName(lang, zh, en string) string {
	if lang == langEN && en != "" {
		return en
	}
	return zh
}

// roomLabel is a room's name for a heading: in the page's language, with
// the other language's beside it (marked with its lang for screen readers).
type roomLabel struct{ Main, Other, OtherLang string }

func labelOf(lang string, r booking.Room) roomLabel {
	if lang == langEN && r.NameEN != "" {
		return roomLabel{Main: r.NameEN, Other: r.Name, OtherLang: "zh-CN"}
	}
	return roomLabel{Main: r.Name, Other: r.NameEN, OtherLang: "en"}
}

// equipment lists a room's equipment in the page's language.
func (s *Server) equipment(p Page, r booking.Room) string {
	parts := make([]string, len(r.Equipment))
	for i, e := range r.Equipment {
		parts[i] = half(p.Lang, e)
	}
	return strings.Join(parts, s.T(p, "resident.list.sep"))
}

// teamNames maps team ids to their names in lang.
func teamNames(lang string, teams []booking.Team) map[string]string {
	out := make(map[string]string, len(teams))
	for _, t := range teams {
		out[t.ID] = pickName(lang, t.Name, t.NameEN)
	}
	return out
}

// occWho and occWhat name an occurrence for a reader: a class by its team
// and title, a booking by its title, or "Booked" when the title is not the
// reader's to see.
func occWho(lang string, o booking.Occurrence, teams map[string]string) string {
	if o.Kind == booking.KindSeries {
		if n := teams[o.Team]; n != "" {
			return n
		}
	}
	return half(lang, o.Title)
}

func occWhat(lang string, o booking.Occurrence) string {
	if o.Kind == booking.KindSeries {
		return half(lang, o.Title)
	}
	return ""
}
