package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// runAgainst runs the whole tool against a fake server and decodes its JSON.
func runAgainst(t *testing.T, f *fakeServer, mix string, extra ...string) (int, Report, string) {
	t.Helper()
	srv := httptest.NewServer(f)
	defer srv.Close()
	args := append([]string{"-addr", srv.URL, "-mix", mix, "-c", "8", "-d", "1500ms", "-users", "4", "-baseline", "300ms", "-roll", "200ms", "-json"}, extra...)
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, "admin-pass", &out, &errOut)
	var rep Report
	if code != 2 {
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("output is not one JSON document: %v\n%s", err, out.String())
		}
	}
	return code, rep, errOut.String()
}

func TestRunMixedAgainstFake(t *testing.T) {
	code, rep, stderr := runAgainst(t, newFakeServer(), "mixed")
	if code != 0 {
		t.Fatalf("exit %d; verify %+v\n%s", code, rep.Verify, stderr)
	}
	names := map[string]EndpointReport{}
	for _, e := range rep.Endpoints {
		names[e.Name] = e
		if e.Errors+e.Unexpected > 0 {
			t.Errorf("%s: %d errors, %d unexpected: %v", e.Name, e.Errors, e.Unexpected, e.Samples)
		}
	}
	for _, n := range []string{epBook, epOccurrences, epFeed, epFeed304, epSeries} {
		if names[n].Requests == 0 {
			t.Errorf("no requests to %s", n)
		}
	}
	if names[epBook].Statuses["409"] == 0 || rep.Bookings.Created == 0 {
		t.Errorf("book race should see both 201 and 409: %v", names[epBook].Statuses)
	}
	if rep.Ceiling == nil || rep.Ceiling.RPS <= 0 || names[epBook].CeilingRatio <= 0 {
		t.Errorf("missing ceiling or ratio")
	}
	v := rep.Verify
	if v.BookingsChecked != rep.Bookings.Created+rep.Setup.BookingsSeeded || v.BookingsPresent != v.BookingsChecked {
		t.Errorf("verify checked %d, present %d; created %d + seeded %d", v.BookingsChecked, v.BookingsPresent, rep.Bookings.Created, rep.Setup.BookingsSeeded)
	}
	if rep.Setup.UsersRegistered != 4 || rep.Setup.TeamsCreated != 1 || rep.Setup.LeadersCreated != 1 {
		t.Errorf("setup counts %+v", rep.Setup)
	}
	if !strings.Contains(stderr, "req ") {
		t.Errorf("no progress line on stderr:\n%s", stderr)
	}
}

func TestRunCatchesOverlaps(t *testing.T) {
	f := newFakeServer()
	f.racy = true
	code, rep, _ := runAgainst(t, f, "book")
	if code != 1 || rep.Verify.OK || len(rep.Verify.Overlaps) == 0 {
		t.Fatalf("a server without conflict checks must fail verification: exit %d, %d overlaps", code, len(rep.Verify.Overlaps))
	}
}

func TestRunReadWithoutFeeds(t *testing.T) {
	f := newFakeServer()
	f.noFeeds = true
	code, rep, _ := runAgainst(t, f, "read", "-n", "200")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if len(rep.Endpoints) != 1 || rep.Endpoints[0].Name != epOccurrences {
		t.Fatalf("want only the occurrences endpoint, got %+v", rep.Endpoints)
	}
	if rep.Total.Requests != 200 {
		t.Errorf("-n 200 sent %d requests", rep.Total.Requests)
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), "404") {
		t.Errorf("no note about skipped feeds: %q", rep.Notes)
	}
}

func TestRunRefusesRemoteAddr(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-addr", "http://93.184.215.14:80"}, "", &out, &errOut); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), "loopback") {
		t.Fatalf("stderr %q", errOut.String())
	}
}

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode) // as main does: the ceiling server must stay quiet
	os.Exit(m.Run())
}
