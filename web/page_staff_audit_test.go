package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestStaffAuditPage: a room renamed through the staff page shows in the
// audit log with who, the field and before → after; the filters narrow
// it; a bad date is a message next to its field; others may not look.
func TestStaffAuditPage(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	if p := b.get("/staff"); !strings.Contains(p.Body, `href="/staff/audit"`) {
		t.Fatalf("the desk has no audit card: %.400s", p.Body)
	}
	e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"name": "阅读室"})
	alice := e.resident("alice")
	e.must(201, "POST", "/api/v1/bookings", alice, bookingBody("music", at(2026, 11, 29, 10, 0), at(2026, 11, 29, 11, 0)))
	e.must(422, "POST", "/api/v1/bookings", alice, bookingBody("music", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 15, 0)))

	p := b.get("/staff/audit")
	if p.Status != http.StatusOK {
		t.Fatalf("%d %.300s", p.Status, p.Body)
	}
	has(t, "the log", p, "操作记录", "图书室", "阅读室", "功能室", "修改", "居民 alice", "被规则拒绝", "max_minutes", "2026年11月28日 10:00")
	if strings.Index(p.Body, "被规则拒绝") > strings.Index(p.Body, "阅读室") {
		t.Errorf("not newest first")
	}
	p = b.get("/staff/audit?entity=room&entity_id=library&from=2026-11-28&to=2026-11-28")
	has(t, "the filtered log", p, `<span class="audit-field">名称</span>: <span class="audit-before">图书室</span>`, `<span class="audit-after">阅读室</span>`, `<option value="room" selected>`)
	if strings.Contains(p.Body, "居民 alice") {
		t.Errorf("the room filter shows a booking")
	}
	if p = b.get("/staff/audit?entity=room&from=2026-11-29"); !strings.Contains(p.Body, "没有符合条件的记录") {
		t.Errorf("a later day shows lines")
	}
	p = b.get("/staff/audit?from=yesterday")
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "from") == "" || !strings.Contains(p.Body, `value="yesterday"`) {
		t.Errorf("bad date: %d %q", p.Status, fieldError(p, "from"))
	}
	p = b.get("/staff/audit?from=2026-12-02&to=2026-12-01")
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "to") == "" {
		t.Errorf("to before from: %d", p.Status)
	}
	b.lang = "en"
	has(t, "the English log", b.get("/staff/audit?entity=room"), "Audit log", "Changed", "Room", "28 Nov 2026 10:00")

	ra := newBrowser(t, e)
	ra.login("alice", "secret-pass")
	if p := ra.get("/staff/audit"); p.Status != http.StatusForbidden {
		t.Errorf("a resident gets %d", p.Status)
	}
	if p := newBrowser(t, e).get("/staff/audit"); p.Status != http.StatusSeeOther {
		t.Errorf("anonymous gets %d", p.Status)
	}
}

// TestStaffAuditPaging: past a page of lines an "older" link leads on,
// keeping the filter, and the pages do not overlap.
func TestStaffAuditPaging(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	for i := range 35 {
		e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"capacity": 10 + i})
	}
	p := b.get("/staff/audit?entity=room")
	if n := strings.Count(p.Body, `class="card audit-line"`); n != 30 {
		t.Fatalf("first page: %d lines", n)
	}
	i := strings.Index(p.Body, `href="/staff/audit?before=`)
	if i < 0 {
		t.Fatalf("no older link")
	}
	link := p.Body[i+6 : i+6+strings.Index(p.Body[i+6:], `"`)]
	link = strings.ReplaceAll(link, "&amp;", "&")
	if !strings.Contains(link, "entity=room") {
		t.Fatalf("older link loses the filter: %s", link)
	}
	older := b.get(link)
	if n := strings.Count(older.Body, `class="card audit-line"`); n != 5 || strings.Contains(older.Body, `href="/staff/audit?before=`) {
		t.Fatalf("second page: %d lines", n)
	}
	if !strings.Contains(older.Body, "<span class=\"audit-after\">10</span>") || strings.Contains(p.Body, "<span class=\"audit-after\">10</span>") {
		t.Fatalf("pages overlap or miss the oldest line")
	}
}
