package web

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

func (s *Server) auditRoutes(api *gin.RouterGroup) {
	get(api, "/audit", s.auth, s.handleAudit)
}

// auditActor is who acted; the line's actor is null for the system.
type auditActor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// auditLine is one audit entry as the API answers it: the images are
// passed through as stored (already JSON), not decoded and re-encoded.
type auditLine struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	Actor    *auditActor     `json:"actor"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Action   string          `json:"action"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	Rule     string          `json:"rule,omitempty"`
}

func newAuditLine(e booking.AuditEntry) auditLine {
	l := auditLine{ID: e.ID, At: e.At, Entity: e.Entity, EntityID: e.EntityID, Action: e.Action,
		Before: rawOrNull(e.Before), After: rawOrNull(e.After), Rule: e.Rule}
	if e.ActorID != "" {
		l.Actor = &auditActor{ID: e.ActorID, Name: e.ActorName}
	}
	return l
}

func rawOrNull(b []byte) json.RawMessage {
	if b == nil {
		return json.RawMessage("null")
	}
	return b
}

// handleAudit lists the audit trail for staff, newest first, filtered by
// time (from, to: RFC 3339), entity kind and id, and actor (user id);
// before (a line's id) gives the next, older page.
func (s *Server) handleAudit(c *gin.Context) {
	f, err := auditFilter(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	entries, err := s.svc.Audit(c.Request.Context(), user(c), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	lines := make([]auditLine, len(entries))
	for i, e := range entries {
		lines[i] = newAuditLine(e)
	}
	list(c, "audit", lines)
}

// auditFilter reads the query; the service checks the values.
func auditFilter(c *gin.Context) (booking.AuditFilter, error) {
	var tf timeFields
	f := booking.AuditFilter{From: queryTime(c, &tf, "from"), To: queryTime(c, &tf, "to"),
		Entity: c.Query("entity"), EntityID: c.Query("entity_id"), Actor: c.Query("actor")}
	if tf.err != nil {
		return f, tf.err
	}
	var err error
	if f.Limit, err = queryInt(c, "limit"); err != nil {
		return f, err
	}
	before, err := queryInt(c, "before")
	f.BeforeID = int64(before)
	return f, err
}

// queryInt reads a whole number from the query; absent is 0.
func queryInt(c *gin.Context, name string) (int, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, booking.Invalid(name, "须为整数 must be a whole number, got %q", v)
	}
	return n, nil
}
