package booking

import (
	"context"
	"encoding/json"
	"slices"
	"time"
)

// AuditEntry is one line of the audit trail: who (ActorID, ActorName as
// they were then; empty for the system) changed what (Entity, EntityID)
// when, how (Action), and the entity's image before and after (JSON,
// nil when there is none: nothing before a create, nothing after a
// delete). Rule names the house rule of a "refused" line. Images never
// hold secrets: password hashes, feed and session tokens stay out.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   string
	ActorName string
	Entity    string
	EntityID  string
	Action    string
	Before    json.RawMessage
	After     json.RawMessage
	Rule      string
}

// Audited entity kinds: what AuditFilter.Entity accepts.
const (
	AuditBooking = "booking"
	AuditSeries  = "series"
	AuditRoom    = "room"
	AuditClosure = "closure"
	AuditUser    = "user"
	AuditTeam    = "team"
	AuditHoliday = "holiday"
)

// AuditEntities lists the kinds, in the order the pages offer them.
var AuditEntities = []string{AuditBooking, AuditSeries, AuditRoom, AuditClosure, AuditUser, AuditTeam, AuditHoliday}

// Audit actions. A refused line is a request a house rule turned down
// (the only refusal recorded, see auditRefusal).
const (
	AuditCreate          = "create"
	AuditUpdate          = "update"
	AuditDelete          = "delete"
	AuditCancel          = "cancel"
	AuditRefused         = "refused"
	AuditPasswordChanged = "password_changed"
	AuditFeedReset       = "feed_reset"
	// A booking's house-rule changes (SetBookingState).
	AuditApprove = "approve"
	AuditDecline = "decline"
	AuditNoShow  = "no_show"
	AuditCheckIn = "check_in"
	// AuditLapse is a pending booking not approved by its check-in
	// deadline (EffectiveStatus): the clock's doing, not staff's decline.
	AuditLapse = "lapse"
)

// AuditFilter selects audit lines, newest first; zero fields do not
// filter. At is in [From, To). BeforeID, if set, keeps lines older than
// that one (the next page). Limit must be positive.
type AuditFilter struct {
	From, To time.Time
	Entity   string
	EntityID string
	Actor    string
	BeforeID int64
	Limit    int
}

// AuditTx writes and reads the audit trail. InsertAudit is called by the
// auditing layer (audit_tx.go) in the transaction of the change itself,
// so a line exists exactly when its change was committed.
type AuditTx interface {
	InsertAudit(e *AuditEntry) error
	AuditEntries(f AuditFilter) ([]AuditEntry, error)
}

// Audit page sizes: the default and the most one request may ask for.
const (
	AuditDefaultLimit = 50
	AuditMaxLimit     = 500
)

// Audit lists audit lines for staff, newest first. The filter is checked
// here, so a bad value is a 422 naming its field.
func (s *Service) Audit(ctx context.Context, actor *User, f AuditFilter) ([]AuditEntry, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "仅工作人员可查看操作记录 only staff may read the audit log")
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		f.Limit = AuditDefaultLimit
	}
	var list []AuditEntry
	err := s.store.View(ctx, func(tx Tx) (err error) {
		list, err = tx.AuditEntries(f)
		return err
	})
	for i := range list {
		list[i].At = s.local(list[i].At)
	}
	return list, err
}

func (f AuditFilter) validate() error {
	switch {
	case f.Entity != "" && !slices.Contains(AuditEntities, f.Entity):
		return Invalid("entity", "类别%q不存在 unknown entity %q: use one of booking, series, room, closure, user, team, holiday", f.Entity, f.Entity)
	case !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From):
		return Invalid("to", "结束时间须晚于开始时间 to must be after from")
	case f.Limit < 0 || f.Limit > AuditMaxLimit:
		return Invalid("limit", "每页条数须在1到%d之间 limit must be between 1 and %d", AuditMaxLimit, AuditMaxLimit)
	case f.BeforeID < 0:
		return Invalid("before", "须为正整数 before must be a positive id")
	}
	return nil
}
