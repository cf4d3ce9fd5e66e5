package web_test

import "testing"

// TestNULRefusedByItsField: a NUL character ("\u0000" in JSON) is refused
// naming its field, and changes nothing, on both stores: PostgreSQL's
// text cannot hold it (it was a 500 there), and no one types it.
func TestNULRefusedByItsField(t *testing.T) {
	e := newEnv(t)
	alice := e.resident("alice")
	body := bookingBody("library", at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0))
	body["title"] = "读书\x00会"
	before := e.dbFingerprint()
	r := e.must(422, "POST", "/api/v1/bookings", alice, body)
	if f := obj(r.Body["error"])["field"]; f != "title" {
		t.Fatalf("field %v: %s", f, r.Raw)
	}
	if e.dbFingerprint() != before {
		t.Fatal("a refused NUL changed the database")
	}
	body["title"] = "读书会"
	e.must(201, "POST", "/api/v1/bookings", alice, body)
}
