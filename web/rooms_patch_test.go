package web_test

import (
	"strings"
	"testing"
)

// TestRoomPatchHTTP: staff change a room's names, capacity and equipment
// with PATCH /api/v1/rooms/:id and get {"room":{...}} back; the listing,
// the room itself and its feed (a new ETag) show the change at once;
// fields left out stay, the id never changes.
func TestRoomPatchHTTP(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "music", at(2026, 12, 7, 19, 0), at(2026, 12, 7, 20, 0), "FREQ=WEEKLY"))
	feed := te.must(200, "GET", "/calendar/rooms/music.ics", "", nil)
	team := te.must(200, "GET", "/calendar/teams/choir.ics", "", nil)
	r := te.must(200, "PATCH", "/api/v1/rooms/music", te.admin,
		map[string]any{"name": "器乐排练室", "capacity": 12, "equipment": []string{"钢琴", "谱架", "鼓"}})
	room := obj(r.Body["room"])
	if room["id"] != "music" || room["name"] != "器乐排练室" || room["name_en"] != "Music room" || room["capacity"] != 12.0 ||
		len(arr(room["equipment"])) != 3 || !strings.HasSuffix(room["feed_url"].(string), "/calendar/rooms/music.ics") {
		t.Fatalf("room = %s", r.Raw)
	}
	got := obj(te.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])
	if got["name"] != "器乐排练室" || got["capacity"] != 12.0 || arr(got["equipment"])[2] != "鼓" {
		t.Fatalf("GET after PATCH = %v", got)
	}
	if list := te.must(200, "GET", "/api/v1/rooms", "", nil); !strings.Contains(string(list.Raw), "器乐排练室") {
		t.Fatalf("listing = %s", list.Raw)
	}
	for path, before := range map[string]resp{"/calendar/rooms/music.ics": feed, "/calendar/teams/choir.ics": team} {
		after := te.must(200, "GET", path, "", nil)
		if after.Header.Get("ETag") == before.Header.Get("ETag") || !strings.Contains(string(after.Raw), "器乐排练室") {
			t.Fatalf("%s still the old one: %s", path, after.Raw)
		}
	}
	r = te.must(200, "PATCH", "/api/v1/rooms/music", te.admin, map[string]any{"name_en": "Rehearsal room", "equipment": nil})
	if room := obj(r.Body["room"]); room["name"] != "器乐排练室" || room["name_en"] != "Rehearsal room" || room["capacity"] != 12.0 || len(arr(room["equipment"])) != 3 {
		t.Fatalf("second PATCH = %s", r.Raw)
	}
	// A body naming the id is refused whole: the id never changes.
	te.must(400, "PATCH", "/api/v1/rooms/music", te.admin, map[string]any{"id": "music2", "capacity": 5})
	te.must(404, "GET", "/api/v1/rooms/music2", "", nil)
	if got := obj(te.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"]); got["capacity"] != 12.0 {
		t.Fatalf("a refused body changed the room: %v", got)
	}
}

// TestRoomPatchRefusals: only staff; each bad value is a 422 naming its
// field in both languages and changes nothing; an unknown room is 404.
func TestRoomPatchRefusals(t *testing.T) {
	te := newTeamEnv(t)
	res := te.resident("wang")
	te.must(401, "PATCH", "/api/v1/rooms/music", "", map[string]any{"capacity": 5})
	te.must(403, "PATCH", "/api/v1/rooms/music", res, map[string]any{"capacity": 5})
	te.must(403, "PATCH", "/api/v1/rooms/music", te.choir, map[string]any{"capacity": 5})
	te.must(404, "PATCH", "/api/v1/rooms/nope", te.admin, map[string]any{"capacity": 5})
	many := make([]string, 21)
	for i := range many {
		many[i] = strings.Repeat("x", i+1)
	}
	for _, tc := range []struct {
		body      any
		field, zh string
		english   string
	}{
		{map[string]any{"name": ""}, "name", "名称须为1-64个字符", "name must be 1-64 characters"},
		{map[string]any{"name": "  "}, "name", "名称须为1-64个字符", "name must be 1-64 characters"},
		{map[string]any{"name_en": strings.Repeat("x", 65)}, "name_en", "英文名称", "name_en must be 1-64 characters"},
		{map[string]any{"capacity": 0}, "capacity", "容纳人数须为1至500人", "capacity must be 1 to 500 people"},
		{map[string]any{"capacity": 501}, "capacity", "容纳人数", "capacity must be 1 to 500"},
		{map[string]any{"capacity": "ten"}, "capacity", "类型错误", "wrong type"},
		{map[string]any{"equipment": many}, "equipment", "设备最多20项", "at most 20 items"},
		{map[string]any{"equipment": []string{"钢琴", ""}}, "equipment", "第2项设备须为1-32个字符", "equipment item 2 must be 1-32 characters"},
		{map[string]any{"equipment": []string{strings.Repeat("x", 33)}}, "equipment", "第1项设备", "item 1 must be 1-32"},
		{map[string]any{"equipment": []string{"钢琴", "钢琴"}}, "equipment", "设备「钢琴」重复", "is listed twice"},
		{map[string]any{"equipment": "钢琴"}, "equipment", "类型错误", "wrong type"},
	} {
		r := te.must(422, "PATCH", "/api/v1/rooms/music", te.admin, tc.body)
		if msg := r.errMessage(); r.fieldOf() != tc.field || !strings.Contains(msg, tc.zh) || !strings.Contains(msg, tc.english) {
			t.Errorf("%v: %s", tc.body, r.Raw)
		}
	}
	got := obj(te.must(200, "GET", "/api/v1/rooms/music", "", nil).Body["room"])
	if got["name"] != "器乐室" || got["name_en"] != "Music room" || got["capacity"] != 15.0 || len(arr(got["equipment"])) == 0 {
		t.Fatalf("refusals changed the room: %v", got)
	}
}

// TestUsersByRoleHTTP: ?role= keeps one role; an unknown role is a 422
// on the field role.
func TestUsersByRoleHTTP(t *testing.T) {
	te := newTeamEnv(t)
	te.resident("wang")
	r := te.must(200, "GET", "/api/v1/users?role=leader", te.admin, nil)
	var names []string
	for _, u := range arr(r.Body["users"]) {
		names = append(names, obj(u)["username"].(string))
	}
	if strings.Join(names, ",") != "choir-lead,dance-lead" {
		t.Fatalf("leaders = %v", names)
	}
	if r := te.must(422, "GET", "/api/v1/users?role=boss", te.admin, nil); r.fieldOf() != "role" {
		t.Fatalf("role=boss: %s", r.Raw)
	}
}
