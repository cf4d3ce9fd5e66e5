package booking

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"mingzhu/calendar"
	"mingzhu/calendar/ical"
)

// ImportRequest brings a team's timetable in from an .ics file: each
// recurring VEVENT becomes a series of Team in Room, each single VEVENT a
// booking in the actor's name. The same conflict policy and dry run as
// for series apply; From/To, when set, ask for the resulting occurrences.
type ImportRequest struct {
	Team, Room string
	ICS        []byte
	OnConflict string
	DryRun     bool
	From, To   time.Time
}

// ImportResult says what was (or, in a dry run, would be) created and
// what was skipped and why.
type ImportResult struct {
	DryRun      bool           `json:"dry_run"`
	Created     []ImportedItem `json:"created"`
	Skipped     []ImportedItem `json:"skipped"`
	Occurrences []Occurrence   `json:"occurrences,omitempty"`
	// Timing is for the operator's log, not the answer.
	Timing ImportTiming `json:"-"`
}

// ImportedItem is one event's outcome.
type ImportedItem struct {
	UID     string      `json:"uid"`
	Line    int         `json:"line"`
	Kind    string      `json:"kind"` // series, booking, exception
	ID      string      `json:"id,omitempty"`
	Start   time.Time   `json:"start"`
	Reason  string      `json:"reason,omitempty"`
	Skipped []time.Time `json:"skipped_dates,omitempty"`
}

// maxImportEvents bounds one import. importBudget bounds the work of
// planning it on read snapshots (all attempts together): no lock is held
// then, but the request must still end well inside its 10 s. fallbackBudget
// bounds the rare import that runs whole inside the write transaction,
// holding every other write back (see importEvents).
const (
	maxImportEvents = 500
	importBudget    = 6 * time.Second
	fallbackBudget  = 3 * time.Second
)

// Import applies an .ics file all or nothing: any refusal leaves nothing
// written. The expensive expansion and clash checks run on a read snapshot
// (import_plan.go); the write transaction only re-checks what was committed
// since and inserts.
func (s *Service) Import(ctx context.Context, actor *User, r ImportRequest) (*ImportResult, error) {
	ctx = actingAs(ctx, actor)
	events, err := s.readImport(&r)
	if err != nil {
		return nil, s.forbiddenFirst(ctx, actor, r.Team, err)
	}
	res, err := s.importEvents(ctx, actor, r, events)
	if err != nil && !r.DryRun {
		err = s.auditRefusal(ctx, actor, refusedRequest{Room: r.Room, Team: r.Team}, err)
	}
	return res, err
}

// readImport checks the request and decodes its file, before any store
// is read.
func (s *Service) readImport(r *ImportRequest) ([]ical.Imported, error) {
	if r.OnConflict == "" {
		r.OnConflict = OnConflictReject
	}
	if r.OnConflict != OnConflictReject && r.OnConflict != OnConflictSkip {
		return nil, Invalid("on_conflict", "须为reject（拒绝）或skip（跳过） on_conflict must be reject or skip")
	}
	if r.Room == "" {
		return nil, Invalid("room", "缺少功能室 room is required (?room=)")
	}
	if !r.From.IsZero() || !r.To.IsZero() {
		if err := validateWindow(r.From, r.To); err != nil {
			return nil, err
		}
	}
	events, err := ical.Decode(bytes.NewReader(r.ICS), s.loc)
	var de *ical.DecodeError
	if errors.As(err, &de) {
		return nil, &Error{Code: EINVALID, Field: "body", Message: de.Error()}
	} else if err != nil {
		return nil, err
	}
	if len(events) > maxImportEvents {
		return nil, Errorf(ETOOLARGE, "文件有%d个事件，最多%d个 the file has %d events; at most %d per import",
			len(events), maxImportEvents, len(events), maxImportEvents)
	}
	if err := checkUIDs(events); err != nil {
		return nil, err
	}
	if err := checkEventTimes(events); err != nil {
		return nil, err
	}
	return events, nil
}

// runImport is the whole import on tx: a plan's snapshot or, as a last
// resort, the write transaction itself.
func (s *Service) runImport(ctx context.Context, tx Tx, actor *User, r ImportRequest, events []ical.Imported) (*importer, error) {
	if err := s.mayManage(tx, actor, r.Team); err != nil {
		return nil, err
	}
	if _, err := tx.Room(r.Room); err != nil {
		return nil, err
	}
	res := &ImportResult{DryRun: r.DryRun, Created: []ImportedItem{}, Skipped: []ImportedItem{}}
	im := &importer{ctx: ctx, s: s, tx: tx, actor: actor, req: r, res: res, now: s.clock()}
	if err := im.run(events); err != nil {
		return nil, err
	}
	if !r.From.IsZero() {
		if err := im.window(); err != nil {
			return nil, err
		}
	}
	return im, nil
}

// importer carries one import's state through its transaction.
type importer struct {
	ctx   context.Context
	s     *Service
	tx    Tx
	actor *User
	req   ImportRequest
	res   *ImportResult
	now   time.Time
	keys  []string
	made  []*Booking
}

// run creates series first (in file order), then their overrides, then
// single bookings, so that a booking never blocks the class it belongs
// beside.
func (im *importer) run(events []ical.Imported) error {
	series := map[string]*Series{}
	for _, ev := range events {
		if err := im.ctx.Err(); err != nil { // the request's time ran out
			return err
		}
		if ev.RRule != "" && ev.RecurrenceID.IsZero() {
			se, err := im.series(ev)
			if err != nil {
				return eventError(ev, err)
			}
			series[ev.UID] = se
		}
	}
	for _, ev := range events {
		if ev.RecurrenceID.IsZero() {
			continue
		}
		if err := im.ctx.Err(); err != nil {
			return err
		}
		if err := im.override(series[ev.UID], ev); err != nil {
			return eventError(ev, err)
		}
	}
	for _, ev := range events {
		if ev.RRule == "" && ev.RecurrenceID.IsZero() {
			if err := im.ctx.Err(); err != nil {
				return err
			}
			if err := im.booking(ev); err != nil {
				return eventError(ev, err)
			}
		}
	}
	return nil
}

// eventError names the offending event and its line in a refusal.
func eventError(ev ical.Imported, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message = fmt.Sprintf("事件 event UID %q (第%d行 line %d): %s", ev.UID, ev.Line, ev.Line, e.Message)
	return &out
}

func (im *importer) item(ev ical.Imported, kind string) ImportedItem {
	return ImportedItem{UID: ev.UID, Line: ev.Line, Kind: kind, Start: im.s.local(ev.Start)}
}

func (im *importer) series(ev ical.Imported) (*Series, error) {
	title := ev.Summary
	if title == "" {
		title = "课程 Class"
	}
	canon, err := calendar.CanonicalRRule(ev.RRule) // so that untilUTC finds UNTIL however it was written
	if err != nil {
		return nil, fieldError(err)
	}
	rrule, err := untilUTC(canon, ev.Start.Location())
	if err != nil {
		return nil, err
	}
	res, err := im.s.createSeries(im.tx, im.actor, NewSeries{Team: im.req.Team, Room: im.req.Room, Title: title,
		Start: ev.Start, End: ev.End, RRule: rrule, ExDates: ev.ExDates, OnConflict: im.req.OnConflict})
	if err != nil {
		return nil, err
	}
	it := im.item(ev, KindSeries)
	it.ID, it.Skipped = res.Series.ID, res.Skipped
	im.res.Created = append(im.res.Created, it)
	im.keys = append(im.keys, seriesKeys(res.Series)...)
	return res.Series, nil
}

// override applies a RECURRENCE-ID event as a move (or a cancellation).
func (im *importer) override(se *Series, ev ical.Imported) error {
	if se == nil {
		return Invalid("body", "没有对应的重复事件 no recurring event with this UID to override")
	}
	it := im.item(ev, "exception")
	if slices.ContainsFunc(se.ExDates, ev.RecurrenceID.Equal) {
		it.Reason = "该日期已因冲突跳过 that date was skipped as a clash"
		im.res.Skipped = append(im.res.Skipped, it)
		return nil
	}
	r := ExceptionRequest{Occurrence: ev.RecurrenceID, Action: ActionMove, Start: ev.Start, End: ev.End, Room: im.req.Room}
	if ev.Cancelled {
		r = ExceptionRequest{Occurrence: ev.RecurrenceID, Action: ActionCancel}
	}
	err := im.s.addException(im.tx, im.actor, se, r, im.now, true)
	if ErrorCode(err) == ECONFLICT && im.req.OnConflict == OnConflictSkip {
		it.Reason = "时段冲突 clashes with existing use"
		im.res.Skipped = append(im.res.Skipped, it)
		return nil
	}
	if err == nil {
		it.ID = se.ID
		im.res.Created = append(im.res.Created, it)
	}
	return err
}

// booking books a single event for the actor, after the same checks as
// any booking; past and cancelled events are skipped.
func (im *importer) booking(ev ical.Imported) error {
	it := im.item(ev, KindBooking)
	switch {
	case ev.Cancelled:
		it.Reason = "已取消 cancelled"
	case !ev.End.After(im.now):
		it.Reason = "已过去 in the past"
	case ev.Start.Before(im.now) && !im.actor.IsStaff():
		it.Reason = "已开始 already begun"
	}
	if it.Reason != "" {
		im.res.Skipped = append(im.res.Skipped, it)
		return nil
	}
	n := NewBooking{Room: im.req.Room, Start: ev.Start, End: ev.End, Title: ev.Summary, Attendees: 1}
	if err := im.s.checkBooking(im.actor, &n, im.now); err != nil {
		return err
	}
	b, occ, err := im.s.placeBooking(im.tx, im.actor, n, im.now)
	switch {
	case len(occ) > 0 && im.req.OnConflict == OnConflictSkip:
		it.Reason = "时段冲突 clashes with existing use"
		im.res.Skipped = append(im.res.Skipped, it)
		return nil
	case len(occ) > 0:
		return im.s.conflictError(occ, im.actor)
	case err != nil:
		return err
	}
	it.ID = b.ID
	im.res.Created = append(im.res.Created, it)
	im.made = append(im.made, b)
	im.keys = append(im.keys, "room:"+b.Room, "user:"+b.UserID)
	return nil
}

// window lists what the import put in the team's timetable and the
// bookings it made, inside the requested window.
func (im *importer) window() error {
	occ, err := im.s.occupancy(im.tx, OccurrenceQuery{Team: im.req.Team, From: im.req.From, To: im.req.To}, "")
	if err != nil {
		return err
	}
	for _, b := range im.made {
		if Overlaps(b.Start, b.End, im.req.From, im.req.To) {
			occ = append(occ, bookingOccurrence(*b))
		}
	}
	sortOccurrences(occ)
	for i := range occ {
		im.s.present(&occ[i], im.actor)
	}
	im.res.Occurrences = slices.Clip(occ)
	return nil
}

// checkUIDs refuses a file that gives one UID to two events (two series,
// two bookings, or two overrides of the same date): which one is meant
// cannot be told, and importing both would double the class.
func checkUIDs(events []ical.Imported) error {
	seen := map[string]int{}
	for _, ev := range events {
		key := ev.UID + "|" + ev.RecurrenceID.UTC().Format(time.RFC3339)
		if line, ok := seen[key]; ok {
			return &Error{Code: EINVALID, Field: "body", Message: fmt.Sprintf(
				"事件 UID %q 在第%d行和第%d行重复 event UID %q appears twice (lines %d and %d)", ev.UID, line, ev.Line, ev.UID, line, ev.Line)}
		}
		seen[key] = ev.Line
	}
	return nil
}

// untilUTC rewrites a floating or date-only UNTIL in rrule as UTC, read
// in the zone of the event's DTSTART (RFC 5545 §3.3.10): the series' own
// rules would read it in the site zone, which may be another.
func untilUTC(rrule string, loc *time.Location) (string, error) {
	parts := strings.Split(rrule, ";")
	for i, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(k, "UNTIL") || strings.HasSuffix(v, "Z") {
			continue
		}
		var t time.Time
		var err error
		switch len(v) {
		case len("20060102"): // a date: through that whole local day
			t, err = time.ParseInLocation("20060102", v, loc)
			t = t.AddDate(0, 0, 1).Add(-time.Second)
		default:
			t, err = time.ParseInLocation("20060102T150405", v, loc)
		}
		if err != nil {
			return "", Invalid("rrule", "UNTIL %q 无法解析 cannot be read", v)
		}
		parts[i] = "UNTIL=" + t.UTC().Format("20060102T150405Z")
	}
	return strings.Join(parts, ";"), nil
}
