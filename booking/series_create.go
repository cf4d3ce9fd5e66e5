package booking

import (
	"context"
	"slices"
	"time"

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
	// SkipHolidays leaves out dates on days off (Part.SkipHolidays).
	SkipHolidays bool
	OnConflict   string
	DryRun       bool
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
	// Skippable says whether on_conflict=skip would succeed: false for
	// infinitely or too many clashes, or when no date would remain.
	Skippable bool
}

func (n *NewSeries) validate() error {
	switch {
	case n.Team == "":
		return Invalid("team", "缺少队伍 team is required")
	case n.Room == "":
		return Invalid("room", "缺少功能室 room is required")
	case n.RRule == "":
		return Invalid("rrule", "缺少重复规则 rrule is required, e.g. FREQ=WEEKLY;BYDAY=TU")
	}
	if err := checkSeriesTitle(n.Title); err != nil {
		return err
	}
	if n.OnConflict == "" {
		n.OnConflict = OnConflictReject
	}
	if n.OnConflict != OnConflictReject && n.OnConflict != OnConflictSkip {
		return Invalid("on_conflict", "须为reject（拒绝）或skip（跳过） on_conflict must be reject or skip")
	}
	if err := checkTimes("exdates", n.ExDates); err != nil {
		return err
	}
	return validateInterval(n.Start, n.End, "start", "end")
}

// CreateSeries checks a new series exactly against everything in its room
// and stores it, all in one write transaction.
func (s *Service) CreateSeries(ctx context.Context, actor *User, n NewSeries) (_ *SeriesResult, err error) {
	ctx = actingAs(ctx, actor)
	if !n.DryRun {
		defer func() {
			err = s.auditRefusalOf(ctx, AuditSeries, actor, seriesRequest{Team: n.Team, Room: n.Room, Start: utc(n.Start), End: utc(n.End), RRule: n.RRule}, err)
		}()
	}
	if err := n.validate(); err != nil {
		// Refused before queueing for the writer (createSeries checks it
		// all again).
		return nil, s.forbiddenFirst(ctx, actor, n.Team, err)
	}
	var res *SeriesResult
	run := s.store.Update
	if n.DryRun { // a dry run writes nothing: keep it off the single writer
		run = s.viewWarm
	}
	err = run(ctx, func(tx Tx) (err error) {
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

// createSeries does CreateSeries' work inside the caller's transaction;
// .ics import comes here too, so both apply every check.
func (s *Service) createSeries(tx Tx, actor *User, n NewSeries) (*SeriesResult, error) {
	now := s.clock()
	if err := s.mayManage(tx, actor, n.Team); err != nil {
		return nil, err
	}
	if err := n.validate(); err != nil {
		return nil, err
	}
	if _, err := tx.Room(n.Room); err != nil {
		return nil, err
	}
	part := Part{Room: n.Room, Start: n.Start, End: n.End, RRule: n.RRule, SkipHolidays: n.SkipHolidays}
	rule, err := s.definePart(&part, n.ExDates)
	if err != nil {
		return nil, err
	}
	se := &Series{ID: NewID(now), Team: n.Team, Title: n.Title, Parts: []Part{part},
		ExDates: n.ExDates, CreatedBy: actor.ID, CreatedAt: now, UpdatedAt: now}
	res, err := s.placeSeries(tx, actor, se, rule, n.OnConflict, n.DryRun)
	if err != nil || n.DryRun {
		return res, err
	}
	return res, s.save(tx, se, true)
}

// placeSeries checks the current part of se (already built as rule)
// against the room: its quiet hours first, then clashes; it applies the conflict policy, and for a dry run
// only reports, including whether skip would succeed. With skip, clashing
// dates become exdates of se. Clashes are shown as viewer may see them.
func (s *Service) placeSeries(tx Tx, viewer *User, se *Series, rule *calendar.Rule, policy string, dry bool) (*SeriesResult, error) {
	if err := s.quietSeries(tx, se.Current().Room, rule); err != nil {
		return nil, err // a dry run is refused alike: skipping cannot help
	}
	rep, err := s.clashes(tx, rule, se.Current().Room, se, clashLimit+1)
	if err != nil {
		return nil, err
	}
	res := &SeriesResult{Series: se, Skipped: []time.Time{}}
	if dry {
		res.DryRun = true
		if n, ok := rule.Count(); ok {
			res.Occurrences = &n
		}
		res.Clashes, res.Total = s.presentClashes(rep.sorted(clashLimit), viewer), totalOf(rep)
		res.Skippable = len(rep.clashes) == 0
		if !res.Skippable {
			_, err := s.skipClashes(tx, viewer, se, rule, rep)
			res.Skippable = err == nil
		}
		return res, nil
	}
	if len(rep.clashes) == 0 {
		return res, nil
	}
	if policy != OnConflictSkip {
		return nil, s.clashError(rep, viewer)
	}
	if res.Skipped, err = s.skipClashes(tx, viewer, se, rule, rep); err != nil {
		return nil, err
	}
	return res, nil
}

// skipClashes leaves every clashing date of se out (as exdates) and
// returns them, or refuses when that cannot be done: infinitely or too
// many clashes, or none of the dates left.
func (s *Service) skipClashes(tx Tx, viewer *User, se *Series, rule *calendar.Rule, rep *clashReport) ([]time.Time, error) {
	if rep.unbounded {
		return nil, s.clashError(rep, viewer)
	}
	if rep.total > calendar.MaxClashPairs {
		e := s.clashError(rep, viewer)
		e.Message = "冲突过多，无法逐一跳过 too many clashes to skip one by one; choose another time or room"
		return nil, e
	}
	if rep.total > len(rep.clashes) {
		var err error
		if rep, err = s.clashes(tx, rule, se.Current().Room, se, rep.total); err != nil {
			return nil, err
		}
	}
	skipped := []time.Time{}
	for _, c := range rep.clashes {
		if !slices.ContainsFunc(skipped, c.OccurrenceStart.Equal) {
			skipped = append(skipped, c.OccurrenceStart)
		}
	}
	slices.SortFunc(skipped, time.Time.Compare)
	left, err := s.storedRule(*se.Current(), append(se.excluded(), skipped...))
	if err != nil {
		return nil, fieldError(err)
	}
	if n, bounded := left.Count(); bounded && n == 0 && !s.movedFrom(se, *se.Current()) {
		e := s.clashError(rep, viewer)
		e.Message = "每次活动都有冲突，无可保留 every occurrence clashes; nothing would remain"
		return nil, e
	}
	se.ExDates = append(se.ExDates, skipped...)
	return skipped, nil
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
func (s *Service) clashError(rep *clashReport, viewer *User) *Error {
	e := Errorf(ECONFLICT, "部分日期与已有安排冲突 some occurrences clash with existing use of the room")
	if rep.unbounded {
		e.Message = "与另一无结束日期的课程在无限多个日期冲突，无法跳过，请换时间或功能室 clashes with another open-ended series on infinitely many dates; they cannot be skipped: choose another time or room"
	}
	e.Clashes, e.Total = s.presentClashes(rep.sorted(clashLimit), viewer), totalOf(rep)
	return e
}

// presentClashes hides the titles of bookings viewer may not see (staff
// and the booker see them, as in a booking's own 409).
func (s *Service) presentClashes(cs []Clash, viewer *User) []Clash {
	out := slices.Clone(cs)
	for i := range out {
		w := &out[i].With
		if w.Kind == KindBooking && !viewer.IsStaff() && (viewer == nil || viewer.ID != w.UserID) {
			w.Title = bookedTitle
		}
	}
	return out
}

// forbiddenFirst is the answer to a request refused before it reached
// the store: someone who may not manage the team hears that first,
// whatever else is wrong, so a dry run answers like the real request and
// neither says more to an outsider; anyone else hears err.
func (s *Service) forbiddenFirst(ctx context.Context, actor *User, team string, err error) error {
	perr := s.store.View(ctx, func(tx Tx) error { return s.mayManage(tx, actor, team) })
	if ErrorCode(perr) == EFORBIDDEN {
		return perr
	}
	return err
}

// mayManage allows staff, and leaders of the team.
func (s *Service) mayManage(tx Tx, actor *User, teamID string) error {
	team, err := tx.Team(teamID)
	if ErrorCode(err) == ENOTFOUND {
		return NotFound("team", "没有队伍「%s」 no such team %q", teamID, teamID)
	} else if err != nil {
		return err
	}
	if !team.LedBy(actor) {
		return Errorf(EFORBIDDEN, "只有%s的领队或工作人员可安排其课程 only leaders of %s or staff may manage its classes",
			team.Name, team.NameEN)
	}
	return nil
}
