package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestOpenAPIValidationCatches proves the checks can fail: canned answers
// that depart from the description, each sent through the same wrapper
// as every API test, must be reported, and conforming ones must not.
func TestOpenAPIValidationCatches(t *testing.T) {
	const booking = `{"booking":{"id":"b1","room":"music","start":"2026-12-01T09:00:00+08:00","end":"2026-12-01T10:00:00+08:00",` +
		`"title":"t","attendees":2,"status":"confirmed","user_id":"u1","created_at":"2026-11-28T10:00:00+08:00"}}`
	room := `{"room":{"id":"music","name":"器乐室","name_en":"Music room","capacity":12,"equipment":[],` +
		`"rules":{"max_advance_days":14,"min_minutes":30,"max_minutes":240,"buffer_minutes":0,"quiet_hours":[],"requires_approval":false},` +
		`"feed_url":"http://x/calendar/rooms/music.ics","webcal_url":"webcal://x/calendar/rooms/music.ics"}}`
	dry := func(occ string) string {
		return `{"occurrences":` + occ + `,"conflicts":[],"total":0,"skippable":true}`
	}
	tests := []struct {
		name, method, path, body string
		status                   int
		header                   http.Header
		answer                   string
		wantReport               string // "" for none
	}{
		{"conforming list", "GET", "/api/v1/rooms", "", 200, nil, `{"rooms":[]}`, ""},
		{"conforming room", "GET", "/api/v1/rooms/music", "", 200, nil, room, ""},
		{"undocumented field", "GET", "/api/v1/rooms", "", 200, nil, `{"rooms":[],"extra":1}`, "extra"},
		{"missing required field", "GET", "/api/v1/rooms/music", "", 200, nil, `{"room":{"id":"music"}}`, "name"},
		{"undocumented status", "GET", "/api/v1/rooms/music", "", 418, nil, `{}`, "status 418 is not documented"},
		{"unknown error code", "GET", "/api/v1/rooms/music", "", 404, nil, `{"error":{"code":"nope","message":"x"}}`, "code"},
		{"error code of another status", "GET", "/api/v1/rooms/music", "", 404, nil, `{"error":{"code":"conflict","message":"x"}}`, "code"},
		{"error without message", "GET", "/api/v1/rooms/music", "", 404, nil, `{"error":{"code":"not_found"}}`, "message"},
		{"conforming error", "GET", "/api/v1/rooms/music", "", 404, nil, `{"error":{"code":"not_found","message":"没有 none","field":"room"}}`, ""},
		{"undescribed route served", "GET", "/api/v1/secret", "", 200, nil, `{}`, "not in the description"},
		{"undescribed route refused", "GET", "/api/v1/secret", "", 404, nil, `{"error":{"code":"not_found","message":"x"}}`, ""},
		{"refused request accepted", "POST", "/api/v1/bookings", `{"room":"music"}`, 201, nil, booking, "refuses this request"},
		{"refused request refused", "POST", "/api/v1/bookings", `{"room":"music"}`, 422, nil, `{"error":{"code":"invalid","message":"start: x","field":"start"}}`, ""},
		{"unrepresentable time", "POST", "/api/v1/bookings", `{"room":"music","start":"2026-12-01T09:00:00+08:00","end":"2026-12-01T10:00:00+08:00","attendees":2}`,
			201, nil, strings.Replace(booking, `"end":"2026-12-01`, `"end":"+10000-12-01`, 1), "end"},
		{"unbounded dry run", "POST", "/api/v1/series", seriesBody, 200, nil, dry("null"), ""},
		{"dry run count of the wrong type", "POST", "/api/v1/series", seriesBody, 200, nil, dry(`"many"`), "occurrences"},
		{"503 without Retry-After", "GET", "/api/v1/rooms", "", 503, nil, `{"error":{"code":"unavailable","message":"x"}}`, "Retry-After"},
		{"503 with Retry-After", "GET", "/api/v1/rooms", "", 503, http.Header{"Retry-After": {"1"}}, `{"error":{"code":"unavailable","message":"x"}}`, ""},
		{"HEAD with undocumented status", "HEAD", "/api/v1/rooms", "", 418, nil, ``, "status 418 is not documented"},
		{"feed without ETag", "GET", "/calendar/courses.ics", "", 200, http.Header{"Content-Type": {"text/calendar; charset=utf-8"},
			"Last-Modified": {"x"}, "Cache-Control": {"no-cache"}}, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "ETag"},
	}
	doc, router := loadSpec(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var reports []string
			h := &specHandler{doc: doc, router: router, logf: t.Logf,
				errorf: func(format string, args ...any) { reports = append(reports, fmt.Sprintf(format, args...)) },
				next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json; charset=utf-8")
					for k, v := range tc.header {
						w.Header()[k] = v
					}
					w.WriteHeader(tc.status)
					w.Write([]byte(tc.answer))
				})}
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer token")
			h.ServeHTTP(httptest.NewRecorder(), req)
			got := strings.Join(reports, "\n")
			switch {
			case tc.wantReport == "" && got != "":
				t.Fatalf("reported a conforming exchange: %s", got)
			case tc.wantReport != "" && !strings.Contains(got, tc.wantReport):
				t.Fatalf("report %q, want one naming %q", got, tc.wantReport)
			}
		})
	}
}

const seriesBody = `{"team":"choir","room":"music","title":"合唱","start":"2026-12-01T09:00:00+08:00",` +
	`"end":"2026-12-01T10:00:00+08:00","rrule":"FREQ=WEEKLY","dry_run":true}`
