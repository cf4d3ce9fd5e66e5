package web_test

import (
	"strings"
	"testing"
)

// userID returns the id of an account found by staff's search.
func (e *env) userID(username string) string {
	e.t.Helper()
	for _, u := range arr(e.must(200, "GET", "/api/v1/users?q="+username, e.admin, nil).Body["users"]) {
		if obj(u)["username"] == username {
			return obj(u)["id"].(string)
		}
	}
	e.t.Fatalf("no user %s", username)
	return ""
}

// fieldOf is the field an error answer names.
func (r resp) fieldOf() string { f, _ := obj(r.Body["error"])["field"].(string); return f }

// TestUsersList: staff only; q searches username and name without regard
// to case; limit is checked; every account says whether it is disabled.
func TestUsersList(t *testing.T) {
	e := newEnv(t)
	res := e.resident("wang_li")
	e.resident("chen")
	e.must(401, "GET", "/api/v1/users", "", nil)
	e.must(403, "GET", "/api/v1/users", res, nil)
	all := arr(e.must(200, "GET", "/api/v1/users", e.admin, nil).Body["users"])
	if len(all) != 3 || obj(all[0])["username"] != "admin" {
		t.Fatalf("all = %v", all)
	}
	for _, u := range all {
		if d, ok := obj(u)["disabled"].(bool); !ok || d {
			t.Fatalf("disabled missing or wrong: %v", u)
		}
		if _, ok := obj(u)["password_hash"]; ok {
			t.Fatalf("hash shown: %v", u)
		}
	}
	for q, want := range map[string]int{"WANG": 1, "居民": 2, "nobody": 0, "g_l": 1, "": 3} {
		got := arr(e.must(200, "GET", "/api/v1/users?q="+q, e.admin, nil).Body["users"])
		if len(got) != want {
			t.Errorf("q=%s: %d users, want %d", q, len(got), want)
		}
	}
	if got := arr(e.must(200, "GET", "/api/v1/users?limit=2", e.admin, nil).Body["users"]); len(got) != 2 {
		t.Fatalf("limit=2: %d", len(got))
	}
	for _, bad := range []string{"0", "1001", "x", "-3"} {
		if r := e.must(422, "GET", "/api/v1/users?limit="+bad, e.admin, nil); r.fieldOf() != "limit" {
			t.Fatalf("limit=%s: %s", bad, r.Raw)
		}
	}
}

// TestUserPatch: staff rename, promote and disable; the change shows at
// once on the user's own token; bad values and self-lockout name their
// field and change nothing.
func TestUserPatch(t *testing.T) {
	e := newEnv(t)
	tok := e.leader("lin")
	id := e.userID("lin")
	e.must(200, "GET", "/api/v1/me", tok, nil) // verified, so cached
	r := e.must(200, "PATCH", "/api/v1/users/"+id, e.admin, map[string]any{"name": "林老师", "role": "staff"})
	if u := obj(r.Body["user"]); u["name"] != "林老师" || u["role"] != "staff" || u["disabled"] != false || u["id"] != id {
		t.Fatalf("patched = %s", r.Raw)
	}
	if me := obj(e.must(200, "GET", "/api/v1/me", tok, nil).Body["user"]); me["role"] != "staff" || me["name"] != "林老师" {
		t.Fatalf("me after the change = %v", me)
	}
	adminID := e.userID("admin")
	for _, tc := range []struct {
		id    string
		body  any
		field string
	}{
		{id, map[string]any{"name": ""}, "name"},
		{id, map[string]any{"role": "boss"}, "role"},
		{id, map[string]any{"disabled": "yes"}, "disabled"},
		{adminID, map[string]any{"disabled": true}, "disabled"},
		{adminID, map[string]any{"role": "resident"}, "role"},
	} {
		if r := e.must(422, "PATCH", "/api/v1/users/"+tc.id, e.admin, tc.body); r.fieldOf() != tc.field {
			t.Fatalf("%v: %s", tc.body, r.Raw)
		}
	}
	e.must(400, "PATCH", "/api/v1/users/"+id, e.admin, map[string]any{"password": "x"})
	e.must(404, "PATCH", "/api/v1/users/nobody", e.admin, map[string]any{"name": "x"})
	res := e.resident("wang")
	e.must(403, "PATCH", "/api/v1/users/"+id, res, map[string]any{"disabled": true})
	if n := e.count(`SELECT count(*) FROM users WHERE role = 'staff' AND disabled = 0`); n != 2 {
		t.Fatalf("active staff = %d, want 2", n)
	}
}

// TestDisabledAccount: disabling ends the account's logins and tokens at
// once; only someone with the password learns it is disabled; enabling
// lets the account log in again, but its old sessions stay ended.
func TestDisabledAccount(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("wang")
	id := e.userID("wang")
	me := e.must(200, "GET", "/api/v1/me", tok, nil)
	feed := me.Body["feed_url"].(string)
	feedPath := feed[strings.Index(feed, "/calendar/"):]
	e.must(200, "GET", feedPath, "", nil)
	e.must(200, "PATCH", "/api/v1/users/"+id, e.admin, map[string]any{"disabled": true})
	e.must(401, "GET", "/api/v1/me", tok, nil)
	r := e.must(401, "POST", "/api/v1/auth/login", "", map[string]string{"username": "wang", "password": "secret-pass"})
	if !strings.Contains(r.errMessage(), "account disabled") {
		t.Fatalf("login: %s", r.Raw)
	}
	r = e.must(401, "POST", "/api/v1/auth/login", "", map[string]string{"username": "wang", "password": "wrong-pass"})
	if strings.Contains(r.errMessage(), "disabled") {
		t.Fatalf("a wrong password learnt the account is disabled: %s", r.Raw)
	}
	e.must(404, "GET", feedPath, "", nil)
	e.must(200, "PATCH", "/api/v1/users/"+id, e.admin, map[string]any{"disabled": false})
	e.must(401, "GET", "/api/v1/me", tok, nil)
	e.must(200, "GET", "/api/v1/me", e.login("wang", "secret-pass"), nil)
	e.must(200, "GET", feedPath, "", nil)
}

// TestPasswordReset: staff set a new password; every session of the
// account ends at once; residents may not.
func TestPasswordReset(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("wang")
	id := e.userID("wang")
	e.must(200, "GET", "/api/v1/me", tok, nil)
	e.must(403, "POST", "/api/v1/users/"+id+"/password", tok, map[string]string{"password": "new-secret-pass"})
	if r := e.must(422, "POST", "/api/v1/users/"+id+"/password", e.admin, map[string]string{"password": "short"}); r.fieldOf() != "password" {
		t.Fatalf("short: %s", r.Raw)
	}
	e.must(404, "POST", "/api/v1/users/nobody/password", e.admin, map[string]string{"password": "new-secret-pass"})
	if r := e.must(204, "POST", "/api/v1/users/"+id+"/password", e.admin, map[string]string{"password": "new-secret-pass"}); len(r.Raw) != 0 {
		t.Fatalf("204 with a body: %q", r.Raw)
	}
	e.must(401, "GET", "/api/v1/me", tok, nil)
	e.must(401, "POST", "/api/v1/auth/login", "", map[string]string{"username": "wang", "password": "secret-pass"})
	e.login("wang", "new-secret-pass")
}

// TestLogoutHTTP: logout ends this session at once, even within the
// token cache's minute; other sessions go on.
func TestLogoutHTTP(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("wang")
	other := e.login("wang", "secret-pass")
	e.must(200, "GET", "/api/v1/me", tok, nil)
	e.must(401, "POST", "/api/v1/auth/logout", "", nil)
	e.must(204, "POST", "/api/v1/auth/logout", tok, nil)
	e.must(401, "GET", "/api/v1/me", tok, nil)
	e.must(401, "POST", "/api/v1/auth/logout", tok, nil)
	e.must(200, "GET", "/api/v1/me", other, nil)
	if n := e.count(`SELECT count(*) FROM tokens`); n != 2 { // admin's and other
		t.Fatalf("tokens = %d, want 2", n)
	}
}

// TestMePassword: a user changes their own password with the current one;
// other sessions end, this one stays.
func TestMePassword(t *testing.T) {
	e := newEnv(t)
	tok := e.resident("wang")
	other := e.login("wang", "secret-pass")
	r := e.must(422, "POST", "/api/v1/me/password", tok, map[string]string{"old_password": "wrong-pass", "password": "new-secret-pass"})
	if r.fieldOf() != "old_password" {
		t.Fatalf("wrong current: %s", r.Raw)
	}
	e.must(204, "POST", "/api/v1/me/password", tok, map[string]string{"old_password": "secret-pass", "password": "new-secret-pass"})
	e.must(200, "GET", "/api/v1/me", tok, nil)
	e.must(401, "GET", "/api/v1/me", other, nil)
	e.login("wang", "new-secret-pass")
}

// TestTeamPatchHTTP: staff rename a team and replace its leaders; the
// team's feed shows the new name at once (a new ETag); others may not.
func TestTeamPatchHTTP(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 7, 19, 0), at(2026, 12, 7, 20, 0), "FREQ=WEEKLY"))
	feed := te.must(200, "GET", "/calendar/teams/choir.ics", "", nil)
	courses := te.must(200, "GET", "/calendar/courses.ics", "", nil)
	te.must(403, "PATCH", "/api/v1/teams/choir", te.choir, map[string]any{"name": "x"})
	te.must(404, "PATCH", "/api/v1/teams/nope", te.admin, map[string]any{"name": "x"})
	for _, tc := range []struct {
		body  any
		field string
	}{
		{map[string]any{"name": ""}, "name"},
		{map[string]any{"name_en": strings.Repeat("x", 65)}, "name_en"},
		{map[string]any{"leaders": []string{"nobody"}}, "leaders"},
		{map[string]any{"leaders": "choir-lead"}, "leaders"},
	} {
		if r := te.must(422, "PATCH", "/api/v1/teams/choir", te.admin, tc.body); r.fieldOf() != tc.field {
			t.Fatalf("%v: %s", tc.body, r.Raw)
		}
	}
	r := te.must(200, "PATCH", "/api/v1/teams/choir", te.admin, map[string]any{"name": "明珠合唱团", "leaders": []string{"dance-lead"}})
	team := obj(r.Body["team"])
	if team["name"] != "明珠合唱团" || team["name_en"] != "Mingzhu Choir" || len(arr(team["leaders"])) != 1 ||
		arr(team["leaders"])[0] != "dance-lead" || !strings.HasSuffix(team["feed_url"].(string), "/calendar/teams/choir.ics") {
		t.Fatalf("team = %s", r.Raw)
	}
	for path, before := range map[string]resp{"/calendar/teams/choir.ics": feed, "/calendar/courses.ics": courses} {
		after := te.must(200, "GET", path, "", nil)
		if after.Header.Get("ETag") == before.Header.Get("ETag") || !strings.Contains(string(after.Raw), "明珠合唱团") {
			t.Fatalf("%s still the old one: %s", path, after.Raw)
		}
	}
	// The old leader no longer leads; the new one does.
	te.must(403, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 8, 19, 0), at(2026, 12, 8, 20, 0), "FREQ=WEEKLY"))
	te.must(201, "POST", "/api/v1/series", te.dance, series("choir", "music", at(2026, 12, 8, 19, 0), at(2026, 12, 8, 20, 0), "FREQ=WEEKLY"))
}
