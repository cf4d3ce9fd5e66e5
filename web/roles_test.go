package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"mingzhu/web"
)

// The role table: every state-changing API call, made by each kind of
// caller, with the status each must get. TestRolesTable fails when the
// router has a write route the table lacks, so a new write endpoint cannot
// land without saying who may use it.

// callerRole is a kind of caller.
type callerRole int

const (
	asAnon        callerRole = iota // no token
	asResident                      // a resident who owns nothing involved
	asOwner                         // the resident who owns the object (the booking; the account itself)
	asLeader                        // a leader of the object's team (choir)
	asOtherLeader                   // a leader of another team (dance)
	asStaff                         // staff (not the admin who sets fixtures up)
	asDisabled                      // a staff account disabled after it logged in
	nRoles
)

var roleNames = [nRoles]string{"anonymous", "resident", "owner", "team-leader", "other-leader", "staff", "disabled"}

// roleUser is the account each role acts as (anonymous callers log in as
// the resident); an owner is the fixture's when it names one.
var roleUser = [nRoles]string{"bob", "bob", "alice", "choir-lead", "dance-lead", "clerk", "carol"}

// roleCodes are the expected statuses, in role order: anonymous, resident,
// owner, team leader, other leader, staff, disabled.
type roleCodes [nRoles]int

// roleFixture is what one row's call needs, made fresh for the row.
type roleFixture struct {
	path  string
	body  any    // sent as JSON, or as text/calendar when ics
	ics   bool   // body is an iCalendar string
	owner string // the object's owner, when not alice
}

// roleCall is one write, set up fresh for each role.
type roleCall struct {
	route string // "METHOD pattern" as the router lists it
	name  string // what this call does, when a route has several
	setup func(w *roleWorld, r callerRole) roleFixture
	want  roleCodes
	// after undoes what a successful call changed that later rows of the
	// same role rely on (an actor's password).
	after func(w *roleWorld, user string)
}

// staffOnly: staff alone.
func staffOnly(ok int) roleCodes { return roleCodes{401, 403, 403, 403, 403, ok, 401} }

// teamOnly: the team's leaders and staff.
func teamOnly(ok int) roleCodes { return roleCodes{401, 403, 403, ok, 403, ok, 401} }

// anyUser: every signed-in account that is not disabled.
func anyUser(ok int) roleCodes { return roleCodes{401, ok, ok, ok, ok, ok, 401} }

var roleCalls = []roleCall{
	// Accounts and sessions.
	{route: "POST /api/v1/auth/register", setup: func(w *roleWorld, _ callerRole) roleFixture {
		u := w.name("reg")
		return roleFixture{path: "/api/v1/auth/register", body: map[string]string{"username": u, "password": "secret-pass", "name": "新居民 " + u}}
	}, want: roleCodes{201, 201, 201, 201, 201, 201, 201}}, // public: a token sent along is not looked at
	{route: "POST /api/v1/auth/login", name: "own password", setup: func(w *roleWorld, r callerRole) roleFixture {
		return roleFixture{path: "/api/v1/auth/login", body: map[string]string{"username": roleUser[r], "password": "secret-pass"}}
	}, want: roleCodes{200, 200, 200, 200, 200, 200, 401}},
	{route: "POST /api/v1/auth/logout", setup: func(*roleWorld, callerRole) roleFixture {
		return roleFixture{path: "/api/v1/auth/logout"}
	}, want: anyUser(204)},
	{route: "POST /api/v1/me/password", setup: func(*roleWorld, callerRole) roleFixture {
		return roleFixture{path: "/api/v1/me/password", body: map[string]string{"old_password": "secret-pass", "password": "another-secret"}}
	}, want: anyUser(204), after: func(w *roleWorld, user string) {
		w.must(204, "POST", "/api/v1/users/"+w.userID(user)+"/password", w.admin, map[string]string{"password": "secret-pass"})
	}},
	{route: "POST /api/v1/me/feed-token", setup: func(*roleWorld, callerRole) roleFixture {
		return roleFixture{path: "/api/v1/me/feed-token"}
	}, want: anyUser(200)},
	{route: "POST /api/v1/users", setup: func(w *roleWorld, _ callerRole) roleFixture {
		u := w.name("new")
		return roleFixture{path: "/api/v1/users", body: map[string]string{"username": u, "password": "secret-pass", "name": "新账号 " + u, "role": "staff"}}
	}, want: staffOnly(201)},
	{route: "PATCH /api/v1/users/:id", name: "rename", setup: func(w *roleWorld, _ callerRole) roleFixture {
		u := w.account()
		return roleFixture{path: "/api/v1/users/" + w.userID(u), body: map[string]any{"name": "改名 Renamed"}, owner: u}
	}, want: staffOnly(200)},
	{route: "PATCH /api/v1/users/:id", name: "promote to staff", setup: func(w *roleWorld, _ callerRole) roleFixture {
		u := w.account()
		return roleFixture{path: "/api/v1/users/" + w.userID(u), body: map[string]any{"role": "staff"}, owner: u}
	}, want: staffOnly(200)},
	{route: "PATCH /api/v1/users/:id", name: "disable", setup: func(w *roleWorld, _ callerRole) roleFixture {
		u := w.account()
		return roleFixture{path: "/api/v1/users/" + w.userID(u), body: map[string]any{"disabled": true}, owner: u}
	}, want: staffOnly(200)},
	{route: "POST /api/v1/users/:id/password", setup: func(w *roleWorld, _ callerRole) roleFixture {
		u := w.account()
		return roleFixture{path: "/api/v1/users/" + w.userID(u) + "/password", body: map[string]string{"password": "taken-over-123"}, owner: u}
	}, want: staffOnly(204)},

	// Rooms and holidays.
	{route: "PATCH /api/v1/rooms/:id", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/rooms/library", body: map[string]any{"capacity": 20 + w.next()%100}}
	}, want: staffOnly(200)},
	{route: "POST /api/v1/holidays", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/holidays", body: map[string]any{"date": w.day(), "name": "社区活动日 Community day", "work": false}}
	}, want: staffOnly(201)},
	{route: "DELETE /api/v1/holidays/:date", setup: func(w *roleWorld, _ callerRole) roleFixture {
		d := w.day()
		w.must(201, "POST", "/api/v1/holidays", w.admin, map[string]any{"date": d, "name": "补班 Working day", "work": true})
		return roleFixture{path: "/api/v1/holidays/" + d}
	}, want: staffOnly(204)},
	{route: "POST /api/v1/closures", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/closures", body: w.closureBody()}
	}, want: staffOnly(201)},
	{route: "DELETE /api/v1/closures/:id", setup: func(w *roleWorld, _ callerRole) roleFixture {
		r := w.must(201, "POST", "/api/v1/closures", w.admin, w.closureBody())
		return roleFixture{path: "/api/v1/closures/" + obj(r.Body["closure"])["id"].(string)}
	}, want: staffOnly(204)},

	// Bookings.
	{route: "POST /api/v1/bookings", setup: func(w *roleWorld, _ callerRole) roleFixture {
		start, end := w.bookingSlot()
		return roleFixture{path: "/api/v1/bookings", body: bookingBody("library", start, end)}
	}, want: anyUser(201)},
	{route: "DELETE /api/v1/bookings/:id", setup: func(w *roleWorld, _ callerRole) roleFixture {
		start, end := w.bookingSlot()
		r := w.must(201, "POST", "/api/v1/bookings", w.tok("alice"), bookingBody("library", start, end))
		return roleFixture{path: "/api/v1/bookings/" + obj(r.Body["booking"])["id"].(string)}
	}, want: roleCodes{401, 403, 204, 403, 403, 204, 401}},
	{route: "POST /api/v1/bookings/:id/approve", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/bookings/" + w.pendingBooking() + "/approve"}
	}, want: staffOnly(200)}, // the owner too: only staff decide
	{route: "POST /api/v1/bookings/:id/decline", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/bookings/" + w.pendingBooking() + "/decline", body: map[string]string{"reason": "当天有活动 an event that day"}}
	}, want: staffOnly(200)},
	{route: "POST /api/v1/bookings/:id/check-in", setup: func(w *roleWorld, _ callerRole) roleFixture {
		// Alice's booking in the calligraphy room starts in 10 minutes:
		// inside her check-in window (and staff's).
		start := w.clock.Now().Add(10 * time.Minute)
		r := w.must(201, "POST", "/api/v1/bookings", w.tok("alice"), bookingBody("calligraphy",
			start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339)))
		return roleFixture{path: "/api/v1/bookings/" + obj(r.Body["booking"])["id"].(string) + "/check-in"}
	}, want: roleCodes{401, 403, 200, 403, 403, 200, 401}},

	// Teams and their classes.
	{route: "POST /api/v1/teams", setup: func(w *roleWorld, _ callerRole) roleFixture {
		id := w.name("team")
		return roleFixture{path: "/api/v1/teams", body: map[string]any{"id": id, "name": "新队 " + id, "leaders": []string{"dance-lead"}}}
	}, want: staffOnly(201)},
	{route: "PATCH /api/v1/teams/:id", name: "rename", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/teams/choir", body: map[string]any{"name_en": fmt.Sprintf("Choir %d", w.next())}}
	}, want: staffOnly(200)},
	{route: "PATCH /api/v1/teams/:id", name: "take over", setup: func(w *roleWorld, r callerRole) roleFixture {
		return roleFixture{path: "/api/v1/teams/choir", body: map[string]any{"leaders": []string{"choir-lead", "dance-lead"}}}
	}, want: staffOnly(200), after: func(w *roleWorld, _ string) {
		w.must(200, "PATCH", "/api/v1/teams/choir", w.admin, map[string]any{"leaders": []string{"choir-lead"}})
	}},
	{route: "POST /api/v1/teams/:id/import", setup: func(w *roleWorld, _ callerRole) roleFixture {
		start, end := w.seriesSlot()
		return roleFixture{path: "/api/v1/teams/choir/import?room=activity", ics: true, body: icsHead + "BEGIN:VEVENT\r\n" +
			fmt.Sprintf("UID:roles-%d@test\r\nDTSTAMP:20261101T000000Z\r\n", w.next()) +
			"DTSTART;TZID=Asia/Shanghai:" + start.Format("20060102T150405") + "\r\n" +
			"DTEND;TZID=Asia/Shanghai:" + end.Format("20060102T150405") + "\r\n" +
			"RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:导入的课 Imported class\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"}
	}, want: teamOnly(201)},
	{route: "POST /api/v1/series", setup: func(w *roleWorld, _ callerRole) roleFixture {
		start, end := w.seriesSlot()
		return roleFixture{path: "/api/v1/series", body: series("choir", "activity", start.Format(time.RFC3339), end.Format(time.RFC3339), "FREQ=WEEKLY;COUNT=3")}
	}, want: teamOnly(201)},
	{route: "PATCH /api/v1/series/:id", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/series/" + w.choirSeries(), body: map[string]any{"title": "改名的课 Renamed class"}}
	}, want: teamOnly(200)},
	{route: "DELETE /api/v1/series/:id", setup: func(w *roleWorld, _ callerRole) roleFixture {
		return roleFixture{path: "/api/v1/series/" + w.choirSeries()}
	}, want: teamOnly(204)},
	{route: "POST /api/v1/series/:id/exceptions", setup: func(w *roleWorld, _ callerRole) roleFixture {
		id := w.choirSeries()
		first := w.must(200, "GET", "/api/v1/series/"+id, "", nil)
		return roleFixture{path: "/api/v1/series/" + id + "/exceptions", body: map[string]any{"occurrence": obj(first.Body["series"])["start"], "action": "cancel"}}
	}, want: teamOnly(201)},
}

// roleWorld is one role's server: the teams choir and dance with their
// leaders, residents alice and bob, staff clerk, and carol's token from
// before her account was disabled. Rows of one role share it; each makes
// its own objects.
type roleWorld struct {
	*env        // bound to the running row's t
	n           *int
	disabledTok string
}

func newRoleWorld(t *testing.T) *roleWorld {
	te := newTeamEnv(t)
	w := &roleWorld{env: te.env, n: new(int)}
	w.resident("alice")
	w.resident("bob")
	w.must(201, "POST", "/api/v1/users", w.admin, map[string]string{"username": "clerk", "password": "secret-pass", "name": "工作人员 Clerk", "role": "staff"})
	w.must(201, "POST", "/api/v1/users", w.admin, map[string]string{"username": "carol", "password": "secret-pass", "name": "停用 Carol", "role": "staff"})
	w.disabledTok = w.login("carol", "secret-pass")
	w.must(200, "PATCH", "/api/v1/users/"+w.userID("carol"), w.admin, map[string]any{"disabled": true})
	return w
}

// bind is w reporting to t.
func (w *roleWorld) bind(t *testing.T) *roleWorld {
	e := *w.env
	e.t = t
	c := *w
	c.env = &e
	return &c
}

func (w *roleWorld) next() int { *w.n++; return *w.n }

func (w *roleWorld) name(prefix string) string { return fmt.Sprintf("%s%d", prefix, w.next()) }

// tok is a fresh session of username, so that no row depends on a token
// an earlier row ended.
func (w *roleWorld) tok(username string) string { return w.login(username, "secret-pass") }

// account is a fresh resident, the object of the account calls.
func (w *roleWorld) account() string {
	u := w.name("acct")
	w.must(201, "POST", "/api/v1/users", w.admin, map[string]string{"username": u, "password": "secret-pass", "name": "居民 " + u, "role": "resident"})
	return u
}

// day is a fresh date for a holiday.
func (w *roleWorld) day() string {
	return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, w.next()).Format(time.DateOnly)
}

// closureBody is a closure of the library for a fresh date in 2031,
// where no other row books.
func (w *roleWorld) closureBody() map[string]any {
	d, _ := time.ParseInLocation(time.DateOnly, w.day(), shanghai)
	return map[string]any{"room": "library", "start": d.Add(2 * time.Hour).Format(time.RFC3339),
		"end": d.Add(3 * time.Hour).Format(time.RFC3339), "reason": "检修 maintenance"}
}

// bookingSlot is a fresh hour in the library within the next week (well
// inside any booking horizon and quota).
func (w *roleWorld) bookingSlot() (string, string) {
	n := w.next()
	start := time.Date(2026, 11, 29+n/10, 9+n%10, 0, 0, 0, shanghai)
	return start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339)
}

// pendingBooking is a fresh booking of alice's in the lecture room,
// which requires approval: it waits for staff.
func (w *roleWorld) pendingBooking() string {
	start, end := w.bookingSlot()
	r := w.must(201, "POST", "/api/v1/bookings", w.tok("alice"), bookingBody("lecture", start, end))
	return obj(r.Body["booking"])["id"].(string)
}

// seriesSlot is the first hour of a fresh weekly slot in the activity
// room: a weekday and hour no other row of the world uses.
func (w *roleWorld) seriesSlot() (time.Time, time.Time) {
	n := w.next()
	start := time.Date(2026, 12, 1+n%7, 8+(n/7)%12, 0, 0, 0, shanghai)
	return start, start.Add(time.Hour)
}

// choirSeries is a fresh weekly class of the choir, made by staff.
func (w *roleWorld) choirSeries() string {
	start, end := w.seriesSlot()
	r := w.must(201, "POST", "/api/v1/series", w.admin, series("choir", "activity", start.Format(time.RFC3339), end.Format(time.RFC3339), "FREQ=WEEKLY;COUNT=3"))
	return obj(r.Body["series"])["id"].(string)
}

// dbFingerprint is every row of every table of the database, so that a
// refused call can be shown to have written nothing at all.
func (e *env) dbFingerprint() string {
	e.t.Helper()
	state, err := e.db.Fingerprint(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	return state
}

// changedTables are the lines of two fingerprints that differ, cut short.
func changedTables(before, after string) string {
	var b strings.Builder
	was, now := strings.Split(before, "\n"), strings.Split(after, "\n")
	for i := range min(len(was), len(now)) {
		if was[i] != now[i] {
			fmt.Fprintf(&b, "before %.300s\nafter  %.300s\n", was[i], now[i])
		}
	}
	return b.String()
}

func (e *env) scanOne(dst *string, query string, args ...any) {
	e.t.Helper()
	if err := e.db.QueryRow(e.t.Context(), query, args...).Scan(dst); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
}

// writeRoutes are the router's state-changing API routes.
func writeRoutes(t *testing.T) []string {
	svc, _ := newService(t, "none", startOfTests())
	var out []string
	for _, rt := range web.RoutesOf(web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))) {
		if strings.HasPrefix(rt.Path, "/api/v1/") && rt.Method != http.MethodGet && rt.Method != http.MethodHead {
			out = append(out, rt.Method+" "+rt.Path)
		}
	}
	sort.Strings(out)
	return out
}

// uncoveredRoutes are the routes no call of the table makes, and the calls
// naming a route the router does not have.
func uncoveredRoutes(routes []string, calls []roleCall) (missing, stale []string) {
	have := map[string]bool{}
	for _, c := range calls {
		have[c.route] = true
	}
	known := map[string]bool{}
	for _, r := range routes {
		known[r] = true
		if !have[r] {
			missing = append(missing, r)
		}
	}
	for _, c := range calls {
		if !known[c.route] {
			stale = append(stale, c.route)
		}
	}
	return missing, stale
}

// routeMatches reports whether path (with its query) is an instance of the
// route's pattern, so that no row claims a route and calls another.
func routeMatches(route, path string) bool {
	_, pattern, _ := strings.Cut(route, " ")
	path, _, _ = strings.Cut(path, "?")
	ps, ss := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(ss) {
		return false
	}
	for i := range ps {
		if !strings.HasPrefix(ps[i], ":") && ps[i] != ss[i] {
			return false
		}
	}
	return true
}

// TestRolesTable: every write route has a row; each role gets its status;
// a refused call leaves every table as it was and an allowed one changes
// something.
func TestRolesTable(t *testing.T) {
	routes := writeRoutes(t)
	missing, stale := uncoveredRoutes(routes, roleCalls)
	for _, r := range missing {
		t.Errorf("write route %s has no row in the role table: say who may call it", r)
	}
	for _, r := range stale {
		t.Errorf("the role table names %s, which the router does not have", r)
	}
	if len(routes) < 20 {
		t.Fatalf("only %d write routes found: %v", len(routes), routes)
	}
	for i, c := range roleCalls {
		for r, want := range c.want {
			if want == 0 {
				t.Fatalf("call %d (%s) has no status for %s", i, c.route, roleNames[r])
			}
		}
	}
	t.Logf("%d write routes, %d calls, %d rows", len(routes), len(roleCalls), len(roleCalls)*int(nRoles))
	for r := range nRoles {
		t.Run(roleNames[r], func(t *testing.T) {
			w := newRoleWorld(t)
			for _, c := range roleCalls {
				t.Run(strings.TrimSpace(c.route+" "+c.name), func(t *testing.T) { runRoleRow(w.bind(t), r, c) })
			}
		})
	}
}

// caller is the account and token role r calls with (the fixture's owner
// for asOwner, if it names one; no token for anyone anonymous). Getting
// the token logs in, so callers take it before noting the database.
func (w *roleWorld) caller(r callerRole, fx roleFixture) (user, token string) {
	user = roleUser[r]
	if r == asOwner && fx.owner != "" {
		user = fx.owner
	}
	switch r {
	case asAnon:
	case asDisabled:
		token = w.disabledTok
	default:
		token = w.tok(user)
	}
	return user, token
}

// call makes row c's request, fixture fx, with token.
func (w *roleWorld) call(c roleCall, fx roleFixture, token string) resp {
	method, _, _ := strings.Cut(c.route, " ")
	if fx.ics {
		return w.send(method, fx.path, token, "text/calendar; charset=utf-8", fx.body)
	}
	return w.do(method, fx.path, token, fx.body)
}

// runRoleRow makes c's call as role r and checks the answer and the database.
func runRoleRow(w *roleWorld, r callerRole, c roleCall) {
	t := w.t
	fx := c.setup(w, r)
	if !routeMatches(c.route, fx.path) {
		t.Fatalf("row for %s calls %s", c.route, fx.path)
	}
	user, token := w.caller(r, fx)
	before := w.dbFingerprint()
	res := w.call(c, fx, token)
	want := c.want[r]
	if res.Status != want {
		t.Fatalf("%s as %s (%s): %d, want %d: %s", c.route, roleNames[r], user, res.Status, want, res.Raw)
	}
	after := w.dbFingerprint()
	switch {
	case want >= 400 && after != before:
		t.Fatalf("refused with %d, yet the database changed:\n%s", want, changedTables(before, after))
	case want < 400 && after == before:
		t.Fatalf("answered %d, yet the database did not change: the row proves nothing", want)
	case want >= 400 && res.errCode() != map[int]string{401: "unauthorized", 403: "forbidden"}[want]:
		t.Fatalf("refused with code %q: %s", res.errCode(), res.Raw)
	}
	if want < 400 && c.after != nil {
		c.after(w, user)
	}
}
