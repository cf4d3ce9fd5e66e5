package web_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzJSONBodies sends arbitrary bodies to every JSON endpoint through
// the real router, each on a fresh copy of one seeded database, so that
// a failure reproduces from its input alone: the answer must always be a
// known status with the one error shape, never a 500; and after an
// accepted write every listing and every feed still renders (the render
// invariant of issue 8, point 2).
func FuzzJSONBodies(f *testing.F) {
	paths := []string{"/api/v1/bookings", "/api/v1/series", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/teams", "/api/v1/users"}
	seeds := []string{`{"room":"library","start":"2026-12-01T10:00:00+08:00","end":"2026-12-01T11:00:00+08:00","title":"x","attendees":2}`,
		`{"team":"choir","room":"activity","title":"t","start":"2026-12-01T07:00:00+08:00","end":"2026-12-01T08:00:00+08:00","rrule":"FREQ=WEEKLY","dry_run":true}`,
		`{"username":"abc","password":"12345678","name":"n"}`, `{`, `[]`, `null`, `{"attendees":1e999}`, `{"start":"2026-13-45T99:00:00Z"}`,
		`{"room":"library"}{"room":"x"}`, "\xff\xfe", `{"leaders":[1,2]}`, `{"exdates":"no"}`}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	// Accepted writes that broke a listing or a feed (issue 8).
	f.Add(uint8(1), `{"team":"choir","room":"library","title":"t","start":"2026-12-01T07:00:00+08:00","end":"2026-12-01T08:00:00+08:00","rrule":"RRULE:FREQ=WEEKLY;BYDAY=TU"}`)
	f.Add(uint8(1), `{"team":"choir","room":"library","title":"t","start":"9999-12-31T15:00:00Z","end":"9999-12-31T16:30:00Z","rrule":"FREQ=WEEKLY;BYDAY=FR;COUNT=3"}`)
	f.Add(uint8(0), `{"room":"library","start":"9999-12-31T23:30:00+08:00","end":"9999-12-31T16:30:00Z","attendees":1}`)
	f.Add(uint8(1), `{"team":"choir","room":"library","title":"t","start":"2026-12-01T07:00:00+08:00","end":"2026-12-01T08:00:00+08:00","rrule":"freq=weekly;byday=tu"}`)
	tmpl := newFuzzTemplate(f)
	allowed := map[int]bool{200: true, 201: true, 400: true, 401: true, 403: true, 404: true, 409: true, 413: true, 422: true, 429: true}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		fx := tmpl.fresh(t)
		path := paths[int(which)%len(paths)]
		rec := fx.serve("POST", path, strings.NewReader(body))
		if !allowed[rec.Code] {
			t.Fatalf("POST %s %q: status %d: %s", path, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("POST %s %q: error body %q", path, body, rec.Body)
			}
			return
		}
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil || len(answer) == 0 {
			t.Fatalf("POST %s %q: %d with body %q", path, body, rec.Code, rec.Body)
		}
		fx.checkRenders(t, "POST "+path+" "+body, answer)
	})
}
