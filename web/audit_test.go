package web_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// auditWant is what one successful call of a route must add to the trail:
// n lines, each about entity with one of actions. n 0: nothing (sessions).
type auditWant struct {
	entity  string
	actions []string
	n       int
}

// auditByRoute says, for every write route of the role table, what a
// success records. A route missing here (a new one) must still add at
// least one line, by the caller.
var auditByRoute = map[string]auditWant{
	"POST /api/v1/auth/register":         {"user", []string{"create"}, 1},
	"POST /api/v1/auth/login":            {n: 0},
	"POST /api/v1/auth/logout":           {n: 0},
	"POST /api/v1/me/password":           {"user", []string{"password_changed"}, 1},
	"POST /api/v1/me/feed-token":         {"user", []string{"feed_reset"}, 1},
	"POST /api/v1/users":                 {"user", []string{"create"}, 1},
	"PATCH /api/v1/users/:id":            {"user", []string{"update"}, 1},
	"POST /api/v1/users/:id/password":    {"user", []string{"password_changed"}, 1},
	"PATCH /api/v1/rooms/:id":            {"room", []string{"update"}, 1},
	"POST /api/v1/holidays":              {"holiday", []string{"create", "update"}, 1},
	"DELETE /api/v1/holidays/:date":      {"holiday", []string{"delete", "update"}, 1},
	"POST /api/v1/bookings":              {"booking", []string{"create"}, 1},
	"DELETE /api/v1/bookings/:id":        {"booking", []string{"cancel"}, 1},
	"POST /api/v1/teams":                 {"team", []string{"create"}, 1},
	"PATCH /api/v1/teams/:id":            {"team", []string{"update"}, 1},
	"POST /api/v1/teams/:id/import":      {"series", []string{"create"}, 1},
	"POST /api/v1/series":                {"series", []string{"create"}, 1},
	"PATCH /api/v1/series/:id":           {"series", []string{"update"}, 1},
	"DELETE /api/v1/series/:id":          {"series", []string{"delete"}, 1},
	"POST /api/v1/series/:id/exceptions": {"series", []string{"update"}, 1},
}

// auditMark is the newest line's id (0 for none), read from the file.
func (e *env) auditMark() int {
	e.t.Helper()
	return e.count(`SELECT coalesce(max(id), 0) FROM audit`)
}

// auditSince lists, through the API as the admin, the lines after mark,
// oldest first.
func (e *env) auditSince(mark int) []map[string]any {
	e.t.Helper()
	r := e.must(200, "GET", "/api/v1/audit?limit=500", e.admin, nil)
	var out []map[string]any
	for _, l := range arr(r.Body["audit"]) {
		if int(obj(l)["id"].(float64)) > mark {
			out = append(out, obj(l))
		}
	}
	slices.Reverse(out)
	return out
}

// TestAuditRoles: every write of the role table, by every role: a call
// refused leaves no line; one allowed adds exactly the lines its route
// records, by the caller, about the right kind of thing, with images that
// fit the action; and no line anywhere holds a password, a hash or a token.
func TestAuditRoles(t *testing.T) {
	for r := range nRoles {
		t.Run(roleNames[r], func(t *testing.T) {
			w := newRoleWorld(t)
			secrets := []string{"secret-pass", "another-secret", "taken-over-123", w.admin, w.disabledTok}
			for _, c := range roleCalls {
				t.Run(strings.TrimSpace(c.route+" "+c.name), func(t *testing.T) {
					secrets = append(secrets, runAuditRow(w.bind(t), r, c)...)
				})
			}
			w.bind(t).checkNoSecrets(secrets)
		})
	}
}

// runAuditRow makes c's call as role r and checks the lines it added; it
// returns the token it used, for the secrets scan.
func runAuditRow(w *roleWorld, r callerRole, c roleCall) []string {
	t := w.t
	fx := c.setup(w, r)
	user, token := w.caller(r, fx)
	mark := w.auditMark()
	res := w.call(c, fx, token)
	if res.Status != c.want[r] {
		t.Fatalf("%s as %s: %d, want %d: %s", c.route, roleNames[r], res.Status, c.want[r], res.Raw)
	}
	lines := w.auditSince(mark)
	if res.Status >= 400 {
		if len(lines) != 0 {
			t.Fatalf("refused with %d, yet wrote %d audit lines: %v", res.Status, len(lines), lines)
		}
		return []string{token}
	}
	want, known := auditByRoute[c.route]
	switch {
	case known && len(lines) != want.n:
		t.Fatalf("%d lines, want %d: %v", len(lines), want.n, lines)
	case !known && len(lines) == 0:
		t.Fatalf("%s changed something but wrote no audit line: add it to the audit layer", c.route)
	}
	actorID := ""
	if c.route != "POST /api/v1/auth/register" {
		actorID = w.userID(user)
	}
	for _, l := range lines {
		checkAuditLine(t, l, actorID, want, known)
	}
	if c.after != nil {
		c.after(w, user)
	}
	return []string{token}
}

// checkAuditLine checks one line's actor, kind and images. actorID ""
// means the account the line is about (one registering).
func checkAuditLine(t *testing.T, l map[string]any, actorID string, want auditWant, known bool) {
	t.Helper()
	actor, _ := l["actor"].(map[string]any)
	if actorID == "" {
		actorID = l["entity_id"].(string)
	}
	if actor == nil || actor["id"] != actorID || actor["name"] == "" {
		t.Fatalf("actor %v, want %s: %v", l["actor"], actorID, l)
	}
	if known && (l["entity"] != want.entity || !slices.Contains(want.actions, l["action"].(string))) {
		t.Fatalf("line %v, want %s %v", l, want.entity, want.actions)
	}
	before, after := l["before"], l["after"]
	switch l["action"] {
	case "create":
		if before != nil || after == nil {
			t.Fatalf("create with before %v, after %v", before, after)
		}
	case "delete":
		if before == nil || after != nil {
			t.Fatalf("delete with before %v, after %v", before, after)
		}
	case "password_changed", "feed_reset":
		if before != nil || after != nil {
			t.Fatalf("%s with images %v %v", l["action"], before, after)
		}
	default:
		if before == nil || after == nil || fmt.Sprint(before) == fmt.Sprint(after) {
			t.Fatalf("%s: before %v, after %v", l["action"], before, after)
		}
	}
}

// agg is the store's aggregate joining text, for the raw queries here.
func (e *env) agg() string {
	if e.db.Kind() == "postgres" {
		return "string_agg"
	}
	return "group_concat"
}

// checkNoSecrets scans every line of the trail, as stored, for the given
// strings and for every password hash, feed token and session token hash
// in the database.
func (e *env) checkNoSecrets(secrets []string) {
	e.t.Helper()
	var stored string
	e.scanOne(&stored, `SELECT coalesce(`+e.agg()+`(password_hash || ' ' || feed_token, ' '), '') FROM users`)
	var tokens string
	e.scanOne(&tokens, `SELECT coalesce(`+e.agg()+`(hash, ' '), '') FROM tokens`)
	secrets = append(secrets, strings.Fields(stored+" "+tokens)...)
	var trail string
	e.scanOne(&trail, `SELECT coalesce(`+e.agg()+`(coalesce(before, '') || coalesce(after, '') || entity_id || actor_id || actor_name || action || rule, '|'), '') FROM audit`)
	if trail == "" {
		e.t.Fatal("the trail is empty: the scan proves nothing")
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(trail, s) {
			e.t.Fatalf("a secret (%.12s…) is in the audit trail", s)
		}
	}
}

// fingerprintBut is dbFingerprint without the lines of the given tables.
func (e *env) fingerprintBut(tables ...string) string {
	var kept []string
	for _, l := range strings.Split(e.dbFingerprint(), "\n") {
		name, _, _ := strings.Cut(l, "=")
		if !slices.Contains(tables, name) {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// TestAuditTrail: a booking, a clash and bad input (no line, no change),
// a house rule's refusal (its line only), a room renamed; each line with
// its actor and images, found again by every filter.
func TestAuditTrail(t *testing.T) {
	e := newEnv(t)
	alice, bob := e.resident("alice"), e.resident("bob")
	aliceID, bobID, adminID := e.userID("alice"), e.userID("bob"), e.userID("admin")
	slot := bookingBody("library", at(2026, 11, 29, 10, 0), at(2026, 11, 29, 11, 0))

	mark := e.auditMark()
	b := obj(e.must(201, "POST", "/api/v1/bookings", alice, slot).Body["booking"])
	lines := e.auditSince(mark)
	if len(lines) != 1 {
		t.Fatalf("booking: %v", lines)
	}
	l := lines[0]
	if l["entity"] != "booking" || l["entity_id"] != b["id"] || l["action"] != "create" || l["before"] != nil ||
		obj(l["actor"])["id"] != aliceID || obj(l["actor"])["name"] != "居民 alice" ||
		obj(l["after"])["room"] != "library" || obj(l["after"])["status"] != "confirmed" || obj(l["after"])["start"] != "2026-11-29T02:00:00Z" {
		t.Fatalf("booking line %v", l)
	}

	// A clash and bad input: no line, nothing changed.
	for _, bad := range []struct {
		status int
		body   any
	}{
		{409, slot},
		{422, bookingBody("library", at(2026, 11, 29, 12, 0), at(2026, 11, 29, 11, 0))},
		{404, bookingBody("nowhere", at(2026, 11, 29, 12, 0), at(2026, 11, 29, 13, 0))},
	} {
		before := e.dbFingerprint()
		e.must(bad.status, "POST", "/api/v1/bookings", bob, bad.body)
		if after := e.dbFingerprint(); after != before {
			t.Fatalf("a %d changed the database:\n%s", bad.status, changedTables(before, after))
		}
	}
	before := e.dbFingerprint()
	e.must(422, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"capacity": -1})
	e.must(403, "PATCH", "/api/v1/rooms/library", bob, map[string]any{"capacity": 3})
	if after := e.dbFingerprint(); after != before {
		t.Fatalf("refused patches changed the database:\n%s", changedTables(before, after))
	}

	// A house rule's refusal: its line, and nothing else.
	mark, rest := e.auditMark(), e.fingerprintBut("audit")
	r := e.must(422, "POST", "/api/v1/bookings", bob, bookingBody("library", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 14, 0)))
	if r.errCode() != "policy" {
		t.Fatalf("refusal %s", r.Raw)
	}
	if now := e.fingerprintBut("audit"); now != rest {
		t.Fatalf("a refusal changed more than the trail:\n%s", changedTables(rest, now))
	}
	lines = e.auditSince(mark)
	if len(lines) != 1 {
		t.Fatalf("refusal lines %v", lines)
	}
	l = lines[0]
	if l["action"] != "refused" || l["entity"] != "booking" || l["rule"] != "max_minutes" || l["before"] != nil ||
		obj(l["actor"])["id"] != bobID || obj(l["after"])["room"] != "library" || obj(l["after"])["end"] != "2026-11-30T06:00:00Z" {
		t.Fatalf("refusal line %v", l)
	}
	refusedID := l["id"].(float64)

	// Staff renames a room: before → after.
	mark = e.auditMark()
	e.must(200, "PATCH", "/api/v1/rooms/library", e.admin, map[string]any{"name": "阅读室"})
	lines = e.auditSince(mark)
	if len(lines) != 1 || lines[0]["entity"] != "room" || lines[0]["action"] != "update" || obj(lines[0]["actor"])["id"] != adminID ||
		obj(lines[0]["before"])["name"] != "图书室" || obj(lines[0]["after"])["name"] != "阅读室" {
		t.Fatalf("room lines %v", lines)
	}
	roomID := lines[0]["id"].(float64)

	// The filters find each line again; newest first.
	ids := func(q string) []float64 {
		var out []float64
		for _, l := range arr(e.must(200, "GET", "/api/v1/audit?"+q, e.admin, nil).Body["audit"]) {
			out = append(out, obj(l)["id"].(float64))
		}
		return out
	}
	for q, want := range map[string][]float64{
		"entity=room":                   {roomID},
		"entity=room&entity_id=library": {roomID},
		"entity=room&entity_id=music":   nil,
		"actor=" + bobID:                {refusedID},
		"limit=1":                       {roomID},
		"entity=booking&limit=1":        {refusedID},
		"from=" + url.QueryEscape(at(2026, 11, 28, 10, 0)) + "&to=" + url.QueryEscape(at(2026, 11, 28, 10, 1)) + "&entity=room": {roomID},
		"from=" + url.QueryEscape(at(2026, 11, 28, 10, 1)):                                                                      nil,
		"to=" + url.QueryEscape(at(2026, 11, 28, 10, 0)):                                                                        nil,
		fmt.Sprintf("before=%d&limit=1", int(roomID)):                                                                           {refusedID},
	} {
		if got := ids(q); !slices.Equal(got, want) {
			t.Errorf("?%s: %v, want %v", q, got, want)
		}
	}
	if all := ids(""); len(all) < 5 || !slices.IsSortedFunc(all, func(a, b float64) int { return int(b - a) }) {
		t.Errorf("not newest first: %v", all)
	}
	e.checkNoSecrets([]string{"secret-pass", alice, bob, e.admin, adminPassword})
}

// TestAuditRefusesBadFilters: each bad parameter is a 422 naming it;
// only staff may read the trail.
func TestAuditRefusesBadFilters(t *testing.T) {
	e := newEnv(t)
	for q, field := range map[string]string{
		"entity=nope": "entity",
		"limit=9999":  "limit",
		"limit=-1":    "limit",
		"limit=many":  "limit",
		"from=monday": "from",
		"to=tomorrow": "to",
		"before=-3":   "before",
		"before=x":    "before",
		"from=" + url.QueryEscape(at(2026, 12, 2, 0, 0)) + "&to=" + url.QueryEscape(at(2026, 12, 1, 0, 0)): "to",
	} {
		r := e.must(422, "GET", "/api/v1/audit?"+q, e.admin, nil)
		if f := obj(r.Body["error"])["field"]; f != field {
			t.Errorf("?%s: field %v, want %s: %s", q, f, field, r.Raw)
		}
	}
	te := newTeamEnv(t)
	res := te.resident("rita")
	for _, tok := range []string{res, te.choir} {
		if r := te.must(403, "GET", "/api/v1/audit", tok, nil); r.errCode() != "forbidden" {
			t.Fatalf("%s", r.Raw)
		}
	}
	te.must(401, "GET", "/api/v1/audit", "", nil)
	staff := te.env
	staff.must(201, "POST", "/api/v1/users", te.admin, map[string]string{"username": "clerk", "password": "secret-pass", "name": "工作人员", "role": "staff"})
	r := te.must(200, "GET", "/api/v1/audit?entity=user&limit=1", te.login("clerk", "secret-pass"), nil)
	var got struct {
		Audit []json.RawMessage `json:"audit"`
	}
	if err := json.Unmarshal(r.Raw, &got); err != nil || len(got.Audit) != 1 {
		t.Fatalf("clerk reads %s", r.Raw)
	}
	if h := te.do("HEAD", "/api/v1/audit", te.admin, nil); h.Status != 200 || len(h.Raw) != 0 {
		t.Fatalf("HEAD: %d", h.Status)
	}
}
