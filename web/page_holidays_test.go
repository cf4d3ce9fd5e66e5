package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestClassFormSkipsHolidays: the new-class form offers 节假日停课, and a
// class created with it ticked skips a day off (one staff added) while
// the same form unticked keeps it.
func TestClassFormSkipsHolidays(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/holidays", te.admin, map[string]any{"date": "2026-12-10", "name": "社区休息日", "work": false})
	b := leaderBrowser(t, te.env, "choir-lead")
	if p := b.get("/lead/classes/new?team=choir"); !strings.Contains(p.Body, `name="skip_holidays"`) || !strings.Contains(p.Body, "节假日停课") {
		t.Fatalf("the form lacks the skip_holidays box: %.200s", p.Body)
	}
	dates := func(room string) string {
		q := "/api/v1/occurrences?room=" + room + "&from=" + url.QueryEscape(at(2026, 12, 1, 0, 0)) + "&to=" + url.QueryEscape(at(2026, 12, 31, 0, 0))
		var out []string
		for _, v := range arr(te.must(200, "GET", q, "", nil).Body["occurrences"]) {
			s, _ := time.Parse(time.RFC3339, obj(v)["start"].(string))
			out = append(out, s.In(shanghai).Format("01-02"))
		}
		return strings.Join(out, " ")
	}
	f := withField(classForm("choir", "activity", "合唱", "TH", "08:00", "09:00", "2026-12-01", "2026-12-31"), "action", "create")
	if p := b.post("/lead/classes/new", withField(f, "skip_holidays", "1")); p.Status >= http.StatusBadRequest {
		t.Fatalf("create: %d %.300s", p.Status, p.Body)
	}
	if got := dates("activity"); got != "12-03 12-17 12-24" {
		t.Fatalf("with 节假日停课: %s", got)
	}
	f = withField(classForm("choir", "library", "合唱", "TH", "08:00", "09:00", "2026-12-01", "2026-12-31"), "action", "create")
	if p := b.post("/lead/classes/new", f); p.Status >= http.StatusBadRequest {
		t.Fatalf("create: %d %.300s", p.Status, p.Body)
	}
	if got := dates("library"); got != "12-03 12-10 12-17 12-24" {
		t.Fatalf("without: %s", got)
	}
}
