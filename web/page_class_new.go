package web

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// classNewView is the new-class form: the reader's teams, the rooms, what
// was typed, the messages next to the fields, and the clash preview.
type classNewView struct {
	Page
	Teams   []booking.Team
	Rooms   []booking.Room
	Form    classForm
	Days    []dayBox
	Errors  formErrors
	Preview *clashPreview
}

// dayBox is one weekday checkbox.
type dayBox struct {
	Code, Label string
	Checked     bool
}

// Form actions: check for clashes, create, or create skipping them.
const (
	classCheck = "check"
	classSkip  = "skip"
)

func (s *Server) handleClassNewPage(c *gin.Context) {
	p := s.basePage(c, "lead")
	f := classForm{Team: c.Query("team"), First: s.svc.Now().In(s.svc.Location()).Format("2006-01-02")}
	s.classFormPage(c, p, http.StatusOK, f, nil, nil)
}

// handleClassCreate checks (dry run) or creates the class the form
// describes; a refusal shows the form again with the message next to its
// field, a clash with the clashing dates.
func (s *Server) handleClassCreate(c *gin.Context) {
	p := s.basePage(c, "lead")
	f := readClassForm(c)
	n, errs := f.series(s, p)
	if len(errs) > 0 {
		s.classFormPage(c, p, http.StatusUnprocessableEntity, f, errs, nil)
		return
	}
	action := c.PostForm("action")
	if action == classCheck {
		pv, errs, err := s.classDryRun(c.Request.Context(), p, f, n)
		switch {
		case err != nil:
			s.pageFail(c, err)
		case len(errs) > 0:
			s.classFormPage(c, p, http.StatusUnprocessableEntity, f, errs, nil)
		default:
			s.classFormPage(c, p, http.StatusOK, f, nil, pv)
		}
		return
	}
	if action == classSkip {
		n.OnConflict = booking.OnConflictSkip
	}
	res, err := s.svc.CreateSeries(c.Request.Context(), p.User, n)
	if err != nil {
		s.classCreateRefused(c, p, f, n, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/classes/"+res.Series.ID+"?done=class_created")
}

// classCreateRefused shows the form again with the refusal next to its
// field; a clash also lists the clashing dates, with the skip button
// unless skipping was what failed or cannot work (infinitely many).
func (s *Server) classCreateRefused(c *gin.Context, p Page, f classForm, n booking.NewSeries, err error) {
	errs, ok := s.classRefusal(p, err, f, n)
	if !ok {
		s.pageFail(c, err)
		return
	}
	code := booking.ErrorCode(err)
	status := statusOf[code]
	if code == booking.ENOTFOUND {
		status = http.StatusUnprocessableEntity // a team or room that is not (any more) there: pick another
	}
	var pv *clashPreview
	if e, _ := err.(*booking.Error); e.Clashes != nil {
		skippable := n.OnConflict != booking.OnConflictSkip && e.Total != nil
		if pv, err = s.previewOf(c.Request.Context(), p, n.Room, e.Clashes, e.Total, skippable); err != nil {
			s.pageFail(c, err)
			return
		}
	}
	s.classFormPage(c, p, status, f, errs, pv)
}

// classFormPage renders the form with the reader's teams and the rooms.
func (s *Server) classFormPage(c *gin.Context, p Page, status int, f classForm, errs formErrors, pv *clashPreview) {
	ctx := c.Request.Context()
	teams, err := s.ledTeams(ctx, p.User)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	rooms, err := s.svc.Rooms(ctx)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := classNewView{Page: p, Teams: teams, Rooms: rooms, Form: f, Errors: errs, Preview: pv}
	for _, d := range leadWeekdays {
		v.Days = append(v.Days, dayBox{Code: d, Label: s.T(p, "lead.day."+d), Checked: slices.Contains(f.Days, d)})
	}
	s.render(c, status, "lead_new", p.Lang, &v)
}
