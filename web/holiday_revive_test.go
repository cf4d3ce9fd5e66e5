package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// revivalEnv has a local day off on Wednesday 9 December 2026, a choir
// class on Wednesdays at 19:00 that skips it, and alice's booking in the
// library at 19:00 that day, made while the class was off. It returns
// the class's and the booking's ids.
func revivalEnv(t *testing.T) (te *teamEnv, class, booking string) {
	te = newTeamEnv(t)
	te.must(201, "POST", "/api/v1/holidays", te.admin, map[string]any{"date": "2026-12-09", "name": "本地假日", "work": false})
	body := series("choir", "library", at(2026, 12, 2, 19, 0), at(2026, 12, 2, 20, 30), "FREQ=WEEKLY;BYDAY=WE;COUNT=5")
	body["skip_holidays"] = true
	class = obj(te.must(201, "POST", "/api/v1/series", te.choir, body).Body["series"])["id"].(string)
	b := te.must(201, "POST", "/api/v1/bookings", te.resident("alice"), map[string]any{"room": "library",
		"start": at(2026, 12, 9, 19, 0), "end": at(2026, 12, 9, 20, 0), "title": "读书会", "attendees": 3})
	return te, class, obj(b.Body["booking"])["id"].(string)
}

// libraryOn is the raw /occurrences answer for the library on date.
func (e *env) libraryOn(date time.Time) string {
	q := "/api/v1/occurrences?room=library&from=" + url.QueryEscape(date.Format(time.RFC3339)) +
		"&to=" + url.QueryEscape(date.AddDate(0, 0, 1).Format(time.RFC3339))
	return string(e.must(200, "GET", q, "", nil).Raw)
}

// TestHolidayRevivalAPI: DELETE /holidays/:date and POST /holidays with
// work true are 409 while the class's returning date would land on the
// booking, with the clash in the body; the holiday and /occurrences stay
// as they were.
func TestHolidayRevivalAPI(t *testing.T) {
	day := time.Date(2026, 12, 9, 0, 0, 0, 0, shanghai)
	for _, how := range []string{"delete", "working day"} {
		t.Run(how, func(t *testing.T) {
			te, class, booking := revivalEnv(t)
			before := te.libraryOn(day)
			var r resp
			if how == "delete" {
				r = te.do("DELETE", "/api/v1/holidays/2026-12-09", te.admin, nil)
			} else {
				r = te.do("POST", "/api/v1/holidays", te.admin, map[string]any{"date": "2026-12-09", "name": "补班", "work": true})
			}
			if r.Status != 409 {
				t.Fatalf("status %d, want 409: %s", r.Status, r.Raw)
			}
			e := obj(r.Body["error"])
			if e["code"] != "conflict" || !strings.Contains(e["message"].(string), "恢复该日会让课程与已有预约冲突") || e["total"] != 1.0 {
				t.Fatalf("error %v", e)
			}
			cs := arr(e["conflicts"])
			if len(cs) != 1 {
				t.Fatalf("conflicts %v, want the one clash", cs)
			}
			c := obj(cs[0])
			cl, w := obj(c["class"]), obj(c["with"])
			if cl["kind"] != "series" || cl["id"] != class || cl["start"] != at(2026, 12, 9, 19, 0) || c["occurrence_start"] != at(2026, 12, 9, 19, 0) ||
				w["kind"] != "booking" || w["id"] != booking || w["title"] != "读书会" {
				t.Fatalf("clash %v, want the class's 9 December against alice's booking", c)
			}
			if after := te.libraryOn(day); after != before {
				t.Fatalf("/occurrences changed:\n%s\nwas\n%s", after, before)
			}
			hs := fmt.Sprint(te.must(200, "GET", "/api/v1/holidays?year=2026", "", nil).Body["holidays"])
			if !strings.Contains(hs, "date:2026-12-09 name:本地假日 work:false") {
				t.Fatalf("the day off is gone: %s", hs)
			}
		})
	}
}

// TestHolidayRevivalPage: on the staff holidays page a removal, or a
// working day on the date, that would bring the class back on the booking
// is shown again (409) with the refusal in words naming the class, its
// date and the booking; the day off stays listed. In English too.
func TestHolidayRevivalPage(t *testing.T) {
	te, _, _ := revivalEnv(t)
	b := staffBrowser(t, te.env)
	p := b.post("/staff/holidays/2026-12-09/remove", nil)
	if p.Status != http.StatusConflict {
		t.Fatalf("remove: %d, want 409: %.300s", p.Status, p.Body)
	}
	has(t, "the refused removal", p, `id="holiday-refusal"`, "恢复该日会让课程与已有预约冲突", "12月9日 周三 19:00–20:30「choir class」与读书会 (19:00–20:00)冲突",
		`id="hol-2026-12-09"`)
	p = b.post("/staff/holidays", form("year", "2026", "date", "2026-12-09", "name", "补班", "kind", "work"))
	if p.Status != http.StatusConflict {
		t.Fatalf("working day: %d, want 409: %.300s", p.Status, p.Body)
	}
	has(t, "the refused working day", p, `class="form-error" role="alert">恢复该日会让课程与已有预约冲突`, "「choir class」与读书会", `value="补班"`)
	b.lang = "en"
	p = b.post("/staff/holidays/2026-12-09/remove", nil)
	has(t, "the English refusal", p, "restoring this day would make classes clash with existing uses",
		"Wed 9 Dec 19:00–20:30 “choir class” would clash with 读书会 (19:00–20:00)")
	if h := holidaysOf(te.env, "2026")["2026-12-09"]; h == nil || h["work"] != false || h["name"] != "本地假日" {
		t.Fatalf("the day off changed: %v", h)
	}
}
