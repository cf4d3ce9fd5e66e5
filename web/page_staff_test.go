package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// staffBrowser is admin logged in through the login page.
func staffBrowser(t *testing.T, e *env) *browser {
	t.Helper()
	b := newBrowser(t, e)
	b.login("admin", adminPassword)
	return b
}

// apiUser is an account as the API lists it.
func (e *env) apiUser(username string) map[string]any {
	e.t.Helper()
	r := e.must(200, "GET", "/api/v1/users?q="+url.QueryEscape(username), e.admin, nil)
	for _, u := range arr(r.Body["users"]) {
		if obj(u)["username"] == username {
			return obj(u)
		}
	}
	e.t.Fatalf("no account %s", username)
	return nil
}

// has fails the test for each string the page lacks.
func has(t *testing.T, what string, p page, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(p.Body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// follow gets the page a redirect leads to, checking it was one.
func (b *browser) follow(p page) page {
	b.t.Helper()
	if p.Status != http.StatusSeeOther {
		b.t.Fatalf("want a redirect, got %d: %.600s", p.Status, p.Body)
	}
	return b.get(p.Location)
}

// fieldError is the message shown right after the field with id f-name.
func fieldError(p page, name string) string {
	m := regexp.MustCompile(`<p id="f-` + regexp.QuoteMeta(name) + `-error" class="field-error" role="alert">([^<]*)</p>`).FindStringSubmatch(p.Body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// TestStaffPagesAreForStaff: a resident and a leader get the friendly 403
// page on every staff page and every staff form, and change nothing;
// anonymous readers are sent to the login page and back.
func TestStaffPagesAreForStaff(t *testing.T) {
	te := newTeamEnv(t)
	te.resident("wang")
	wang := te.userID("wang")
	gets := []string{"/staff", "/staff/users", "/staff/users?role=leader", "/staff/users/new", "/staff/users/" + wang,
		"/staff/teams", "/staff/teams/new", "/staff/teams/choir", "/staff/rooms", "/staff/rooms/music"}
	posts := map[string]url.Values{
		"/staff/users":                       form("username", "mallory", "name", "M", "role", "staff", "password", "secret-pass"),
		"/staff/users/" + wang + "/role":     form("role", "staff"),
		"/staff/users/" + wang + "/password": form("password", "stolen-pass"),
		"/staff/users/" + wang + "/disabled": form("disabled", "1", "confirm", "yes"),
		"/staff/teams":                       form("id", "evil", "name", "坏队"),
		"/staff/teams/choir":                 form("name", "坏队", "name_en", "Bad"),
		"/staff/rooms/music":                 form("name", "坏室", "name_en", "Bad", "capacity", "1", "equipment", ""),
	}
	for _, who := range []string{"wang", "choir-lead"} {
		pw := "secret-pass"
		b := newBrowser(t, te.env)
		b.login(who, pw)
		for _, path := range gets {
			if p := b.get(path); p.Status != http.StatusForbidden || !strings.Contains(p.Body, "没有权限") || !strings.Contains(p.Body, "仅工作人员可用") {
				t.Errorf("%s GET %s: %d %.200s", who, path, p.Status, p.Body)
			}
		}
		for path, f := range posts {
			if p := b.post(path, f); p.Status != http.StatusForbidden || !strings.Contains(p.Body, "没有权限") {
				t.Errorf("%s POST %s: %d %.200s", who, path, p.Status, p.Body)
			}
		}
	}
	anon := newBrowser(t, te.env)
	for _, path := range gets {
		if p := anon.get(path); p.Status != http.StatusSeeOther || p.Location != "/login?next="+url.QueryEscape(path) {
			t.Errorf("anonymous GET %s: %d %q", path, p.Status, p.Location)
		}
	}
	for path, f := range posts {
		if p := anon.post(path, f); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login?next=") {
			t.Errorf("anonymous POST %s: %d %q", path, p.Status, p.Location)
		}
	}
	// Nothing changed.
	if u := te.apiUser("wang"); u["role"] != "resident" || u["disabled"] != false {
		t.Errorf("wang = %v", u)
	}
	te.login("wang", "secret-pass")
	if r := te.must(200, "GET", "/api/v1/users?q=mallory", te.admin, nil); len(arr(r.Body["users"])) != 0 {
		t.Error("an account was created")
	}
	te.must(404, "GET", "/api/v1/teams/evil", "", nil)
	if team := obj(te.must(200, "GET", "/api/v1/teams/choir", "", nil).Body["team"]); team["name"] != "明珠合唱队" {
		t.Errorf("team = %v", team)
	}
	if room := obj(te.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"]); room["name"] != "器乐室" || room["capacity"] != 15.0 {
		t.Errorf("room = %v", room)
	}
}

// TestStaffDesk: the desk links to its three sections, each of which
// answers, in both languages; the menu marks the staff entry.
func TestStaffDesk(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	p := b.get("/staff")
	if p.Status != http.StatusOK {
		t.Fatalf("/staff: %d", p.Status)
	}
	has(t, "desk", p, `href="/staff/users"`, `href="/staff/teams"`, `href="/staff/rooms"`, `href="/staff" aria-current="page"`, "账号", "队伍", "功能室")
	for _, m := range regexp.MustCompile(`href="(/staff/[^"]*)"`).FindAllStringSubmatch(p.Body, -1) {
		if q := b.get(m[1]); q.Status != http.StatusOK {
			t.Errorf("desk link %s: %d", m[1], q.Status)
		}
	}
	b.lang = "en"
	has(t, "English desk", b.get("/staff"), `lang="en"`, "Accounts", "Teams", "Rooms")
}

// TestStaffUsersList: accounts with username, name, role and state; the
// role filter and the search; a bad search is a message by its field.
func TestStaffUsersList(t *testing.T) {
	te := newTeamEnv(t)
	te.resident("wang_li")
	te.must(200, "PATCH", "/api/v1/users/"+te.userID("wang_li"), te.admin, map[string]any{"disabled": true})
	b := staffBrowser(t, te.env)
	p := b.get("/staff/users")
	has(t, "list", p, "wang_li", "居民 wang_li", "choir-lead", "领队 choir-lead", "居民", "领队", "工作人员", "已停用", "正常",
		`href="/staff/users/new"`, `href="/staff/users/`+te.userID("wang_li")+`"`)
	p = b.get("/staff/users?role=leader")
	has(t, "leaders", p, "choir-lead", "dance-lead", `<option value="leader" selected>`)
	if strings.Contains(p.Body, "wang_li") {
		t.Error("the role filter lists a resident")
	}
	p = b.get("/staff/users?q=WANG")
	if !strings.Contains(p.Body, "wang_li") || strings.Contains(p.Body, "choir-lead") {
		t.Errorf("search WANG: %.2000s", p.Body)
	}
	long := strings.Repeat("长", 65)
	p = b.get("/staff/users?q=" + url.QueryEscape(long))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "q") != "搜索词不能超过64个字符" || !strings.Contains(p.Body, `value="`+long+`"`) {
		t.Errorf("long search: %d %q", p.Status, fieldError(p, "q"))
	}
	b.lang = "en"
	if p = b.get("/staff/users?role=boss"); p.Status != http.StatusUnprocessableEntity || fieldError(p, "role") != "role must be resident, leader or staff" {
		t.Errorf("role boss: %d %q", p.Status, fieldError(p, "role"))
	}
}

// TestStaffCreateAccount: staff open a leader's account, which the API
// lists and which can log in; refusals stand by their field, in the
// page's language, with what was typed (but the password) kept.
func TestStaffCreateAccount(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	has(t, "new leader form", b.get("/staff/users/new?role=leader"), `<option value="leader" selected>`, `id="f-username"`, `id="f-password"`)
	p := b.post("/staff/users", form("username", "lin", "name", "林老师", "role", "leader", "password", "lin-pass-123"))
	if p.Status != http.StatusSeeOther || !strings.HasSuffix(p.Location, "?done=staff_user_created") {
		t.Fatalf("create: %d %q %.300s", p.Status, p.Location, p.Body)
	}
	has(t, "new account", b.get(p.Location), "账号已创建", "林老师", "lin", "领队")
	if u := e.apiUser("lin"); u["role"] != "leader" || u["name"] != "林老师" || !strings.HasSuffix(p.Location, "/"+u["id"].(string)+"?done=staff_user_created") {
		t.Fatalf("API: %v, page went to %s", u, p.Location)
	}
	newBrowser(t, e).login("lin", "lin-pass-123")

	p = b.post("/staff/users", form("username", "LIN", "name", "另一个林", "role", "leader", "password", "lin-pass-456"))
	if p.Status != http.StatusConflict || fieldError(p, "username") != "用户名已存在" {
		t.Errorf("taken username: %d %q", p.Status, fieldError(p, "username"))
	}
	has(t, "taken username", p, `value="LIN"`, `value="另一个林"`, `<option value="leader" selected>`, `aria-invalid="true"`)
	if strings.Contains(p.Body, "lin-pass-456") {
		t.Error("the password typed is shown again")
	}
	b.lang = "en"
	p = b.post("/staff/users", form("username", "zhao", "name", "赵", "role", "staff", "password", "short"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "password") != "password must be at least 8 characters" {
		t.Errorf("short password: %d %q", p.Status, fieldError(p, "password"))
	}
	has(t, "short password", p, `lang="en"`, `value="zhao"`, `value="赵"`, `<option value="staff" selected>`)
	if strings.Contains(p.Body, "密码至少8位") {
		t.Error("the English page shows the Chinese message")
	}
	p = b.post("/staff/users", form("username", "zhao", "name", "", "role", "boss", "password", "long-enough-1"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "name") == "" {
		t.Errorf("no name: %d %.300s", p.Status, p.Body)
	}
	p = b.post("/staff/users", form("username", "zhao", "name", "赵", "role", "boss", "password", "long-enough-1"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "role") != "role must be resident, leader or staff" {
		t.Errorf("bad role: %d %q", p.Status, fieldError(p, "role"))
	}
	if r := e.must(200, "GET", "/api/v1/users?q=zhao", e.admin, nil); len(arr(r.Body["users"])) != 0 {
		t.Error("a refused form created the account")
	}
}

// TestStaffChangeRole: the role changes at once (the API says so); staff
// who try to give up their own staff role are told why, by the field.
func TestStaffChangeRole(t *testing.T) {
	e := newEnv(t)
	e.resident("wang")
	id := e.userID("wang")
	b := staffBrowser(t, e)
	p := b.follow(b.post("/staff/users/"+id+"/role", form("role", "leader")))
	has(t, "after role change", p, "角色已更改", `<option value="leader" selected>`)
	if u := e.apiUser("wang"); u["role"] != "leader" {
		t.Fatalf("API role = %v", u["role"])
	}
	admin := e.userID("admin")
	p = b.post("/staff/users/"+admin+"/role", form("role", "resident"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "role") != "不能取消自己的工作人员角色" {
		t.Errorf("own role: %d %q", p.Status, fieldError(p, "role"))
	}
	has(t, "own role", p, `<option value="resident" selected>`, "（您本人）")
	b.lang = "en"
	if p = b.post("/staff/users/"+admin+"/role", form("role", "leader")); fieldError(p, "role") != "you cannot give up your own staff role" {
		t.Errorf("own role in English: %q", fieldError(p, "role"))
	}
	if u := e.apiUser("admin"); u["role"] != "staff" {
		t.Fatalf("admin is now %v", u["role"])
	}
	if p := b.post("/staff/users/nope/role", form("role", "leader")); p.Status != http.StatusNotFound || !strings.Contains(p.Body, "<html") {
		t.Errorf("unknown account: %d", p.Status)
	}
}

// TestStaffResetPassword: staff type a new password; a notice says so;
// the old password and the account's sessions stop working, the new one
// logs in. A short one is refused by the field.
func TestStaffResetPassword(t *testing.T) {
	e := newEnv(t)
	e.resident("wang")
	id := e.userID("wang")
	wang := newBrowser(t, e)
	wang.login("wang", "secret-pass")
	b := staffBrowser(t, e)
	p := b.post("/staff/users/"+id+"/password", form("password", "short"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "password") != "密码至少8位" {
		t.Errorf("short: %d %q", p.Status, fieldError(p, "password"))
	}
	p = b.follow(b.post("/staff/users/"+id+"/password", form("password", "fresh-pass-9")))
	has(t, "after reset", p, "新密码已设置", `role="status"`)
	if strings.Contains(p.Body, "fresh-pass-9") {
		t.Error("the page shows the new password")
	}
	if q := wang.get("/me/bookings"); q.Status != http.StatusSeeOther {
		t.Errorf("wang's old session still works: %d", q.Status)
	}
	if q := newBrowser(t, e).post("/login", form("username", "wang", "password", "secret-pass")); q.Status != http.StatusUnauthorized {
		t.Errorf("old password: %d", q.Status)
	}
	newBrowser(t, e).login("wang", "fresh-pass-9")
}

// TestStaffDisableAccount: disabling asks first (a page of its own when
// the script does not run), then the account cannot log in through the
// login page and is listed as disabled; enabling lets it in again. Staff
// cannot disable themselves and are told so.
func TestStaffDisableAccount(t *testing.T) {
	e := newEnv(t)
	e.resident("wang")
	id := e.userID("wang")
	b := staffBrowser(t, e)
	has(t, "account page", b.get("/staff/users/"+id), `data-confirm="确定要停用“居民 wang”的账号吗？"`, `name="confirm" value=""`)
	p := b.post("/staff/users/"+id+"/disabled", form("disabled", "1"))
	if p.Status != http.StatusOK {
		t.Fatalf("ask: %d", p.Status)
	}
	has(t, "question", p, "请确认", "确定要停用“居民 wang”的账号吗？", `name="confirm" value="yes"`, "确定停用")
	if u := e.apiUser("wang"); u["disabled"] != false {
		t.Fatal("disabled before the answer")
	}
	p = b.follow(b.post("/staff/users/"+id+"/disabled", form("disabled", "1", "confirm", "yes")))
	has(t, "disabled", p, "账号已停用。", "启用账号")
	if u := e.apiUser("wang"); u["disabled"] != true {
		t.Fatal("not disabled")
	}
	has(t, "list", b.get("/staff/users?q=wang"), "已停用")
	login := newBrowser(t, e)
	q := login.post("/login", form("username", "wang", "password", "secret-pass", "next", "/"))
	if q.Status != http.StatusUnauthorized || !strings.Contains(q.Body, "账号已停用，请联系工作人员") || login.cookie("mingzhu_session") != "" {
		t.Fatalf("a disabled account logs in: %d %.300s", q.Status, q.Body)
	}
	has(t, "enabled", b.follow(b.post("/staff/users/"+id+"/disabled", form("disabled", "0"))), "账号已启用。")
	login.login("wang", "secret-pass")

	admin := e.userID("admin")
	p = b.post("/staff/users/"+admin+"/disabled", form("disabled", "1", "confirm", "yes"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "disabled") != "不能停用自己的账号" {
		t.Errorf("disable oneself: %d %q", p.Status, fieldError(p, "disabled"))
	}
	b.get("/staff") // still logged in
	if u := e.apiUser("admin"); u["disabled"] != false {
		t.Fatal("admin disabled")
	}
}

// TestStaffTeams: staff create a team with leaders ticked from the leader
// accounts, then rename it and change its leaders; the API shows each
// change. A bad or taken id stands by the id with the names kept.
func TestStaffTeams(t *testing.T) {
	te := newTeamEnv(t)
	te.leader("lin")
	te.resident("wang")
	b := staffBrowser(t, te.env)
	p := b.get("/staff/teams/new")
	has(t, "new team", p, `name="leaders" value="lin"`, `name="leaders" value="choir-lead"`, "领队 lin（lin）", `href="/staff/users/new?role=leader"`)
	if strings.Contains(p.Body, `value="wang"`) {
		t.Error("a resident is offered as a leader")
	}
	p = b.post("/staff/teams", form("id", "Tai Chi", "name", "太极队", "name_en", "Tai chi", "leaders", "lin"))
	if p.Status != http.StatusUnprocessableEntity || !strings.Contains(fieldError(p, "id"), "编号须由2-32位小写字母") {
		t.Errorf("bad id: %d %q", p.Status, fieldError(p, "id"))
	}
	has(t, "bad id", p, `value="Tai Chi"`, `value="太极队"`, `value="Tai chi"`, `value="lin" checked`)
	p = b.post("/staff/teams", form("id", "choir", "name", "太极队", "leaders", "lin"))
	if p.Status != http.StatusConflict || fieldError(p, "id") != "队伍已存在" {
		t.Errorf("taken id: %d %q", p.Status, fieldError(p, "id"))
	}
	p = b.follow(b.post("/staff/teams", form("id", "taichi", "name", "太极队", "name_en", "Tai chi", "leaders", "lin", "leaders", "choir-lead")))
	has(t, "teams", p, "队伍已创建", "太极队", "Tai chi", "领队 lin（lin）、领队 choir-lead（choir-lead）", `href="/staff/teams/taichi"`)
	team := obj(te.must(200, "GET", "/api/v1/teams/taichi", "", nil).Body["team"])
	if team["name"] != "太极队" || len(arr(team["leaders"])) != 2 || arr(team["leaders"])[0] != "lin" {
		t.Fatalf("API team = %v", team)
	}

	p = b.get("/staff/teams/taichi")
	has(t, "edit", p, "修改队伍：太极队", `value="lin" checked`, `value="choir-lead" checked`, `value="dance-lead">`)
	p = b.post("/staff/teams/taichi", form("name", "", "name_en", "Tai chi", "leaders", "dance-lead"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "name") != "名称须为1-64个字符" {
		t.Errorf("empty name: %d %q", p.Status, fieldError(p, "name"))
	}
	has(t, "empty name", p, "修改队伍：太极队", `value="dance-lead" checked`, `value="lin">`)
	has(t, "saved", b.follow(b.post("/staff/teams/taichi", form("name", "明珠太极队", "name_en", "Mingzhu Tai Chi", "leaders", "dance-lead"))),
		"队伍已保存", "明珠太极队")
	team = obj(te.must(200, "GET", "/api/v1/teams/taichi", "", nil).Body["team"])
	if team["name"] != "明珠太极队" || team["name_en"] != "Mingzhu Tai Chi" || len(arr(team["leaders"])) != 1 || arr(team["leaders"])[0] != "dance-lead" {
		t.Fatalf("API after edit = %v", team)
	}
	b.follow(b.post("/staff/teams/taichi", form("name", "明珠太极队", "name_en", "")))
	if team = obj(te.must(200, "GET", "/api/v1/teams/taichi", "", nil).Body["team"]); len(arr(team["leaders"])) != 0 {
		t.Fatalf("no box ticked, leaders = %v", team["leaders"])
	}
	if p := b.get("/staff/teams/nope"); p.Status != http.StatusNotFound {
		t.Errorf("unknown team: %d", p.Status)
	}
}

// TestStaffRooms: staff change a room's names, capacity and equipment
// (one a line); the API shows it. A capacity that is no number, or out of
// range, and a bad equipment list stand by their fields in the page's
// language, with everything typed kept and nothing stored.
func TestStaffRooms(t *testing.T) {
	e := newEnv(t)
	b := staffBrowser(t, e)
	p := b.get("/staff/rooms")
	has(t, "rooms", p, "器乐室", "Music room", "15人", `href="/staff/rooms/music"`, "文体活动室")
	p = b.get("/staff/rooms/music")
	has(t, "edit", p, "修改功能室：器乐室", `id="f-capacity"`, `value="15"`, `<textarea id="f-equipment" name="equipment"`)
	p = b.follow(b.post("/staff/rooms/music", form("name", "器乐室", "name_en", "Music room", "capacity", "12",
		"equipment", "钢琴\r\n谱架\r\n\r\n 架子鼓 ")))
	has(t, "saved", p, "功能室已保存", "12人", "钢琴、谱架、架子鼓")
	room := obj(e.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])
	if room["capacity"] != 12.0 || len(arr(room["equipment"])) != 3 || arr(room["equipment"])[2] != "架子鼓" {
		t.Fatalf("API room = %v", room)
	}
	p = b.post("/staff/rooms/music", form("name", "排练室", "name_en", "Rehearsal", "capacity", "十二", "equipment", "钢琴，谱架"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "capacity") != "请填写1至500之间的整数。" {
		t.Errorf("capacity 十二: %d %q", p.Status, fieldError(p, "capacity"))
	}
	has(t, "capacity 十二", p, `value="排练室"`, `value="Rehearsal"`, `value="十二"`, ">钢琴，谱架</textarea>", "修改功能室：器乐室")
	p = b.post("/staff/rooms/music", form("name", "排练室", "name_en", "Rehearsal", "capacity", "600", "equipment", "钢琴"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "capacity") != "容纳人数须为1至500人" {
		t.Errorf("capacity 600: %d %q", p.Status, fieldError(p, "capacity"))
	}
	b.lang = "en"
	p = b.post("/staff/rooms/music", form("name", "排练室", "name_en", "Rehearsal", "capacity", "20", "equipment", "钢琴、谱架、钢琴"))
	if p.Status != http.StatusUnprocessableEntity || fieldError(p, "equipment") != `equipment item "钢琴" is listed twice` {
		t.Errorf("item twice: %d %q", p.Status, fieldError(p, "equipment"))
	}
	has(t, "item twice", p, `lang="en"`, `value="20"`, "Edit room: Music room")
	p = b.post("/staff/rooms/music", form("name", "", "name_en", "Rehearsal", "capacity", "20", "equipment", ""))
	if fieldError(p, "name") != "name must be 1-64 characters" {
		t.Errorf("empty name: %q", fieldError(p, "name"))
	}
	room = obj(e.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])
	if room["name"] != "器乐室" || room["capacity"] != 12.0 {
		t.Fatalf("refusals changed the room: %v", room)
	}
	if p := b.post("/staff/rooms/nope", form("name", "x", "name_en", "x", "capacity", "x")); p.Status != http.StatusNotFound {
		t.Errorf("unknown room: %d", p.Status)
	}
}

// TestStaffFormsRefuseOtherSites: a page elsewhere cannot make a logged-in
// staff member's browser change a room or an account.
func TestStaffFormsRefuseOtherSites(t *testing.T) {
	e := newEnv(t)
	e.resident("wang")
	b := staffBrowser(t, e)
	b.site = "cross-site"
	if p := b.post("/staff/rooms/music", form("name", "坏室", "name_en", "Bad", "capacity", "1", "equipment", "")); p.Status != http.StatusForbidden {
		t.Errorf("cross-site room edit: %d", p.Status)
	}
	if p := b.post("/staff/users/"+e.userID("wang")+"/disabled", form("disabled", "1", "confirm", "yes")); p.Status != http.StatusForbidden {
		t.Errorf("cross-site disable: %d", p.Status)
	}
	if room := obj(e.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"]); room["capacity"] != 15.0 {
		t.Errorf("room = %v", room)
	}
	if u := e.apiUser("wang"); u["disabled"] != false {
		t.Errorf("wang = %v", u)
	}
}
