package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) seriesRoutes(api *gin.RouterGroup) {
	api.POST("/series", s.auth, s.handleSeriesCreate)
	get(api, "/series", s.handleSeriesList)
	get(api, "/series/:id", s.handleSeries)
	api.PATCH("/series/:id", s.auth, s.handleSeriesPatch)
	api.DELETE("/series/:id", s.auth, s.handleSeriesDelete)
	api.POST("/series/:id/exceptions", s.auth, s.handleExceptionCreate)
}

type seriesRequest struct {
	Team    string   `json:"team"`
	Room    string   `json:"room"`
	Title   string   `json:"title"`
	Start   string   `json:"start"`
	End     string   `json:"end"`
	RRule   string   `json:"rrule"`
	ExDates []string `json:"exdates"`
	// SkipHolidays leaves out the dates on days off of the holiday calendar.
	SkipHolidays bool   `json:"skip_holidays"`
	OnConflict   string `json:"on_conflict"`
	DryRun       bool   `json:"dry_run"`
}

func (s *Server) handleSeriesCreate(c *gin.Context) {
	var req seriesRequest
	if !s.decode(c, &req) {
		return
	}
	var tf timeFields
	n := booking.NewSeries{Team: req.Team, Room: req.Room, Title: req.Title, RRule: req.RRule,
		Start: tf.parse("start", req.Start), End: tf.parse("end", req.End),
		SkipHolidays: req.SkipHolidays, OnConflict: req.OnConflict, DryRun: req.DryRun}
	for _, d := range req.ExDates {
		n.ExDates = append(n.ExDates, tf.parse("exdates", d))
	}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	res, err := s.svc.CreateSeries(c.Request.Context(), user(c), n)
	if err != nil {
		s.fail(c, err)
		return
	}
	if res.DryRun {
		conflicts := res.Clashes
		if conflicts == nil {
			conflicts = []booking.Clash{}
		}
		c.JSON(http.StatusOK, gin.H{"occurrences": res.Occurrences, "conflicts": conflicts, "total": res.Total,
			"skippable": res.Skippable})
		return
	}
	c.JSON(http.StatusCreated, gin.H{"series": res.Series.View(), "skipped": res.Skipped})
}

func (s *Server) handleSeriesList(c *gin.Context) {
	list0, err := s.svc.SeriesList(c.Request.Context(), booking.SeriesFilter{Team: c.Query("team"), Room: c.Query("room")})
	if err != nil {
		s.fail(c, err)
		return
	}
	views := make([]booking.SeriesView, 0, len(list0))
	for _, se := range list0 {
		views = append(views, se.View())
	}
	list(c, "series", views)
}

func (s *Server) handleSeries(c *gin.Context) {
	se, err := s.svc.Series(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"series": se.View()})
}

type seriesPatchRequest struct {
	Title        *string `json:"title"`
	Room         *string `json:"room"`
	Start        *string `json:"start"`
	End          *string `json:"end"`
	RRule        *string `json:"rrule"`
	SkipHolidays *bool   `json:"skip_holidays"`
	OnConflict   string  `json:"on_conflict"`
}

func (s *Server) handleSeriesPatch(c *gin.Context) {
	var req seriesPatchRequest
	if !s.decode(c, &req) {
		return
	}
	p := booking.SeriesPatch{Title: req.Title, Room: req.Room, RRule: req.RRule, SkipHolidays: req.SkipHolidays,
		OnConflict: req.OnConflict}
	var tf timeFields
	for _, f := range []struct {
		name string
		in   *string
		out  **time.Time
	}{{"start", req.Start, &p.Start}, {"end", req.End, &p.End}} {
		if f.in != nil {
			t := tf.parse(f.name, *f.in)
			*f.out = &t
		}
	}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	res, err := s.svc.PatchSeries(c.Request.Context(), user(c), c.Param("id"), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"series": res.Series.View(), "skipped": res.Skipped})
}

func (s *Server) handleSeriesDelete(c *gin.Context) {
	if err := s.svc.DeleteSeries(c.Request.Context(), user(c), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type exceptionRequest struct {
	Occurrence string `json:"occurrence"`
	Action     string `json:"action"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Room       string `json:"room"`
}

func (s *Server) handleExceptionCreate(c *gin.Context) {
	var req exceptionRequest
	if !s.decode(c, &req) {
		return
	}
	var tf timeFields
	r := booking.ExceptionRequest{Occurrence: tf.parse("occurrence", req.Occurrence), Action: req.Action,
		Start: tf.parse("start", req.Start), End: tf.parse("end", req.End), Room: req.Room}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	se, err := s.svc.AddException(c.Request.Context(), user(c), c.Param("id"), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"series": se.View()})
}
