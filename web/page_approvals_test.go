package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// pendingForRoutes books the lecture room as the resident whose token is
// res, once for each page route that decides a booking.
func pendingForRoutes(te *teamEnv, res string) map[string]string {
	out := map[string]string{}
	for i, route := range []string{"/staff/approvals/:id/approve", "/staff/approvals/:id/decline"} {
		r := te.must(201, "POST", "/api/v1/bookings", res, bookingBody("lecture", at(2026, 12, 3, 9+2*i, 0), at(2026, 12, 3, 10+2*i, 0)))
		out[route] = obj(r.Body["booking"])["id"].(string)
	}
	return out
}

// bookLecture books the lecture room through its page, as b.
func bookLecture(t *testing.T, b *browser, date, start, end, title string) page {
	t.Helper()
	return b.post("/rooms/lecture/book", form("date", date, "start", start, "end", end, "title", title, "attendees", "12"))
}

// TestApprovalPages: a resident books the lecture room on its page and is
// told it waits for staff (in Chinese, and in English on an English
// page); staff see the count on the desk and the queue, approve one and
// decline another with a reason; a second decision is refused in words;
// the resident then sees confirmed, and declined with the reason.
func TestApprovalPages(t *testing.T) {
	e := newEnv(t)
	e.resident("wang")
	res := newBrowser(t, e)
	res.login("wang", "secret-pass")
	p := bookLecture(t, res, "2026-12-03", "09:00", "10:00", "社区讲座")
	if p.Status != http.StatusSeeOther || p.Location != "/me/bookings?done=booked_pending" {
		t.Fatalf("book: %d %s", p.Status, p.Location)
	}
	mine := res.get(p.Location).Body
	for _, want := range []string{"这个功能室需要工作人员审批", "待审批：等工作人员同意"} {
		if !strings.Contains(mine, want) {
			t.Errorf("my bookings lacks %q", want)
		}
	}
	res.lang = "en"
	p = bookLecture(t, res, "2026-12-04", "09:00", "10:00", "Talk")
	if en := res.get(p.Location).Body; !strings.Contains(en, "This room needs staff&#39;s approval") || !strings.Contains(en, "Pending: waiting for staff&#39;s approval") {
		t.Errorf("English page: %s", en)
	}
	res.lang = ""
	if p := res.post("/rooms/library/book", form("date", "2026-12-05", "start", "09:00", "end", "10:00", "title", "读书", "attendees", "2")); p.Location != "/me/bookings?done=booked" {
		t.Errorf("library booking: %s", p.Location)
	}

	staff := staffBrowser(t, e)
	if desk := staff.get("/staff").Body; !strings.Contains(desk, `<a href="/staff/approvals">待审批 (2)</a>`) {
		t.Errorf("desk card: %s", desk)
	}
	queue := arr(e.must(200, "GET", "/api/v1/bookings?status=pending", e.admin, nil).Body["bookings"])
	first, second := obj(queue[0])["id"].(string), obj(queue[1])["id"].(string)
	q := staff.get("/staff/approvals").Body
	for _, want := range []string{"待审批（2）", "社区理论宣讲室", "居民 wang (wang)", "社区讲座", "12人", `action="/staff/approvals/` + first + `/approve"`, `for="f-reason-` + second + `"`} {
		if !strings.Contains(q, want) {
			t.Errorf("queue lacks %q", want)
		}
	}
	if p := staff.post("/staff/approvals/"+first+"/approve", form()); p.Status != http.StatusSeeOther || p.Location != "/staff/approvals?done=approval_approved" {
		t.Fatalf("approve: %d %s", p.Status, p.Location)
	}
	again := staff.post("/staff/approvals/"+first+"/approve", form())
	if again.Status != http.StatusConflict || !strings.Contains(again.Body, "没有办成：该预约不在待审批状态") {
		t.Errorf("approve again: %d %s", again.Status, again.Body)
	}
	long := strings.Repeat("长", 201)
	p = staff.post("/staff/approvals/"+second+"/decline", form("reason", long))
	if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, `id="f-reason-`+second+`-error"`) || !strings.Contains(p.Body, `value="`+long+`"`) {
		t.Errorf("long reason: %d %s", p.Status, p.Body)
	}
	if p := staff.post("/staff/approvals/"+second+"/decline", form("reason", "当天礼堂检修")); p.Location != "/staff/approvals?done=approval_declined" {
		t.Fatalf("decline: %d %s", p.Status, p.Location)
	}
	if q := staff.get("/staff/approvals?done=approval_declined").Body; !strings.Contains(q, "已拒绝，时段已空出") || !strings.Contains(q, "现在没有待审批的预约") {
		t.Errorf("queue after: %s", q)
	}
	mine = res.get("/me/bookings").Body
	for _, want := range []string{"已确认", "已拒绝", "理由：当天礼堂检修"} {
		if !strings.Contains(mine, want) {
			t.Errorf("my bookings after the decisions lacks %q", want)
		}
	}
	if strings.Contains(mine, "待审批") {
		t.Errorf("my bookings still says pending")
	}
}

// TestApprovalPagesStaffOnly: the queue and its forms are staff's; an
// unknown booking is the friendly 404.
func TestApprovalPagesStaffOnly(t *testing.T) {
	e := newEnv(t)
	e.resident("wang")
	res := newBrowser(t, e)
	res.login("wang", "secret-pass")
	bookLecture(t, res, "2026-12-03", "09:00", "10:00", "讲座")
	id := obj(arr(e.must(200, "GET", "/api/v1/bookings?status=pending", e.admin, nil).Body["bookings"])[0])["id"].(string)
	for _, p := range []page{res.get("/staff/approvals"), res.post("/staff/approvals/"+id+"/approve", form()),
		res.post("/staff/approvals/"+id+"/decline", form("reason", "x"))} {
		if p.Status != http.StatusForbidden {
			t.Errorf("resident: %d", p.Status)
		}
	}
	if p := newBrowser(t, e).get("/staff/approvals"); p.Status != http.StatusSeeOther {
		t.Errorf("anonymous: %d", p.Status)
	}
	if p := staffBrowser(t, e).post("/staff/approvals/nope/approve", form()); p.Status != http.StatusNotFound {
		t.Errorf("unknown id: %d", p.Status)
	}
	if b := obj(e.must(200, "GET", "/api/v1/bookings/"+id, e.admin, nil).Body["booking"]); b["status"] != "pending" {
		t.Errorf("refused page writes changed the booking: %v", b)
	}
}
