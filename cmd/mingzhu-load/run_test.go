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

func TestRunPagesAgainstFake(t *testing.T) {
	code, rep, _ := runAgainst(t, newFakeServer(), "pages", "-n", "300")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if p := rep.Page; p == nil || !p.IsPage || p.Status != 200 || p.GzipBytes == 0 || p.GzipBytes >= p.Bytes {
		t.Fatalf("page probe %+v", rep.Page)
	}
	if len(rep.Endpoints) != 1 || rep.Endpoints[0].Name != epPage {
		t.Fatalf("endpoints %+v", rep.Endpoints)
	}
	e := rep.Endpoints[0]
	if e.Requests == 0 || e.Answered != e.Requests || e.Gzip != e.Requests || e.CeilingRatio <= 0 || int(e.MeanBytes) != rep.Page.GzipBytes {
		t.Fatalf("answered %d, gzip %d, ratio %.2f, %.0f bytes per answer (page %d gzip)", e.Answered, e.Gzip, e.CeilingRatio, e.MeanBytes, rep.Page.GzipBytes)
	}
}

// Before the home page exists "/" is the API's JSON 404: the run must say
// so, not report it as the page's figure.
func TestRunPagesNotAPage(t *testing.T) {
	f := newFakeServer()
	f.noPage = true
	code, rep, stderr := runAgainst(t, f, "pages", "-n", "100")
	if code != 0 || rep.Page == nil || rep.Page.IsPage || rep.Page.Status != 404 {
		t.Fatalf("exit %d, page %+v", code, rep.Page)
	}
	if e := rep.Endpoints[0]; e.Requests == 0 || e.Unexpected != e.Requests || e.Statuses["404"] != e.Requests {
		t.Errorf("a 404 page counted as answered: %+v", e)
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), "NOT A PAGE: GET / answered 404") || !strings.Contains(stderr, "NOT A PAGE") {
		t.Errorf("notes %q", rep.Notes)
	}
	srv := httptest.NewServer(f)
	defer srv.Close()
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"-addr", srv.URL, "-mix", "pages", "-c", "2", "-n", "20", "-users", "1", "-baseline", "0"}, "admin-pass", &out, &errOut)
	if !strings.Contains(out.String(), "NOT AN HTML PAGE") {
		t.Errorf("the table does not say so:\n%s", out.String())
	}
}

func TestRunFeedGzWithFill(t *testing.T) {
	code, rep, stderr := runAgainst(t, newFakeServer(), "feed-gz", "-fill", "60", "-n", "200")
	if code != 0 {
		t.Fatalf("exit %d; verify %+v\n%s", code, rep.Verify, stderr)
	}
	fd := rep.Feed
	if fd == nil || fd.Room != "activity" || fd.Filled != 60 || fd.GzipBytes == 0 || fd.GzipBytes >= fd.Bytes/2 {
		t.Fatalf("feed probe %+v; notes %q", fd, rep.Notes)
	}
	e := rep.Endpoints[0]
	if e.Name != epFeedGz || e.Requests == 0 || e.Answered != e.Requests || e.Gzip != e.Requests || int(e.MeanBytes) != fd.GzipBytes {
		t.Fatalf("endpoint %+v", e)
	}
	if rep.Setup.BookingsSeeded != 2*readDays*seedPerDay+60 || rep.Verify.BookingsPresent != rep.Setup.BookingsSeeded || rep.WindowDays <= readDays {
		t.Fatalf("seeded %d, verified %d over %d days", rep.Setup.BookingsSeeded, rep.Verify.BookingsPresent, rep.WindowDays)
	}
	// The plain mix reads the same room, plain.
	code, rep, _ = runAgainst(t, newFakeServer(), "feed", "-fill", "60", "-n", "100")
	if code != 0 || rep.Endpoints[0].Name != epFeed || rep.Endpoints[0].Gzip != 0 || int(rep.Endpoints[0].MeanBytes) != rep.Feed.Bytes {
		t.Fatalf("exit %d, %+v, feed %+v", code, rep.Endpoints, rep.Feed)
	}
}

func TestFillOnlyForFeedMixes(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-mix", "mixed", "-fill", "10"}, "", &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "-fill") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

func TestRunBracketsCeiling(t *testing.T) {
	code, rep, _ := runAgainst(t, newFakeServer(), "occurrences", "-n", "200", "-bracket")
	if code != 0 || rep.Ceiling == nil || rep.CeilingAfter == nil || rep.CeilingAfter.RPS <= 0 {
		t.Fatalf("exit %d, ceilings %v %v", code, rep.Ceiling, rep.CeilingAfter)
	}
	mean := (rep.Ceiling.RPS + rep.CeilingAfter.RPS) / 2
	if e := rep.Endpoints[0]; e.CeilingRatio < 0.999*e.RPS/mean || e.CeilingRatio > 1.001*e.RPS/mean {
		t.Fatalf("ratio %.3f, want %.3f (against the mean)", e.CeilingRatio, e.RPS/mean)
	}
}
