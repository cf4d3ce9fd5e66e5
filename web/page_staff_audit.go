package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// auditPageSize is how many lines one page of the audit log shows.
const auditPageSize = 30

// staffAuditView is the audit log with its filter form and the link to
// the next (older) page.
type staffAuditView struct {
	Page
	Entity   selectView
	Form     auditForm
	Errors   formErrors
	Lines    []auditRow
	Older    string
	Filtered bool
}

// auditForm is the filter as typed (dates YYYY-MM-DD in the site zone).
type auditForm struct{ Entity, From, To, EntityID string }

// auditRow is one line in words, made in Go.
type auditRow struct {
	When, Actor, What, Action, Rule, EntityID, Link string
	Changes                                         []auditChange
}

// handleStaffAudit lists the audit trail newest first, filtered by kind,
// dates (whole days in the site zone) and id; ?before= pages back. A bad
// filter is a message next to its field, the list then left out.
func (s *Server) handleStaffAudit(c *gin.Context) {
	p := s.basePage(c, "staff")
	form := auditForm{Entity: c.Query("entity"), From: c.Query("from"), To: c.Query("to"),
		EntityID: strings.TrimSpace(c.Query("entity_id"))}
	v := staffAuditView{Page: p, Form: form, Errors: formErrors{},
		Filtered: form.Entity != "" || form.From != "" || form.To != "" || form.EntityID != ""}
	status := http.StatusOK
	f, err := s.auditPageFilter(form, c.Query("before"))
	var lines []booking.AuditEntry
	if err == nil {
		lines, err = s.svc.Audit(c.Request.Context(), p.User, f)
	}
	if err != nil {
		if !v.Errors.add(s, p.Lang, err, "entity", "from", "to", "entity_id") {
			s.pageFail(c, err)
			return
		}
		status = http.StatusUnprocessableEntity
	}
	if len(lines) > auditPageSize {
		lines = lines[:auditPageSize]
		v.Older = form.query(lines[len(lines)-1].ID)
	}
	for _, l := range lines {
		v.Lines = append(v.Lines, s.auditRowOf(p.Lang, l))
	}
	v.Entity = s.auditEntitySelect(form.Entity, v.Errors["entity"])
	s.render(c, status, "staff_audit", p.Lang, &v)
}

// auditPageFilter turns the form into the service's filter, asking for
// one line more than a page to know whether there is an older one.
func (s *Server) auditPageFilter(form auditForm, before string) (booking.AuditFilter, error) {
	f := booking.AuditFilter{Entity: form.Entity, EntityID: form.EntityID, Limit: auditPageSize + 1}
	var err error
	if f.From, err = s.auditDay("from", form.From); err != nil {
		return f, err
	}
	if f.To, err = s.auditDay("to", form.To); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the whole last day
	}
	if id, err := strconv.ParseInt(before, 10, 64); err == nil && id > 0 {
		f.BeforeID = id // a link's; anything else is passed over
	}
	return f, nil
}

// auditDay reads a date field as the start of that day in the site zone.
func (s *Server) auditDay(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, s.svc.Location())
	if err != nil {
		return time.Time{}, booking.Invalid(field, "日期格式须为年-月-日（如2026-12-01） the date must be YYYY-MM-DD, such as 2026-12-01")
	}
	return d, nil
}

// query is the form as a link to the page of lines older than before.
func (f auditForm) query(before int64) string {
	q := url.Values{}
	for k, v := range map[string]string{"entity": f.Entity, "from": f.From, "to": f.To, "entity_id": f.EntityID} {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set("before", strconv.FormatInt(before, 10))
	return "/staff/audit?" + q.Encode()
}

// auditEntitySelect offers every kind the trail records, and "all".
func (s *Server) auditEntitySelect(chosen, err string) selectView {
	v := selectView{ID: "f-entity", Name: "entity", Label: "audit.field.entity", Error: err,
		Options: []optionView{{Value: "", Label: "audit.entity.any", Selected: chosen == ""}}}
	for _, e := range booking.AuditEntities {
		v.Options = append(v.Options, optionView{Value: e, Label: "audit.entity." + e, Selected: chosen == e})
	}
	return v
}

// auditRowOf puts one line into words in lang.
func (s *Server) auditRowOf(lang string, l booking.AuditEntry) auditRow {
	cat := s.pages.cats[lang]
	r := auditRow{When: auditTime(lang, l.At), Actor: l.ActorName, EntityID: l.EntityID, Rule: l.Rule,
		What: labelOr(cat, "audit.entity."+l.Entity, l.Entity), Action: labelOr(cat, "audit.action."+l.Action, l.Action)}
	if l.ActorID == "" {
		r.Actor = cat.translate("audit.system")
	}
	if l.EntityID != "" {
		r.Link = "/staff/audit?" + url.Values{"entity": {l.Entity}, "entity_id": {l.EntityID}}.Encode()
	}
	r.Changes = auditChanges(l.Before, l.After, s.svc.Location())
	for i := range r.Changes {
		r.Changes[i].Field = labelOr(cat, "audit.key."+r.Changes[i].Field, r.Changes[i].Field)
	}
	return r
}

// labelOr is the catalog's text for key, or fallback for a kind or
// action the catalog does not know yet (one a later feature records).
func labelOr(cat catalog, key, fallback string) string {
	if v, ok := cat[key]; ok {
		return v
	}
	return fallback
}

// auditTime is a line's time with its year: the log reaches back.
func auditTime(lang string, t time.Time) string {
	if lang == langEN {
		return t.Format("2 Jan 2006 15:04")
	}
	return t.Format("2006年1月2日 15:04")
}
