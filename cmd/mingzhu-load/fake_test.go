package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// fakeServer is a small in-memory stand-in for the Mingzhu API, written from
// the spec, so the tool can be tested end to end without the real server.
// With racy set it skips the conflict check, as a broken server would.
type fakeServer struct {
	racy     bool
	noFeeds  bool
	noPage   bool // "/" answers the API's JSON 404, as before the pages exist
	mu       sync.Mutex
	users    map[string]string // username → password
	tokens   map[string]string // token → username
	bookings []Booking
	seq      int
}

func newFakeServer() *fakeServer {
	return &fakeServer{users: map[string]string{"admin": "admin-pass"}, tokens: map[string]string{}}
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reply := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	fail := func(status int, code string) {
		reply(status, map[string]any{"error": map[string]string{"code": code, "message": code}})
	}
	var in map[string]any
	if r.Body != nil && r.Method == "POST" {
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			fail(400, "invalid") // a tool sending bad JSON must show as unexpected answers
			return
		}
	}
	str := func(k string) string { s, _ := in[k].(string); return s }
	f.mu.Lock()
	defer f.mu.Unlock()
	authed := f.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")] != ""
	path := r.URL.Path
	switch {
	case path == "/healthz":
		reply(200, map[string]string{"status": "ok"})
	case path == "/api/v1/auth/register", path == "/api/v1/users":
		if _, dup := f.users[str("username")]; dup {
			fail(409, "conflict")
			return
		}
		f.users[str("username")] = str("password")
		reply(201, map[string]any{"user": map[string]any{"id": len(f.users), "username": str("username")}})
	case path == "/api/v1/auth/login":
		if pw, ok := f.users[str("username")]; !ok || pw != str("password") {
			fail(401, "unauthorized")
			return
		}
		tok := fmt.Sprintf("tok-%d", len(f.tokens))
		f.tokens[tok] = str("username")
		reply(200, map[string]any{"token": tok, "user": map[string]any{"username": str("username")}})
	case !authed && strings.HasPrefix(path, "/api/"):
		fail(401, "unauthorized")
	case path == "/api/v1/rooms":
		reply(200, map[string]any{"rooms": []Room{{ID: "activity", Capacity: 30}, {ID: "music", Capacity: 8}}})
	case path == "/api/v1/teams":
		reply(201, map[string]any{"team": in})
	case path == "/api/v1/series":
		reply(200, map[string]any{"dry_run": true, "clashes": []any{}})
	case path == "/api/v1/bookings" && r.Method == "POST":
		var b Booking
		var err1, err2 error
		b.Room, b.Title = str("room"), str("title")
		b.Start, err1 = time.Parse(time.RFC3339, str("start"))
		b.End, err2 = time.Parse(time.RFC3339, str("end"))
		if err1 != nil || err2 != nil || !b.End.After(b.Start) {
			fail(422, "invalid") // as the real server: a bad time is refused, not booked at year 1
			return
		}
		for _, o := range f.bookings {
			if !f.racy && o.Room == b.Room && o.Start.Before(b.End) && b.Start.Before(o.End) {
				fail(409, "conflict")
				return
			}
		}
		f.seq++
		b.ID, b.Status = ID(fmt.Sprint(f.seq)), "confirmed"
		f.bookings = append(f.bookings, b)
		reply(201, map[string]any{"booking": b})
	case strings.HasPrefix(path, "/api/v1/bookings/"):
		id := ID(strings.TrimPrefix(path, "/api/v1/bookings/"))
		for _, b := range f.bookings {
			if b.ID == id {
				reply(200, map[string]any{"booking": b})
				return
			}
		}
		fail(404, "not_found")
	case path == "/api/v1/occurrences":
		q := r.URL.Query()
		from, err1 := time.Parse(time.RFC3339, q.Get("from"))
		to, err2 := time.Parse(time.RFC3339, q.Get("to"))
		if err1 != nil || err2 != nil {
			fail(400, "invalid")
			return
		}
		out := []Occurrence{}
		for _, b := range f.bookings {
			if b.Room == q.Get("room") && b.Start.Before(to) && from.Before(b.End) {
				out = append(out, Occurrence{Kind: "booking", ID: b.ID, Room: b.Room, Start: b.Start, End: b.End})
			}
		}
		slices.SortFunc(out, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
		reply(200, map[string]any{"occurrences": out})
	case path == "/" && !f.noPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		writeMaybeGzip(w, r, []byte("<!doctype html><title>明珠</title>"+strings.Repeat("<p>书法室 空闲 free now</p>", 100)))
	case strings.HasPrefix(path, "/calendar/rooms/") && !f.noFeeds:
		tag := fmt.Sprintf(`"v%d"`, f.seq)
		w.Header().Set("ETag", tag)
		if r.Header.Get("If-None-Match") == tag {
			w.WriteHeader(304)
			return
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		var cal strings.Builder
		cal.WriteString("BEGIN:VCALENDAR\r\n")
		for _, b := range f.bookings {
			if path == feedPath(b.Room) {
				fmt.Fprintf(&cal, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTART:%s\r\nSUMMARY:已预约 Booked\r\nEND:VEVENT\r\n", b.ID, b.Start.UTC().Format("20060102T150405Z"))
			}
		}
		cal.WriteString("END:VCALENDAR\r\n")
		writeMaybeGzip(w, r, []byte(cal.String()))
	default:
		fail(404, "not_found")
	}
}

// writeMaybeGzip sends body, gzip-compressed when the client asks for it.
func writeMaybeGzip(w http.ResponseWriter, r *http.Request, body []byte) {
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Write(body)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	zw.Write(body)
	zw.Close()
}
