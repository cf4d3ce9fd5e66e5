package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"mingzhu/booking"
	"mingzhu/web"
)

// FuzzJSONBodies sends arbitrary bodies to every JSON endpoint through
// the real router on a real database: the answer must always be a known
// status with the one error shape, never a 500.
func FuzzJSONBodies(f *testing.F) {
	paths := []string{"/api/v1/bookings", "/api/v1/series", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/teams", "/api/v1/users"}
	seeds := []string{`{"room":"library","start":"2026-12-01T10:00:00+08:00","end":"2026-12-01T11:00:00+08:00","title":"x","attendees":2}`,
		`{"team":"choir","room":"activity","title":"t","start":"2026-12-01T07:00:00+08:00","end":"2026-12-01T08:00:00+08:00","rrule":"FREQ=WEEKLY","dry_run":true}`,
		`{"username":"abc","password":"12345678","name":"n"}`, `{`, `[]`, `null`, `{"attendees":1e999}`, `{"start":"2026-13-45T99:00:00Z"}`,
		`{"room":"library"}{"room":"x"}`, "\xff\xfe", `{"leaders":[1,2]}`, `{"exdates":"no"}`}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	svc, _ := newService(f, "demo", startOfTests())
	sess, err := svc.Login(context.Background(), booking.Client{}, "admin", adminPassword)
	if err != nil {
		f.Fatal(err)
	}
	srv := web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	allowed := map[int]bool{200: true, 201: true, 400: true, 401: true, 403: true, 404: true, 409: true, 413: true, 422: true, 429: true}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		path := paths[int(which)%len(paths)]
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+sess.Token)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
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
		}
	})
}
