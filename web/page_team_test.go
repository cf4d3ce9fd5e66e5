package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mingzhu/calendar"
)

var teamNextItem = regexp.MustCompile(`(?s)<ol class="team-next">(.*?)</ol>`)

// The team page names the team, lists each weekly class with its days,
// time, room and first (and last) date, and the next dates with the
// lunar date beside the solar one.
func TestTeamPageShowsClassesAndNextDates(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/series", te.choir,
		with(series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 11, 0), "FREQ=WEEKLY;BYDAY=MO,WE"), "title", "合唱排练 Choir rehearsal"))
	te.must(201, "POST", "/api/v1/series", te.choir,
		with(series("choir", "music", at(2026, 12, 4, 15, 0), at(2026, 12, 4, 16, 30), "FREQ=WEEKLY;BYDAY=FR;COUNT=4"), "title", "声部练习"))
	te.must(201, "POST", "/api/v1/series", te.dance,
		with(series("dance", "activity", at(2026, 12, 1, 19, 0), at(2026, 12, 1, 21, 0), "FREQ=WEEKLY;BYDAY=TU"), "title", "舞蹈练习"))
	b := newBrowser(t, te.env)
	p := b.get("/teams/choir")
	if p.Status != http.StatusOK {
		t.Fatalf("%d %.500s", p.Status, p.Body)
	}
	for _, want := range []string{"<h1>明珠合唱队</h1>", `lang="en">Mingzhu Choir`,
		`">合唱排练</a></h3>`, "每周一、周三", "09:00–11:00", `href="/rooms/activity">文体活动室</a>`, "2026年11月30日起，长期",
		`">声部练习</a></h3>`, "每周五", "15:00–16:30", "器乐室", "2026年12月4日至2026年12月25日",
		`href="/teams/choir/subscribe"`} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("team page lacks %s", want)
		}
	}
	if strings.Contains(p.Body, "舞蹈练习") || strings.Contains(p.Body, "Choir rehearsal") {
		t.Error("another team's class, or the English half of a title, on the Chinese page")
	}
	next := teamNextItem.FindStringSubmatch(p.Body)
	if next == nil {
		t.Fatal("no next dates")
	}
	mon := time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai)
	first := "<strong>11月30日 周一</strong> <span class=\"muted\">" + calendar.LunarDate(mon) + "</span>"
	if !strings.Contains(next[1], first) || strings.Count(next[1], "<li>") != 8 {
		t.Errorf("next dates (want %s first, 8 in all): %s", first, next[1])
	}
	if i, j := strings.Index(next[1], "11月30日"), strings.Index(next[1], "12月2日"); i < 0 || j < i {
		t.Errorf("next dates out of order: %s", next[1])
	}
	if !strings.Contains(next[1], "15:00–16:30</span> 声部练习 · 器乐室") {
		t.Errorf("the Friday class is not among the next dates: %s", next[1])
	}
}

// In English the same page reads in English; a team with no classes says
// so.
func TestTeamPageInEnglishAndEmpty(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/series", te.choir,
		with(series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 11, 0), "FREQ=WEEKLY;BYDAY=MO,WE"), "title", "合唱排练 Choir rehearsal"))
	b := newBrowser(t, te.env)
	b.lang = "en-GB,en;q=0.9"
	p := b.get("/teams/choir")
	for _, want := range []string{"<h1>Mingzhu Choir</h1>", `lang="zh-CN">明珠合唱队`, `">Choir rehearsal</a></h3>`,
		"Every Mon, Wed", "from 30 Nov 2026, ongoing", "<strong>Mon 30 Nov</strong>", "lunar 10/22", "Activity room"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("English team page lacks %s", want)
		}
	}
	b.lang = ""
	p = b.get("/teams/dance")
	if !strings.Contains(p.Body, "目前没有固定课程") || !strings.Contains(p.Body, "近两个月没有安排") {
		t.Errorf("empty team: %.3000s", p.Body)
	}
}
