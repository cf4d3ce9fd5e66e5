package web

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// mineView is the reader's own bookings: what is coming (soonest first)
// and what is over or cancelled (latest first), with their calendar feed.
type mineView struct {
	Page
	Upcoming, Past     []mineItem
	FeedURL, WebcalURL string
}

// mineItem is one booking with its room's name and its title in the
// page's language.
type mineItem struct {
	booking.Booking
	RoomName, Shown, Lunar string
	// Why is the reason of a closure or a decline, in the page's language.
	Why string
	// Cancellable offers the cancel button: the service would accept it
	// (booking.CanCancel; not once begun, checked in or over).
	Cancellable bool
}

// mineItem builds one item of the list, its lunar date from the pages'
// cache.
func (s *Server) mineItem(lang string, b booking.Booking, names map[string]string) mineItem {
	return mineItem{Booking: b, RoomName: names[b.Room], Shown: half(lang, b.Title), Lunar: s.pages.lunar.of(lang, b.Start), Why: half(lang, b.Reason)}
}

// myBookingsLimit bounds the list: years of weekly bookings.
const myBookingsLimit = 500

func (s *Server) handleMyBookingsPage(c *gin.Context) {
	p := s.basePage(c, "mine")
	list, err := s.svc.Bookings(c.Request.Context(), p.User, false, myBookingsLimit)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	names, err := s.roomNames(c, p.Lang)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := &mineView{Page: p}
	v.FeedURL, v.WebcalURL = feedURLs(c, "/calendar/me/"+p.User.FeedToken+".ics")
	now := s.svc.Now()
	for _, b := range list { // latest first
		it := s.mineItem(p.Lang, b, names)
		it.Cancellable = b.Status != booking.StatusCancelled && booking.CanCancel(p.User, b, now) == nil
		if booking.HoldsSlot(b.Status) && b.End.After(now) { // confirmed or waiting for staff
			v.Upcoming = append(v.Upcoming, it)
		} else {
			v.Past = append(v.Past, it)
		}
	}
	slices.Reverse(v.Upcoming)
	s.render(c, http.StatusOK, "mine", p.Lang, v)
}

// roomNames maps room ids to their names in lang, for pages that list
// bookings by room id.
func (s *Server) roomNames(c *gin.Context, lang string) (map[string]string, error) {
	rooms, err := s.svc.Rooms(c.Request.Context())
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rooms))
	for _, r := range rooms {
		out[r.ID] = pickName(lang, r.Name, r.NameEN)
	}
	return out, nil
}
