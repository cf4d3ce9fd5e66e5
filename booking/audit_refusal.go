package booking

import (
	"context"
	"errors"
	"time"
)

// A request refused by a house rule (a booking, or a class in quiet
// hours) is the one refusal the audit trail records (staff want to see who keeps asking for what the rules
// forbid). Other refusals (clashes, bad input) write nothing: anyone can
// make them at will. Even so, one person may not fill the log: past
// RefusalAudits lines in RefusalWindow their refusals are still answered,
// just no longer written down, until the window moves on.
const (
	RefusalAudits = 30
	RefusalWindow = time.Hour
)

// refusedRequest is the "after" image of a refused line: what was asked.
type refusedRequest struct {
	Room      string    `json:"room"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Title     string    `json:"title,omitempty"`
	Attendees int       `json:"attendees,omitempty"`
	// Team is set for an import (the file's bookings are not listed).
	Team string `json:"team,omitempty"`
}

// requestOf is the image of a booking request.
func requestOf(n NewBooking) refusedRequest {
	return refusedRequest{Room: n.Room, Start: utc(n.Start), End: utc(n.End), Title: n.Title, Attendees: n.Attendees}
}

// auditRefusal writes the line of err, if it is a house rule's refusal of
// actor's request req, in its own small transaction, and returns err as it
// was: the refusal is the answer whether or not the line could be written.
func (s *Service) auditRefusal(ctx context.Context, actor *User, req refusedRequest, err error) error {
	return s.auditRefusalOf(ctx, AuditBooking, actor, req, err)
}

// auditRefusalOf is auditRefusal for a request about entity (a booking,
// or a class: a series or one of its dates).
func (s *Service) auditRefusalOf(ctx context.Context, entity string, actor *User, req any, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Code != EPOLICY || actor == nil {
		return err
	}
	now := s.clock()
	if _, ok := s.refusals.take(now, "refused:"+actor.ID); !ok {
		return err
	}
	line := &AuditEntry{At: now, ActorID: actor.ID, ActorName: actor.Name, Entity: entity,
		Action: AuditRefused, After: marshal(req), Rule: e.Rule}
	_ = s.raw.Update(ctx, func(tx Tx) error { return tx.InsertAudit(line) })
	return err
}

// seriesRequest is the "after" image of a class refused by a house rule:
// what was asked (a new class, a change, or one date moved).
type seriesRequest struct {
	Series string    `json:"series,omitempty"`
	Team   string    `json:"team,omitempty"`
	Room   string    `json:"room,omitempty"`
	Start  time.Time `json:"start,omitzero"`
	End    time.Time `json:"end,omitzero"`
	RRule  string    `json:"rrule,omitempty"`
}
