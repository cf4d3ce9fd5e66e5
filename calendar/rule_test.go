package calendar

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/tests/tzprobe"
)

// TestNewRuleValidation: every refusal names its field; valid specs pass.
func TestNewRuleValidation(t *testing.T) {
	sh := testLoc(t, "Asia/Shanghai")
	berlin := testLoc(t, "Europe/Berlin")
	// Berlin's autumn change of 2025, probed (tests/tzprobe) rather than
	// written as a date: the machine's zone files decide it (26 October).
	fall := tzprobe.BackwardIn(t, berlin, 2025)
	mon := time.Date(2025, 9, 1, 7, 0, 0, 0, sh) // a Monday
	tue := mon.AddDate(0, 0, 1)
	spec := func(start time.Time, rule string) RuleSpec {
		return RuleSpec{Start: start, End: start.Add(90 * time.Minute), RRule: rule, Loc: sh}
	}
	tests := []struct {
		name  string
		spec  RuleSpec
		field string // "" = valid
		msg   string // part of the message
	}{
		{"weekly ok", spec(tue, "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630"), "", ""},
		{"unparsable", spec(tue, "FREQ=WEEKLY;BYDAY=XX"), "rrule", "cannot parse RRULE"},
		{"garbage", spec(tue, "every tuesday"), "rrule", "cannot parse RRULE"},
		{"empty", spec(tue, ""), "rrule", "cannot parse RRULE"},
		{"no freq", spec(tue, "BYDAY=TU"), "rrule", "cannot parse RRULE"},
		{"part twice", spec(tue, "FREQ=WEEKLY;BYDAY=TU;BYDAY=TH"), "rrule", "given twice"},
		{"hourly", spec(tue, "FREQ=HOURLY"), "rrule", "FREQ must be"},
		{"minutely", spec(tue, "FREQ=MINUTELY"), "rrule", "FREQ must be"},
		{"secondly", spec(tue, "FREQ=SECONDLY"), "rrule", "FREQ must be"},
		{"byhour", spec(tue, "FREQ=DAILY;BYHOUR=7"), "rrule", "BYHOUR is not supported"},
		{"byminute", spec(tue, "FREQ=DAILY;BYMINUTE=0"), "rrule", "BYMINUTE is not supported"},
		{"bysecond", spec(tue, "FREQ=DAILY;BYSECOND=0"), "rrule", "BYSECOND is not supported"},
		{"byeaster", spec(tue, "FREQ=YEARLY;BYEASTER=0"), "rrule", "BYEASTER is not supported"},
		{"count too big", spec(tue, "FREQ=DAILY;COUNT=5001"), "rrule", "COUNT must be"},
		{"count max ok", spec(tue, "FREQ=DAILY;COUNT=5000"), "", ""},
		{"count zero", spec(tue, "FREQ=DAILY;COUNT=0"), "rrule", "COUNT must be"},
		{"count and until", spec(tue, "FREQ=DAILY;COUNT=3;UNTIL=20260101"), "rrule", "COUNT and UNTIL"},
		{"until before start", spec(tue, "FREQ=DAILY;UNTIL=20250801T000000Z"), "rrule", "UNTIL is before start"},
		{"until date before start", spec(tue, "FREQ=DAILY;UNTIL=20250901"), "rrule", "UNTIL is before start"},
		{"until bad", spec(tue, "FREQ=DAILY;UNTIL=2026"), "rrule", "cannot parse UNTIL"},
		{"until same day ok", spec(tue, "FREQ=DAILY;UNTIL=20250902"), "", ""},
		{"interval too big", spec(tue, "FREQ=WEEKLY;INTERVAL=1001"), "rrule", "INTERVAL"},
		{"interval max ok", spec(tue, "FREQ=WEEKLY;INTERVAL=1000"), "", ""},
		{"interval zero", spec(tue, "FREQ=WEEKLY;INTERVAL=0"), "rrule", "INTERVAL"},
		{"ordinal weekly", spec(tue, "FREQ=WEEKLY;BYDAY=-1TU"), "rrule", "ordinal"},
		{"ordinal beyond a month", spec(tue, "FREQ=MONTHLY;BYDAY=10FR;BYSETPOS=1"), "rrule", "out of range within a month"},
		{"ordinal beyond bymonth", spec(tue, "FREQ=YEARLY;BYMONTH=2;BYDAY=-9MO"), "rrule", "out of range within a month"},
		{"byweekno", spec(tue, "FREQ=YEARLY;BYWEEKNO=3"), "rrule", "week 52 but count as week 53 (e.g. 2022-01-01)"},
		{"byweekno 52", spec(tue, "FREQ=YEARLY;BYWEEKNO=52;BYDAY=SA"), "rrule", "BYWEEKNO=-52 misses 2024-12-30"},
		{"byweekno negative", spec(tue, "FREQ=YEARLY;BYWEEKNO=-52"), "rrule", "ical.js (Thunderbird)"},
		{"mixed byday", spec(tue, "FREQ=MONTHLY;BYDAY=TU,-1TU"), "rrule", "must not mix"},
		{"byyearday daily", spec(tue, "FREQ=DAILY;BYYEARDAY=1"), "rrule", "BYYEARDAY is only allowed"},
		{"bymonthday weekly", spec(tue, "FREQ=WEEKLY;BYMONTHDAY=2"), "rrule", "BYMONTHDAY is not allowed"},
		{"bymonthday out of range", spec(tue, "FREQ=MONTHLY;BYMONTHDAY=32"), "rrule", "cannot parse RRULE"},
		{"end before start", RuleSpec{Start: tue, End: tue.Add(-time.Minute), RRule: "FREQ=DAILY", Loc: sh}, "end", "end must be after start"},
		{"end equals start", RuleSpec{Start: tue, End: tue, RRule: "FREQ=DAILY", Loc: sh}, "end", "end must be after start"},
		{"no end", RuleSpec{Start: tue, RRule: "FREQ=DAILY", Loc: sh}, "end", "end must be after start"},
		{"over 24h", RuleSpec{Start: tue, End: tue.Add(24*time.Hour + time.Second), RRule: "FREQ=WEEKLY", Loc: sh}, "end", "24 hours"},
		{"exactly 24h ok", RuleSpec{Start: tue, End: tue.Add(24 * time.Hour), RRule: "FREQ=WEEKLY", Loc: sh}, "", ""},
		{"start off pattern", spec(mon, "FREQ=WEEKLY;BYDAY=TU"), "start", "not an occurrence"},
		{"start off monthly", spec(tue, "FREQ=MONTHLY;BYDAY=1MO"), "start", "not an occurrence"},
		{"no start", RuleSpec{End: tue, RRule: "FREQ=DAILY", Loc: sh}, "start", "missing start"},
		{"no loc", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=DAILY"}, "start", "time zone"},
		{"repeated hour second reading", RuleSpec{
			Start: fall.At.Add(30 * time.Minute), // 02:30 CET, after 02:30 CEST
			End:   fall.At.Add(time.Hour), RRule: "FREQ=YEARLY", Loc: berlin}, "start", "repeated"},
		{"exdate ok", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=4", Loc: sh,
			ExDates: []time.Time{tue.AddDate(0, 0, 7)}}, "", ""},
		{"exdate off pattern", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=4", Loc: sh,
			ExDates: []time.Time{tue.AddDate(0, 0, 8)}}, "exdates", "not an occurrence"},
		{"exdate wrong time", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=4", Loc: sh,
			ExDates: []time.Time{tue.AddDate(0, 0, 7).Add(time.Minute)}}, "exdates", "not an occurrence"},
		{"exdate after count", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=4", Loc: sh,
			ExDates: []time.Time{tue.AddDate(0, 0, 28)}}, "exdates", "not an occurrence"},
		{"all excluded", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=2", Loc: sh,
			ExDates: []time.Time{tue, tue.AddDate(0, 0, 7)}}, "rrule", "no occurrence"},
		{"window empty", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=2", Loc: sh,
			From: tue.AddDate(0, 0, 8)}, "rrule", "no occurrence"},
		{"window until before start", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY", Loc: sh,
			Until: tue}, "rrule", "no occurrence"},
		{"window ok", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=WEEKLY", Loc: sh,
			From: tue.AddDate(1, 0, 0)}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRule(tc.spec)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				if !r.IsOccurrence(r.First().Start) {
					t.Fatalf("First %v is no occurrence", r.First())
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("want *FieldError on %q, got %v", tc.field, err)
			}
			if fe.Field != tc.field || !strings.Contains(fe.Message, tc.msg) {
				t.Fatalf("got %v, want field %q with %q", fe, tc.field, tc.msg)
			}
			if !strings.HasPrefix(fe.Error(), tc.field+": ") {
				t.Fatalf("Error() = %q", fe.Error())
			}
			if zh, _, _ := strings.Cut(fe.Message, tc.msg); !strings.ContainsFunc(zh, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
				t.Fatalf("message must give Chinese before English: %q", fe.Message)
			}
		})
	}
}

// TestRuleAccessors: Count, First, Last, IsOccurrence and Between agree.
func TestRuleAccessors(t *testing.T) {
	sh := testLoc(t, "Asia/Shanghai")
	tue := time.Date(2025, 9, 2, 7, 0, 0, 0, sh)
	tests := []struct {
		name      string
		spec      RuleSpec
		count     int
		bounded   bool
		first     time.Time
		last      time.Time
		notOccurs []time.Time
	}{
		{"tu-th school year", RuleSpec{Start: tue, End: tue.Add(90 * time.Minute), RRule: "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20251010", Loc: sh},
			12, true, tue, time.Date(2025, 10, 9, 7, 0, 0, 0, sh), []time.Time{tue.AddDate(0, 0, 1)}},
		{"count with exdate", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=DAILY;COUNT=5", Loc: sh,
			ExDates: []time.Time{tue}}, 4, true, tue.AddDate(0, 0, 1), tue.AddDate(0, 0, 4), []time.Time{tue}},
		{"window", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=DAILY", Loc: sh,
			From: tue.AddDate(0, 0, 3).Add(-time.Second), Until: tue.AddDate(0, 0, 10)}, 7, true,
			tue.AddDate(0, 0, 3), tue.AddDate(0, 0, 9), []time.Time{tue.AddDate(0, 0, 10)}},
		{"unbounded", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=MONTHLY;BYDAY=1TU", Loc: sh},
			0, false, tue, time.Time{}, []time.Time{tue.AddDate(0, 0, 7)}},
		{"until utc inclusive", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=DAILY;UNTIL=20250905T230000Z", Loc: sh},
			5, true, tue, tue.AddDate(0, 0, 4), nil}, // UNTIL is 09-06 07:00 +08, inclusive
		{"until floating", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=DAILY;UNTIL=20250905T065959", Loc: sh},
			3, true, tue, tue.AddDate(0, 0, 2), nil},
		{"big until, periodic count", RuleSpec{Start: tue, End: tue.Add(time.Hour), RRule: "FREQ=DAILY;UNTIL=20451231", Loc: sh,
			ExDates: []time.Time{tue.AddDate(0, 0, 1)}}, 7426 - 1, true, tue, time.Date(2045, 12, 31, 7, 0, 0, 0, sh), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRule(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			n, bounded := r.Count()
			if n != tc.count || bounded != tc.bounded {
				t.Errorf("Count = %d,%v want %d,%v", n, bounded, tc.count, tc.bounded)
			}
			if !r.First().Start.Equal(tc.first) {
				t.Errorf("First = %v want %v", r.First().Start, tc.first)
			}
			last, ok := r.Last()
			if ok != tc.bounded || (ok && !last.Start.Equal(tc.last)) {
				t.Errorf("Last = %v,%v want %v", last.Start, ok, tc.last)
			}
			for _, x := range tc.notOccurs {
				if r.IsOccurrence(x) {
					t.Errorf("IsOccurrence(%v) = true", x)
				}
			}
			if bounded {
				all, err := r.Between(r.First().Start, last.End)
				if err != nil || len(all) != n {
					t.Errorf("Between whole range: %d occurrences, %v; want %d", len(all), err, n)
				}
			}
		})
	}
}

// TestRuleConcurrent runs expansions of one shared Rule from many goroutines
// (go test -race finds shared rrule-go state).
func TestRuleConcurrent(t *testing.T) {
	sh := testLoc(t, "Asia/Shanghai")
	start := time.Date(2024, 1, 31, 7, 0, 0, 0, sh)
	r, err := NewRule(RuleSpec{Start: start, End: start.Add(time.Hour), RRule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", Loc: sh})
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewRule(RuleSpec{Start: start.AddDate(0, 0, 1), End: start.AddDate(0, 0, 1).Add(time.Hour), RRule: "FREQ=WEEKLY", Loc: sh})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := time.Date(2024+i, 2, 1, 0, 0, 0, 0, sh)
			occ, err := r.Between(from, from.AddDate(1, 0, 0))
			if err != nil || len(occ) != 12 {
				t.Errorf("Between: %d, %v", len(occ), err)
			}
			if _, err := Clashes(r, other, 3); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
