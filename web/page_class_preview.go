package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// clashPreview is what the series dry run says about the class being
// planned, in words: the page's preview box, live or after "check".
type clashPreview struct {
	// Live: rendered for the script (the skip button says "skip these
	// dates"); else inside the re-rendered form.
	Live bool
	// Hint: not enough is filled in to ask yet.
	Hint bool
	// Problems are refusals of the live check, each with its field's name
	// (the form itself shows them next to the fields).
	Problems []string
	// Count is the number of dates, nil when open-ended.
	Count *int
	Dates []clashDate
	// Total is the number of clashes, nil when infinitely many; Listed is
	// how many of them Dates show.
	Total     *int
	Listed    int
	Skippable bool
	// Left is the number of dates left after skipping, when known.
	Left *int
}

// clashDate is one clashing date of the class, in words.
type clashDate struct {
	Start time.Time
	Text  string
}

// Infinite reports clashes on infinitely many dates (two open-ended
// classes), which no skip can remove.
func (pv *clashPreview) Infinite() bool { return pv.Total == nil }

// Clear reports that nothing clashes.
func (pv *clashPreview) Clear() bool { return pv.Total != nil && *pv.Total == 0 }

// CountN, TotalN and LeftN are the counts for the words (0 when unknown).
func (pv *clashPreview) CountN() int { return leadDeref(pv.Count) }
func (pv *clashPreview) TotalN() int { return leadDeref(pv.Total) }
func (pv *clashPreview) LeftN() int  { return leadDeref(pv.Left) }

func leadDeref(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// infiniteShown is how many of infinitely many clashes the preview lists:
// enough to see the pattern.
const infiniteShown = 10

// Shown are the clashing dates listed: all the service gave, or the first
// few of infinitely many.
func (pv *clashPreview) Shown() []clashDate {
	if pv.Infinite() && len(pv.Dates) > infiniteShown {
		return pv.Dates[:infiniteShown]
	}
	return pv.Dates
}

// More reports that some clashes are counted but not listed.
func (pv *clashPreview) More() bool { return pv.Total != nil && *pv.Total > pv.Listed }

func (s *Server) handleClassPreview(c *gin.Context) {
	p := s.basePage(c, "lead")
	f := readClassForm(c)
	pv := &clashPreview{Live: true, Hint: !f.complete()}
	status := http.StatusOK
	if !pv.Hint {
		if f.Title == "" {
			f.Title = s.T(p, "lead.preview.untitled") // clashes do not depend on the title
		}
		n, errs := f.series(s, p)
		if len(errs) == 0 {
			var err error
			if pv, errs, err = s.classDryRun(c.Request.Context(), p, f, n); err != nil {
				s.pageFail(c, err)
				return
			}
		}
		if len(errs) > 0 {
			pv = &clashPreview{Problems: s.problemList(p, errs)}
			status = http.StatusUnprocessableEntity
		}
		pv.Live = true
	}
	s.renderLeadFragment(c, status, p.Lang, pv)
}

// classDryRun asks the service what the class would clash with, writing
// nothing. A refusal comes back as field messages; err is a failure that
// is no one's input.
func (s *Server) classDryRun(ctx context.Context, p Page, f classForm, n booking.NewSeries) (*clashPreview, formErrors, error) {
	n.DryRun = true
	res, err := s.svc.CreateSeries(ctx, p.User, n)
	if err != nil {
		errs, ok := s.classRefusal(p, err, f, n)
		if !ok {
			return nil, nil, err
		}
		return nil, errs, nil
	}
	pv, err := s.previewOf(ctx, p, n.Room, res.Clashes, res.Total, res.Skippable)
	if err != nil {
		return nil, nil, err
	}
	pv.Count = res.Occurrences
	if pv.Count != nil && pv.Skippable && !pv.More() {
		left := *pv.Count - len(pv.Dates)
		pv.Left = &left
	}
	return pv, nil, nil
}

// previewOf puts clashes (earliest first, as the service lists them)
// into words, one line per clashing date, each naming what it clashes
// with: another class by its team and title, a booking as the service
// shows it to this reader (others' only as "已预约 Booked").
func (s *Server) previewOf(ctx context.Context, p Page, room string, clashes []booking.Clash, total *int, skippable bool) (*clashPreview, error) {
	pv := &clashPreview{Total: total, Listed: len(clashes), Skippable: skippable}
	if len(clashes) == 0 {
		return pv, nil
	}
	teams, err := s.clashTeams(ctx, p, room, clashes)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(clashes); {
		at := clashes[i]
		var with []string
		for ; i < len(clashes) && clashes[i].OccurrenceStart.Equal(at.OccurrenceStart); i++ {
			with = append(with, s.clashWith(p, clashes[i], teams))
		}
		line := s.T(p, "lead.clash.line", dayInYearOf(p.Lang, at.OccurrenceStart, s.svc.Now()), spanOf(p.Lang, at.OccurrenceStart, at.OccurrenceEnd),
			strings.Join(with, s.T(p, "lead.list_sep")))
		pv.Dates = append(pv.Dates, clashDate{Start: at.OccurrenceStart, Text: line})
	}
	return pv, nil
}

// clashWith names one occupant; its own time is added when it differs
// from the clashing date's.
func (s *Server) clashWith(p Page, c booking.Clash, teams map[string]string) string {
	w := c.With
	var out string
	if w.Kind == booking.KindSeries {
		out = s.T(p, "lead.clash.series", teams[w.ID], leadTitleIn(p.Lang, w.Title))
		if teams[w.ID] == "" {
			out = s.T(p, "lead.clash.class", leadTitleIn(p.Lang, w.Title))
		}
	} else {
		out = leadTitleIn(p.Lang, w.Title)
	}
	if !w.Start.Equal(c.OccurrenceStart) || !w.End.Equal(c.OccurrenceEnd) {
		out += " (" + spanOf(p.Lang, w.Start, w.End) + ")"
	}
	return out
}

// clashTeams maps the ids of the classes clashed with to their teams'
// names: every class that can clash in room is among the room's.
func (s *Server) clashTeams(ctx context.Context, p Page, room string, clashes []booking.Clash) (map[string]string, error) {
	out := map[string]string{}
	list, err := s.svc.SeriesList(ctx, booking.SeriesFilter{Room: room})
	if err != nil {
		return nil, err
	}
	teams, err := s.svc.Teams(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, t := range teams {
		names[t.ID] = leadPick(p.Lang, t.Name, t.NameEN)
	}
	for _, se := range list {
		out[se.ID] = names[se.Team]
	}
	return out, nil
}

// problemList is field messages as a list, each after its field's name,
// in the form's order.
func (s *Server) problemList(p Page, errs formErrors) []string {
	var out []string
	if msg, ok := errs[""]; ok {
		out = append(out, msg)
	}
	for _, f := range classFields {
		if msg, ok := errs[f]; ok {
			out = append(out, s.T(p, "lead.f."+f)+s.T(p, "lead.colon")+msg)
		}
	}
	return out
}

// renderLeadFragment renders only the preview box, for the script that
// replaces the one on the page.
func (s *Server) renderLeadFragment(c *gin.Context, status int, lang string, pv *clashPreview) {
	var buf bytes.Buffer
	if err := s.pages.views[lang]["lead_new"].ExecuteTemplate(&buf, "lead-preview", pv); err != nil {
		s.log.Error("fragment failed", "view", "lead-preview", "err", err)
		s.renderFatal(c, lang)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}
