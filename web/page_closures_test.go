package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestStaffClosurePages: the desk leads to the closures page; Preview
// names the resident's booking it would cancel and writes nothing; a bad
// end stands next to its field with the typed values kept; Confirm makes
// the closure through the service (the API lists it), the resident's
// "my bookings" says 因闭馆取消 with the reason, the room's week shows
// 闭馆：reason; Delete lifts it. Other roles get no page.
func TestStaffClosurePages(t *testing.T) {
	e := newEnv(t)
	res := residentBrowser(t, e, "wang")
	wang := e.login("wang", "secret-pass")
	e.must(201, "POST", "/api/v1/bookings", wang, bookingBody("library", at(2026, 12, 3, 10, 0), at(2026, 12, 3, 11, 0)))
	staff := staffBrowser(t, e)
	if desk := staff.get("/staff"); !strings.Contains(desk.Body, `href="/staff/closures"`) {
		t.Fatal("the desk has no closures card")
	}
	if p := staff.get("/staff/closures"); p.Status != 200 || !strings.Contains(p.Body, "全馆") {
		t.Fatalf("closures page: %d", p.Status)
	}
	f := form("room", "library", "start_date", "2026-12-03", "start_time", "08:00", "end_date", "2026-12-03", "end_time", "12:00",
		"reason", "维修 repairs", "action", "preview")
	pv := staff.post("/staff/closures", f)
	if pv.Status != 200 || !strings.Contains(pv.Body, "将取消1个预约") || !strings.Contains(pv.Body, "wang") || !strings.Contains(pv.Body, `value="create"`) {
		t.Fatalf("preview: %d %.2000s", pv.Status, pv.Body)
	}
	if n := e.count(`SELECT count(*) FROM closures`); n != 0 {
		t.Fatal("the preview wrote a closure")
	}
	bad := form("room", "library", "start_date", "2026-12-03", "start_time", "08:00", "end_date", "2026-12-03", "end_time", "07:00",
		"reason", "维修 repairs", "action", "preview")
	p := staff.post("/staff/closures", bad)
	if p.Status != 422 || fieldMessage(p.Body, "end") == "" || !strings.Contains(p.Body, `value="07:00"`) || !strings.Contains(p.Body, `value="维修 repairs"`) {
		t.Fatalf("bad end: %d %q", p.Status, fieldMessage(p.Body, "end"))
	}
	f.Set("action", "create")
	if p := staff.post("/staff/closures", f); p.Status != http.StatusSeeOther || !strings.Contains(p.Location, "done=closure_created") {
		t.Fatalf("create: %d %s", p.Status, p.Location)
	}
	list := arr(e.must(200, "GET", "/api/v1/closures", "", nil).Body["closures"])
	if len(list) != 1 {
		t.Fatalf("the API lists %v", list)
	}
	id := obj(list[0])["id"].(string)
	if mine := res.get("/me/bookings"); !strings.Contains(mine.Body, "因闭馆取消") || !strings.Contains(mine.Body, "维修") {
		t.Fatalf("my bookings: %.3000s", mine.Body)
	}
	if week := res.get("/rooms/library?day=2026-12-03"); !strings.Contains(week.Body, "闭馆：维修") {
		t.Fatal("the week grid does not show the closure")
	}
	if p := res.get("/staff/closures"); p.Status == 200 {
		t.Fatal("a resident sees the closures page")
	}
	if p := res.post("/staff/closures/"+id+"/delete", form()); p.Status == http.StatusSeeOther {
		t.Fatal("a resident deleted a closure")
	}
	if p := staff.post("/staff/closures/"+id+"/delete", form()); p.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", p.Status)
	}
	if n := e.count(`SELECT count(*) FROM closures`); n != 0 {
		t.Fatal("the closure is still there")
	}
	if p := staff.post("/staff/closures/"+id+"/delete", form()); p.Status != 404 {
		t.Fatalf("deleting again: %d", p.Status)
	}
}
