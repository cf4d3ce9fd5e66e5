package web_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// The same booking form sent several times at once (a double tap, a
// resent request) gives exactly one booking; the others hear the slot is
// taken, next to the field.
func TestBreakDoubleSubmittedBookingBooksOnce(t *testing.T) {
	e := newDemoEnv(t)
	b := residentBrowser(t, e, "liming")
	var wg sync.WaitGroup
	pages := make([]page, 6)
	for i := range pages {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			pages[i] = b.post("/rooms/music/book", form("date", "2026-12-03", "start", "14:00", "end", "15:00", "title", "双击", "attendees", "2"))
		}(i)
	}
	wg.Wait()
	booked := 0
	for _, p := range pages {
		switch {
		case p.Status == http.StatusSeeOther:
			booked++
		case p.Status != http.StatusConflict || fieldMessage(p.Body, "start") == "":
			t.Errorf("a repeat: %d %q", p.Status, fieldMessage(p.Body, "start"))
		}
	}
	if n := e.count(`SELECT count(*) FROM bookings WHERE title = '双击' AND status = 'confirmed'`); booked != 1 || n != 1 {
		t.Fatalf("%d answers booked, %d bookings stored", booked, n)
	}
}

// Two leaders creating classes that clash, both skipping clashes, at the
// same moment: each class keeps only dates free of the other's, so no
// two occurrences in the room overlap.
func TestBreakTwoLeadersSkippingIntoTheSameSlot(t *testing.T) {
	te := newTeamEnv(t)
	choir, dance := leaderBrowser(t, te.env, "choir-lead"), leaderBrowser(t, te.env, "dance-lead")
	var wg sync.WaitGroup
	var pc, pd page
	wg.Add(2)
	go func() {
		defer wg.Done()
		pc = choir.post("/lead/classes/new", withField(classForm("choir", "activity", "合唱", "MO,TH", "08:00", "09:00", "2026-12-01", "2027-01-31"), "action", "skip"))
	}()
	go func() {
		defer wg.Done()
		pd = dance.post("/lead/classes/new", withField(classForm("dance", "activity", "舞蹈", "TH", "08:30", "09:30", "2026-12-01", "2027-01-31"), "action", "skip"))
	}()
	wg.Wait()
	if pc.Status != http.StatusSeeOther {
		t.Errorf("choir: %d %s", pc.Status, leadFieldError(pc.Body, "f-start"))
	}
	if pd.Status != http.StatusSeeOther && (pd.Status != http.StatusConflict || !strings.Contains(pd.Body, "每次活动都有冲突，无可保留")) {
		t.Errorf("dance: %d %.300s", pd.Status, text(pd.Body))
	}
	r := te.must(200, "GET", "/api/v1/occurrences?room=activity&from=2026-12-01T00:00:00%2B08:00&to=2027-02-01T00:00:00%2B08:00", "", nil)
	occ := arr(r.Body["occurrences"])
	for i := 1; i < len(occ); i++ {
		if obj(occ[i])["start"].(string) < obj(occ[i-1])["end"].(string) {
			t.Errorf("overlap: %v and %v", occ[i-1], occ[i])
		}
	}
	if len(occ) < 17 {
		t.Errorf("only %d occurrences", len(occ))
	}
}

// Moving a class's date into the hour daylight saving skips, or into the
// one it repeats, is refused next to the field with what was typed, and
// nothing changes (Europe/Berlin; the dates come from the zone data).
func TestBreakMoveIntoDaylightSavingGaps(t *testing.T) {
	berlin := mustZone("Europe/Berlin")
	spring, fall := tzprobe.ForwardIn(t, berlin, 2027), tzprobe.BackwardIn(t, berlin, 2027)
	te, _ := berlinTeam(t, spring.At.Add(-20*24*time.Hour).In(berlin))
	first := spring.At.Add(-14 * 24 * time.Hour).In(berlin)
	r := te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", time.Date(first.Year(), first.Month(), first.Day(), 19, 0, 0, 0, berlin).Format(time.RFC3339),
		time.Date(first.Year(), first.Month(), first.Day(), 20, 0, 0, 0, berlin).Format(time.RFC3339), "FREQ=WEEKLY"))
	id := obj(r.Body["series"])["id"].(string)
	occ := time.Date(first.Year(), first.Month(), first.Day()+7, 19, 0, 0, 0, berlin).Format(time.RFC3339)
	b := leaderBrowser(t, te.env, "lead")
	gap := spring.Wall() // the first skipped wall-clock minute, as a UTC-located reading
	twice := fall.Wall().Add(-30 * time.Minute)
	for _, tc := range []struct {
		name, date, start, end, field, words string
	}{
		{"start in the skipped hour", gap.Format("2006-01-02"), gap.Add(15 * time.Minute).Format("15:04"), gap.Add(2 * time.Hour).Format("15:04"), "start", "夏令时"},
		{"end in the skipped hour", gap.Format("2006-01-02"), gap.Add(-time.Hour).Format("15:04"), gap.Add(30 * time.Minute).Format("15:04"), "end", "夏令时"},
		{"start in the repeated hour", twice.Format("2006-01-02"), twice.Format("15:04"), twice.Add(2 * time.Hour).Format("15:04"), "start", "出现两次"},
	} {
		before := te.dbState()
		p := b.post("/classes/"+id+"/move", form("occurrence", occ, "date", tc.date, "start", tc.start, "end", tc.end))
		msg := leadFieldError(p.Body, "f-"+tc.field+"-1")
		if p.Status != http.StatusUnprocessableEntity || !strings.Contains(msg, tc.words) {
			t.Errorf("%s (%s %s–%s): %d, message by %s %q", tc.name, tc.date, tc.start, tc.end, p.Status, tc.field, msg)
		}
		if te.dbState() != before {
			t.Errorf("%s: the database changed", tc.name)
		}
	}
}
