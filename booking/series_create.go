package booking

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"mingzhu/calendar"
)

// Conflict policies for a new series.
const (
	OnConflictReject = "reject"
	OnConflictSkip   = "skip"
)

// NewSeries is what a leader asks for: a first occurrence Start-End that
// repeats by RRule in Room for Team.
type NewSeries struct {
	Team, Room, Title string
	Start, End        time.Time
	RRule             string
	ExDates           []time.Time
	OnConflict        string
	DryRun            bool
}

// SeriesResult is the outcome of creating (or trying) a series.
type SeriesResult struct {
	Series  *Series
	Skipped []time.Time
	// DryRun answers: the occurrence count (nil when unbounded), and what
	// would clash.
	DryRun      bool
	Occurrences *int
	Clashes     []Clash
	Total       *int
}

func (n *NewSeries) validate() error {
	switch {
	case n.Team == "":
		return Invalid("team", "缺少队伍 team is required")
	case n.Room == "":
		return Invalid("room", "缺少功能室 room is required")
	case n.Title == "" || utf8.RuneCountInString(n.Title) > 100:
		return Invalid("title", "标题须为1-100个字符 title must be 1-100 characters")
	case n.RRule == "":
		return Invalid("rrule", "缺少重复规则 rrule is required, e.g. FREQ=WEEKLY;BYDAY=TU")
	}
	if n.OnConflict == "" {
		n.OnConflict = OnConflictReject
	}
	if n.OnConflict != OnConflictReject && n.OnConflict != OnConflictSkip {
		return Invalid("on_conflict", "须为 reject 或 skip on_conflict must be reject or skip")
	}
	return validateInterval(n.Start, n.End, "start", "end")
}

// CreateSeries checks a new series exactly against everything in its room
// and stores it, all in one write transaction.
func (s *Service) CreateSeries(ctx context.Context, actor *User, n NewSeries) (*SeriesResult, error) {
	if err := n.validate(); err != nil {
		return nil, err
	}
	if err := s.checkWallClock(n.Start, n.End, "start", "end"); err != nil {
		return nil, err
	}
	var res *SeriesResult
	run := s.store.Update
	if n.DryRun { // a dry run writes nothing: keep it off the single writer
		run = s.store.View
	}
	err := run(ctx, func(tx Tx) (err error) {
		res, err = s.createSeries(tx, actor, n)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !n.DryRun {
		s.vers.touch(seriesKeys(res.Series)...)
	}
	s.presentSeries(res.Series)
	return res, nil
}

// createSeries does CreateSeries' work inside the caller's transaction.
func (s *Service) createSeries(tx Tx, actor *User, n NewSeries) (*SeriesResult, error) {
	now := s.clock()
	part := Part{Room: n.Room, Start: n.Start, End: n.End, RRule: n.RRule}
	if err := s.mayManage(tx, actor, n.Team); err != nil {
		return nil, err
	}
	if _, err := tx.Room(n.Room); err != nil {
		return nil, err
	}
	rule, err := s.buildRule(part, n.ExDates)
	if err != nil {
		return nil, fieldError(err)
	}
	se := &Series{ID: NewID(now), Team: n.Team, Title: n.Title, Parts: []Part{part},
		ExDates: n.ExDates, CreatedBy: actor.ID, CreatedAt: now, UpdatedAt: now}
	res, err := s.placeSeries(tx, se, rule, n.OnConflict, n.DryRun)
	if err != nil || n.DryRun {
		return res, err
	}
	return res, s.save(tx, se, true)
}

// placeSeries checks the current part of se (already built as rule)
// against the room; it applies the conflict policy, and for a dry run
// only reports. With skip, clashing dates become exdates of se.
func (s *Service) placeSeries(tx Tx, se *Series, rule *calendar.Rule, policy string, dry bool) (*SeriesResult, error) {
	room := se.Current().Room
	rep, err := s.clashes(tx, rule, room, se, clashLimit+1)
	if err != nil {
		return nil, err
	}
	res := &SeriesResult{Series: se, Skipped: []time.Time{}}
	if dry {
		res.DryRun = true
		if n, ok := rule.Count(); ok {
			res.Occurrences = &n
		}
		res.Clashes, res.Total = rep.sorted(clashLimit), totalOf(rep)
		return res, nil
	}
	if len(rep.clashes) == 0 {
		return res, nil
	}
	if policy != OnConflictSkip || rep.unbounded {
		return nil, s.clashError(rep)
	}
	if rep.total > calendar.MaxClashPairs {
		e := s.clashError(rep)
		e.Message = "冲突过多，无法逐一跳过 too many clashes to skip one by one; choose another time or room"
		return nil, e
	}
	if rep.total > len(rep.clashes) {
		if rep, err = s.clashes(tx, rule, room, se, rep.total); err != nil {
			return nil, err
		}
	}
	for _, c := range rep.clashes {
		if !slices.ContainsFunc(res.Skipped, c.OccurrenceStart.Equal) {
			res.Skipped = append(res.Skipped, c.OccurrenceStart)
		}
	}
	slices.SortFunc(res.Skipped, time.Time.Compare)
	se.ExDates = append(se.ExDates, res.Skipped...)
	if _, err := s.buildRule(*se.Current(), se.excluded()); err != nil {
		e := s.clashError(rep)
		e.Message = "每次活动都有冲突，无可保留 every occurrence clashes; nothing would remain"
		return nil, e
	}
	return res, nil
}

func totalOf(rep *clashReport) *int {
	if rep.unbounded {
		return nil
	}
	t := rep.total
	return &t
}

// clashError is the 409 for a series: every clashing occurrence, earliest
// first, with the full count (nil when infinitely many).
func (s *Service) clashError(rep *clashReport) *Error {
	e := Errorf(ECONFLICT, "部分日期与已有安排冲突 some occurrences clash with existing use of the room")
	if rep.unbounded {
		e.Message = "与另一无结束日期的课程无限次冲突 clashes with another open-ended series on infinitely many dates"
	}
	e.Clashes, e.Total = rep.sorted(clashLimit), totalOf(rep)
	return e
}

// mayManage allows staff, and leaders of the team.
func (s *Service) mayManage(tx Tx, actor *User, teamID string) error {
	team, err := tx.Team(teamID)
	if ErrorCode(err) == ENOTFOUND {
		return NotFound("team", "没有队伍 %q no such team", teamID)
	} else if err != nil {
		return err
	}
	if !team.LedBy(actor) {
		return Errorf(EFORBIDDEN, "只有%s的领队或工作人员可安排其课程 only leaders of %s or staff may manage its classes",
			team.Name, team.NameEN)
	}
	return nil
}
