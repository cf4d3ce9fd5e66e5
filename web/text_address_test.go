package web_test

import (
	"net/http"
	"testing"
)

// TestAddressesWithBadTextAnswerClearly: a NUL or bytes that are not
// UTF-8 in a path or a query answer 404 or 422 naming the parameter,
// never 500, on both stores (PostgreSQL cannot even compare such text).
func TestAddressesWithBadTextAnswerClearly(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		path  string
		want  int
		field string
	}{
		{"/api/v1/rooms/%ff", http.StatusNotFound, ""},
		{"/api/v1/rooms/a%00b", http.StatusNotFound, ""},
		{"/api/v1/bookings/%00", http.StatusNotFound, ""},
		{"/calendar/rooms/%ff.ics", http.StatusNotFound, ""},
		{"/rooms/%ff", http.StatusNotFound, ""},
		{"/api/v1/series?team=%ff", http.StatusUnprocessableEntity, "team"},
		{"/api/v1/audit?entity_id=a%00b", http.StatusUnprocessableEntity, "entity_id"},
	} {
		r := e.do("GET", tc.path, e.admin, nil)
		if r.Status != tc.want {
			t.Errorf("GET %s: %d, want %d: %s", tc.path, r.Status, tc.want, r.Raw)
			continue
		}
		if tc.field != "" && obj(r.Body["error"])["field"] != tc.field {
			t.Errorf("GET %s: field %v, want %s", tc.path, obj(r.Body["error"])["field"], tc.field)
		}
	}
	// A login with a NUL in the username is a failed login, as for any
	// unknown name.
	r := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "ad\x00min", "password": "x-password-1"})
	if r.Status != http.StatusUnauthorized && r.Status != http.StatusUnprocessableEntity {
		t.Errorf("login with NUL: %d %s", r.Status, r.Raw)
	}
}
