package web

import (
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// How often a class meets, as the team page says it, for the rules a
// leader can make.
func TestTeamRepeat(t *testing.T) {
	ps, err := newPageState()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{pages: ps}
	fri := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ rule, zh, en string }{
		{"FREQ=WEEKLY;BYDAY=MO,WE", "每周一、周三", "Every Mon, Wed"},
		{"FREQ=WEEKLY;BYDAY=WE,MO;COUNT=10", "每周一、周三", "Every Mon, Wed"},
		{"FREQ=WEEKLY;UNTIL=20270630T160000Z", "每周五", "Every Fri"},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU", "每2周的周六、周日", "Every 2 weeks: Sat, Sun"},
		{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "每天", "Every day"},
		{"FREQ=DAILY", "每天", "Every day"},
		{"FREQ=DAILY;INTERVAL=3", "每3天", "Every 3 days"},
		{"FREQ=MONTHLY;BYDAY=1FR", "每月", "Monthly"},
		{"FREQ=YEARLY", "每年", "Yearly"},
	} {
		if got := s.teamRepeat(Page{Lang: langZH}, tc.rule, fri); got != tc.zh {
			t.Errorf("%s: %q, want %q", tc.rule, got, tc.zh)
		}
		if got := s.teamRepeat(Page{Lang: langEN}, tc.rule, fri); got != tc.en {
			t.Errorf("%s in English: %q, want %q", tc.rule, got, tc.en)
		}
	}
}

// The poster's week runs Monday to Sunday by the calendar, also across a
// daylight-saving change (Europe/Berlin's spring change of 2026, found in
// the loaded zone by tests/tzprobe).
func TestPosterWeek(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	change := tzprobe.ForwardIn(t, berlin, 2026).At.In(berlin)
	y, m, d := change.Date()
	md := d - (int(change.Weekday())+6)%7 // the Monday of the change's week
	monday := time.Date(y, m, md, 0, 0, 0, 0, berlin)
	for _, now := range []time.Time{
		time.Date(y, m, md+6, 23, 30, 0, 0, berlin), // Sunday, after the change
		monday, // Monday midnight
	} {
		days := posterWeek(now)
		for i, d := range days {
			want := monday.AddDate(0, 0, i)
			if d.Format("2006-01-02") != want.Format("2006-01-02") || d.Hour() != 0 || d.Weekday() != time.Weekday((i+1)%7) {
				t.Errorf("now %s: day %d is %s", now, i, d)
			}
		}
	}
}
