package calendar

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	rrule "github.com/teambition/rrule-go"

	// Zones on a machine without zone files. It does not make the tests
	// independent of the machine's files: time.LoadLocation reads
	// $ZONEINFO and /usr/share/zoneinfo first and falls back to this copy
	// only when they lack a zone. So tests never write down the date of a
	// DST change; they probe the loaded zone for it (tests/tzprobe).
	_ "time/tzdata"
)

// A brute-force oracle for tests: expand a spec naively with rrule-go from
// its own Start (floating wall clock, so no DST inside rrule-go), read each
// wall clock with an independent RFC 5545 §3.3.5 conversion, apply UNTIL,
// COUNT, window and exdates by hand. It shares no code with the package
// beyond rrule-go itself, and it is slow: it walks every occurrence.

var testLocs sync.Map

// testLoc loads a zone once, as the server does.
func testLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	if v, ok := testLocs.Load(name); ok {
		return v.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := testLocs.LoadOrStore(name, loc)
	return v.(*time.Location)
}

// testOracleInstant reads wall clock w (Unix seconds of the wall clock as if UTC)
// in loc: the earliest instant showing w, or, in a gap, w read with the
// offset in force a day earlier.
func testOracleInstant(loc *time.Location, w int64) int64 {
	found, best := false, int64(0)
	for _, probe := range []int64{w - 2*86400, w - 86400, w, w + 86400, w + 2*86400} {
		_, off := time.Unix(probe, 0).In(loc).Zone()
		u := w - int64(off)
		if _, o2 := time.Unix(u, 0).In(loc).Zone(); o2 == off && (!found || u < best) {
			found, best = true, u
		}
	}
	if found {
		return best
	}
	_, ob := time.Unix(w-86400, 0).In(loc).Zone()
	return w - int64(ob)
}

// testBruteOccurrences expands spec up to (excluding) starts at horizon.
func testBruteOccurrences(t testing.TB, spec RuleSpec, horizon time.Time) []Occurrence {
	t.Helper()
	loc := spec.Loc
	start := spec.Start.Truncate(time.Second).In(loc)
	dur := spec.End.Truncate(time.Second).Unix() - start.Unix()
	value := strings.ToUpper(spec.RRule)
	untilRaw := ""
	var parts []string
	for _, p := range strings.Split(value, ";") {
		if v, ok := strings.CutPrefix(p, "UNTIL="); ok {
			untilRaw = v
			continue
		}
		parts = append(parts, p)
	}
	opt, err := rrule.StrToROption(strings.Join(parts, ";"))
	if err != nil {
		t.Fatal(err)
	}
	count := opt.Count
	opt.Count = 0
	wall := time.Date(start.Year(), start.Month(), start.Day(), start.Hour(), start.Minute(), start.Second(), 0, time.UTC)
	opt.Dtstart = wall
	opt.Until = time.Date(horizon.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if opt.Freq == rrule.WEEKLY && len(opt.Bysetpos) > 0 {
		// BYSETPOS works on whole weeks (RFC 5545); rrule-go would cut the
		// first week at DTSTART, so start at the week's first day.
		if len(opt.Byweekday) == 0 {
			opt.Byweekday = []rrule.Weekday{[]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}[wall.Weekday()]}
		}
		back := (int(wall.Weekday()) + 6 - opt.Wkst.Day()) % 7
		opt.Dtstart = wall.AddDate(0, 0, -back)
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		t.Fatal(err)
	}
	ex := map[int64]bool{}
	for _, e := range spec.ExDates {
		ex[e.Truncate(time.Second).Unix()] = true
	}
	var out []Occurrence
	n := 0
	next := r.Iterator()
	for w, ok := next(); ok; w, ok = next() {
		if w.Before(wall) {
			continue
		}
		if n++; count > 0 && n > count {
			break
		}
		u := testOracleInstant(loc, w.Unix())
		if u >= horizon.Unix() {
			break
		}
		if untilRaw != "" && !testBeforeUntil(t, loc, untilRaw, w, u) {
			break
		}
		if ex[u] || (!spec.From.IsZero() && u < spec.From.Unix()) || (!spec.Until.IsZero() && u >= spec.Until.Unix()) {
			continue
		}
		out = append(out, Occurrence{time.Unix(u, 0).In(loc), time.Unix(u+dur, 0).In(loc)})
	}
	return out
}

// testBeforeUntil applies UNTIL to the occurrence with wall clock w,
// instant u. An UNTIL it cannot read fails the test: read as year 1 it
// would silently cut the oracle's expansion.
func testBeforeUntil(t testing.TB, loc *time.Location, raw string, w time.Time, u int64) bool {
	t.Helper()
	layout := map[int]string{8: "20060102", 15: "20060102T150405"}[len(raw)]
	if layout == "" {
		layout = "20060102T150405Z"
	}
	d, err := time.Parse(layout, raw)
	if err != nil {
		t.Fatalf("oracle: UNTIL %q: %v", raw, err)
	}
	switch len(raw) {
	case 8:
		return !w.After(d.Add(24*time.Hour - time.Second))
	case 15:
		return u <= testOracleInstant(loc, d.Unix())
	default:
		return u <= d.Unix()
	}
}

// testBrutePairs returns all overlapping pairs, sorted by A.Start then B.Start.
func testBrutePairs(as, bs []Occurrence) []ClashPair {
	var out []ClashPair
	j := 0
	for _, a := range as {
		for j < len(bs) && !bs[j].Start.After(a.Start.Add(-25*time.Hour)) {
			j++
		}
		for k := j; k < len(bs) && bs[k].Start.Before(a.End); k++ {
			if bs[k].End.After(a.Start) {
				out = append(out, ClashPair{a, bs[k]})
			}
		}
	}
	slices.SortStableFunc(out, func(p, q ClashPair) int {
		if c := p.A.Start.Compare(q.A.Start); c != 0 {
			return c
		}
		return p.B.Start.Compare(q.B.Start)
	})
	return out
}

func testSameOcc(a, b Occurrence) bool { return a.Start.Equal(b.Start) && a.End.Equal(b.End) }
