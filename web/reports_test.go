package web_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// getCSV asks path with Accept: text/csv and returns the answer raw.
func (e *env) getCSV(path, token string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest("GET", e.srv.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Accept", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

// TestUtilizationAPI: the report's JSON shape per group, its CSV form,
// and who may ask. The week of Monday 30 November 2026 (168 hours): a
// confirmed two-hour booking in the library counts, a cancelled one not.
func TestUtilizationAPI(t *testing.T) {
	e := newEnv(t)
	e.must(201, "POST", "/api/v1/bookings", e.admin, map[string]any{"room": "library",
		"start": at(2026, 12, 1, 10, 0), "end": at(2026, 12, 1, 12, 0), "title": "读书会", "attendees": 5})
	gone := e.must(201, "POST", "/api/v1/bookings", e.admin, map[string]any{"room": "library",
		"start": at(2026, 12, 2, 10, 0), "end": at(2026, 12, 2, 12, 0), "attendees": 5})
	e.must(204, "DELETE", "/api/v1/bookings/"+obj(gone.Body["booking"])["id"].(string), e.admin, nil)
	const week = "/api/v1/reports/utilization?from=2026-11-30&to=2026-12-07"

	r := obj(e.must(200, "GET", week, e.admin, nil).Body["report"])
	if r["group"] != "room" || r["from"] != "2026-11-30T00:00:00+08:00" || r["to"] != "2026-12-07T00:00:00+08:00" {
		t.Fatalf("report %v", r)
	}
	rows := arr(r["rows"])
	if len(rows) != 5 {
		t.Fatalf("%d rows, want the 5 rooms", len(rows))
	}
	for _, v := range rows {
		row := obj(v)
		want := map[string]float64{"booked_hours": 0, "open_hours": 168, "share": 0}
		switch row["room"] {
		case "library":
			want = map[string]float64{"booked_hours": 2, "open_hours": 168, "share": 0.0119}
		case "music": // quiet 22:00-07:00: 7 × 9 hours
			want["open_hours"] = 105
		}
		for k, w := range want {
			if row[k] != w {
				t.Errorf("%s %s = %v, want %v", row["room"], k, row[k], w)
			}
		}
	}

	teams := arr(obj(e.must(200, "GET", week+"&group=team", e.admin, nil).Body["report"])["rows"])
	last := obj(teams[len(teams)-1])
	if v, ok := last["team"]; !ok || v != nil || last["name"] != "单次预约" || last["booked_hours"] != 2.0 {
		t.Errorf("team rows end with %v, want the one-off bookings (team null, 2 hours)", last)
	}
	cells := arr(obj(e.must(200, "GET", week+"&group=hour", e.admin, nil).Body["report"])["rows"])
	if len(cells) != 5*168 {
		t.Fatalf("%d cells", len(cells))
	}
	for _, v := range cells {
		c := obj(v)
		booked := 0.0
		if c["room"] == "library" && c["weekday"] == 2.0 && (c["hour"] == 10.0 || c["hour"] == 11.0) {
			booked = 1
		}
		if c["booked_hours"] != booked {
			t.Errorf("cell %v: booked %v, want %v", c, c["booked_hours"], booked)
		}
	}

	res, body := e.getCSV(week, e.admin)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		res.Header.Get("Content-Disposition") != `attachment; filename="utilization-room-2026-11-30-2026-12-07.csv"` {
		t.Fatalf("csv: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	if !strings.HasPrefix(body, "\ufeff") {
		t.Errorf("no byte order mark: %.20q", body)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "room,name,name_en,booked_hours,checked_in_hours,no_show_hours,open_hours,share" || len(recs) != 6 {
		t.Fatalf("csv header %q, %d records", got, len(recs))
	}
	if got := strings.Join(recs[2], ","); got != "library,图书室,Library,2,0,0,168,0.0119" {
		t.Errorf("library row %q", got)
	}
	if _, body := e.getCSV(week+"&group=hour", e.admin); strings.Count(body, "\n") != 1+5*168 {
		t.Errorf("hour csv: %d lines", strings.Count(body, "\n"))
	}
	if _, body := e.getCSV(week+"&group=team", e.admin); !strings.HasSuffix(body, ",单次预约,One-off bookings,0,2,0,0,777,0.0026\n") {
		t.Errorf("team csv ends %q", body[max(0, len(body)-80):])
	}
}

// TestUtilizationAPIRefuses: staff only; bad or missing values are 422
// naming the field; a span over 366 days is refused, and RFC 3339 times
// are taken as well as dates.
func TestUtilizationAPIRefuses(t *testing.T) {
	e := newEnv(t)
	const path = "/api/v1/reports/utilization?from=2026-11-30&to=2026-12-07"
	if r := e.do("GET", path, "", nil); r.Status != 401 {
		t.Errorf("anonymous: %d", r.Status)
	}
	if r := e.do("GET", path, e.resident("report-li"), nil); r.Status != 403 || r.errCode() != "forbidden" {
		t.Errorf("resident: %d %s", r.Status, r.Raw)
	}
	for _, tc := range []struct{ query, field string }{
		{"from=2026-11-30&to=2026-12-07&group=day", "group"},
		{"to=2026-12-07", "from"},
		{"from=2026-11-30", "to"},
		{"from=2026-02-30&to=2026-03-07", "from"},
		{"from=yesterday&to=2026-12-07", "from"},
		{"from=2026-12-07&to=2026-11-30", "to"},
		{"from=2026-01-01&to=2027-01-03", "to"},
	} {
		r := e.do("GET", "/api/v1/reports/utilization?"+tc.query, e.admin, nil)
		if r.Status != 422 || obj(r.Body["error"])["field"] != tc.field {
			t.Errorf("%s: %d %s, want 422 naming %s", tc.query, r.Status, r.Raw, tc.field)
		}
	}
	from := time.Date(2026, 11, 30, 12, 0, 0, 0, shanghai).Format(time.RFC3339)
	r := e.must(200, "GET", "/api/v1/reports/utilization?group=room&from="+from+"&to=2026-12-01", e.admin, nil)
	if got := obj(r.Body["report"])["from"]; got != "2026-11-30T12:00:00+08:00" {
		t.Errorf("from %v", got)
	}
}
