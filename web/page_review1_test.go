package web_test

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// Findings of the review of issue 9, each over the real router: links
// between the areas, wording, and the pages in each language.

// A resident reaches a team's page from the front page (today's classes
// name their teams), and a class's page from its team's page.
func TestReviewTeamAndClassPagesAreLinked(t *testing.T) {
	e := newDemoEnv(t)
	b := newBrowser(t, e)
	home := b.get("/")
	mustContain(t, "home", home.Body, `href="/teams/taichi"`, `href="/teams/guohua"`)
	list := e.must(200, "GET", "/api/v1/series?team=choir", e.admin, nil)
	id := obj(arr(list.Body["series"])[0])["id"].(string)
	team := b.get("/teams/choir")
	if team.Status != http.StatusOK {
		t.Fatalf("team page: %d", team.Status)
	}
	mustContain(t, "team page", team.Body, `href="/classes/`+id+`"`)
	if p := b.get("/classes/" + id); p.Status != http.StatusOK || !strings.Contains(p.Body, `href="/teams/choir"`) {
		t.Errorf("class page: %d, or no link back to the team", p.Status)
	}
}

// The desk's list of rooms leads to each room's door poster, which staff
// print and pin to the door.
func TestReviewStaffRoomsLinkTheirPosters(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	p := b.get("/staff/rooms")
	for _, room := range []string{"activity", "library", "calligraphy", "music", "lecture"} {
		mustContain(t, "staff rooms", p.Body, `href="/rooms/`+room+`/poster"`)
	}
	mustContain(t, "staff rooms", text(p.Body), "门口海报 文体活动室")
}

// The room page names the poster as the poster and the desk do ("门口海报";
// a 门牌 is a door-number plate), and the room as every other page does
// (功能室, not 房间).
func TestReviewRoomPageWording(t *testing.T) {
	e := newEnv(t)
	txt := text(newBrowser(t, e).get("/rooms/activity").Body)
	mustContain(t, "room page", txt, "门口海报", "预约这个功能室")
	mustLack(t, "room page", txt, "门牌", "房间")
}

// Every page addresses the reader as 您, as the resident and staff pages
// do: many readers are older people, for whom 你 from a public service
// reads as curt.
func TestReviewPagesSayNin(t *testing.T) {
	te := newTeamEnv(t)
	te.resident("liming")
	b := newBrowser(t, te.env)
	b.login("liming", "secret-pass")
	te.leader("no-team") // leads no team yet: the leader's page says so
	l := newBrowser(t, te.env)
	l.login("no-team", "secret-pass")
	for _, c := range []struct {
		b    *browser
		path string
	}{{b, "/me/subscribe"}, {b, "/rooms/activity/subscribe"}, {b, "/teams/choir/subscribe"}, {l, "/lead"}} {
		txt := text(c.b.get(c.path).Body)
		mustContain(t, c.path, txt, "您")
		mustLack(t, c.path, txt, "你")
	}
}

// The reader's private calendar link is called 网址 on every page, as the
// subscribe page's heading and how-to call it, never 地址 in one place
// and 网址 in the next.
func TestReviewCalendarLinkIsAWangzhi(t *testing.T) {
	e := newEnv(t)
	e.resident("liming")
	b := newBrowser(t, e)
	b.login("liming", "secret-pass")
	for _, path := range []string{"/me/bookings", "/me/subscribe"} {
		txt := text(b.get(path).Body)
		mustContain(t, path, txt, "网址")
		mustLack(t, path, txt, "地址")
	}
}

// Lists on the staff pages are joined in the page's language: "、" on a
// Chinese page, ", " on an English one.
func TestReviewStaffListsJoinInThePagesLanguage(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	mustContain(t, "Chinese staff rooms", text(b.get("/staff/rooms").Body), "wall mirrors、")
	b.post("/lang", form("lang", "en", "next", "/"))
	en := text(b.get("/staff/rooms").Body)
	mustContain(t, "English staff rooms", en, "wall mirrors, ")
	mustLack(t, "English staff rooms", en, "、")
}

// A class titled in both languages ("合唱排练 Choir rehearsal") shows the
// half in the page's language on the leader's pages and the class page,
// as the home page, the room's week, the team page and the poster show it.
func TestReviewClassTitleInThePagesLanguage(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir,
		with(series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 11, 0), "FREQ=WEEKLY;BYDAY=MO"), "title", "合唱排练 Choir rehearsal"))
	id := obj(r.Body["series"])["id"].(string)
	b := leaderBrowser(t, te.env, "choir-lead")
	mon := at(2026, 12, 7, 9, 0)
	pages := func() []string {
		return []string{text(b.get("/lead").Body), text(b.get("/classes/" + id).Body),
			text(b.post("/classes/"+id+"/cancel", form("occurrence", mon)).Body),
			text(b.post("/lead/classes/preview", classForm("choir", "activity", "x", "MO", "10:00", "11:00", "2026-11-30", "2026-12-07")).Body)}
	}
	for i, txt := range pages() {
		mustContain(t, fmt.Sprint("Chinese page ", i), txt, "合唱排练")
		mustLack(t, fmt.Sprint("Chinese page ", i), txt, "Choir rehearsal")
	}
	b.lang = "en"
	for i, txt := range pages() {
		mustContain(t, fmt.Sprint("English page ", i), txt, "Choir rehearsal")
		mustLack(t, fmt.Sprint("English page ", i), txt, "合唱排练")
	}
}

// After a refused form, the language switch leads back to the page the
// form was on: the form's own address (POST /rooms/:id/book) has no page,
// and switching there showed "不支持该方法".
func TestReviewLanguageSwitchAfterARefusedForm(t *testing.T) {
	e := newEnv(t)
	e.resident("liming")
	b := newBrowser(t, e)
	b.login("liming", "secret-pass")
	send := func(referer string) string {
		req, _ := http.NewRequest(http.MethodPost, b.base+"/rooms/activity/book",
			strings.NewReader(form("date", "2026-12-01", "start", "", "end", "10:00", "attendees", "2").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if referer != "" {
			req.Header.Set("Referer", referer)
		}
		resp, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("refused booking: %d", resp.StatusCode)
		}
		m := regexp.MustCompile(`name="next" value="([^"]*)"`).FindStringSubmatch(string(raw))
		if m == nil {
			t.Fatal("no language switch")
		}
		return html.UnescapeString(m[1])
	}
	if next := send(b.base + "/rooms/activity?day=2026-12-01"); next != "/rooms/activity?day=2026-12-01" {
		t.Errorf("switch leads to %q, want the room page the form was on", next)
	}
	if next := send(""); next != "/" {
		t.Errorf("switch without a Referer leads to %q, want /", next)
	}
	if p := b.post("/lang", form("lang", "en", "next", send(b.base+"/rooms/activity"))); p.Status != http.StatusSeeOther || b.get(p.Location).Status != http.StatusOK {
		t.Errorf("switch: %d to %q", p.Status, p.Location)
	}
}

// A class on all seven days of the week meets "每天" on its class page and
// the leader's list, as the team page says, not "每周一、二、三、四、五、六、日".
func TestReviewEveryDayIsEveryDay(t *testing.T) {
	te := newTeamEnv(t)
	r := te.must(201, "POST", "/api/v1/series", te.choir,
		series("choir", "activity", at(2026, 11, 30, 6, 30), at(2026, 11, 30, 7, 30), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"))
	id := obj(r.Body["series"])["id"].(string)
	b := leaderBrowser(t, te.env, "choir-lead")
	for _, path := range []string{"/classes/" + id, "/lead", "/teams/choir"} {
		txt := text(b.get(path).Body)
		mustContain(t, path, txt, "每天 06:30–07:30")
		mustLack(t, path, txt, "周一、")
	}
	b.lang = "en"
	mustContain(t, "English class page", text(b.get("/classes/"+id).Body), "Every day 06:30–07:30")
}
