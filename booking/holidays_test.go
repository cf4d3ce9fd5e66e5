package booking_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"mingzhu/booking"
)

// springFestival2026 is the published arrangement (the oracle, by hand).
var springFestival2026 = []booking.Holiday{
	{"2026-02-14", "春节", true},
	{"2026-02-15", "春节", false}, {"2026-02-16", "春节", false}, {"2026-02-17", "春节", false},
	{"2026-02-18", "春节", false}, {"2026-02-19", "春节", false}, {"2026-02-20", "春节", false},
	{"2026-02-21", "春节", false}, {"2026-02-22", "春节", false}, {"2026-02-23", "春节", false},
	{"2026-02-28", "春节", true},
}

func holidaysIn(t *testing.T, svc *booking.Service, year int, prefix string) []booking.Holiday {
	t.Helper()
	list, err := svc.Holidays(context.Background(), year)
	if err != nil {
		t.Fatal(err)
	}
	var out []booking.Holiday
	for _, h := range list {
		if strings.HasPrefix(h.Date, prefix) {
			out = append(out, h)
		}
	}
	return out
}

// TestHolidaysMerge: a year is the library's arrangement; staff's day
// replaces the library's entry for its date, an added day joins in date
// order, a removal hides the library's day and removing an added day
// leaves no trace; a year the library lacks holds only staff's days. Each
// change moves HolidaysStamp.
func TestHolidaysMerge(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	if got := holidaysIn(t, svc, 2026, "2026-02"); !slices.Equal(got, springFestival2026) {
		t.Fatalf("library 2026-02 = %v", got)
	}
	stamp := svc.HolidaysStamp(context.Background())
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if now := svc.HolidaysStamp(context.Background()); now == stamp {
			t.Fatalf("%s: stamp did not move", what)
		} else {
			stamp = now
		}
	}
	// Local exception: the centre keeps the 28th as a day off, not a working day.
	_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-02-28", Name: " 社区休息日 "})
	step("replace", err)
	_, err = svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-02-24", Name: "元宵准备", Work: false})
	step("add", err)
	step("remove library day", svc.RemoveHoliday(ctx, admin, "2026-02-14"))
	want := append(slices.Clone(springFestival2026[1:10]), booking.Holiday{"2026-02-24", "元宵准备", false},
		booking.Holiday{"2026-02-28", "社区休息日", false})
	if got := holidaysIn(t, svc, 2026, "2026-02"); !slices.Equal(got, want) {
		t.Fatalf("merged 2026-02 = %v\nwant %v", got, want)
	}
	step("remove added day", svc.RemoveHoliday(ctx, admin, "2026-02-24"))
	step("remove replaced library day", svc.RemoveHoliday(ctx, admin, "2026-02-28"))
	if got := holidaysIn(t, svc, 2026, "2026-02"); !slices.Equal(got, springFestival2026[1:10]) {
		t.Fatalf("after removals 2026-02 = %v", got)
	}
	// Bring a removed library day back by adding it again.
	_, err = svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-02-14", Name: "春节", Work: true})
	step("re-add", err)
	if got := holidaysIn(t, svc, 2026, "2026-02"); !slices.Equal(got, springFestival2026[:10]) {
		t.Fatalf("after re-add 2026-02 = %v", got)
	}
	// A year the library lacks: only what staff add.
	if got := holidaysIn(t, svc, 2040, ""); len(got) != 0 {
		t.Fatalf("2040 = %v", got)
	}
	_, err = svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2040-10-01", Name: "国庆节"})
	step("unannounced year", err)
	if got := holidaysIn(t, svc, 2040, ""); !slices.Equal(got, []booking.Holiday{{"2040-10-01", "国庆节", false}}) {
		t.Fatalf("2040 = %v", got)
	}
	if got := holidaysIn(t, svc, 2039, ""); len(got) != 0 {
		t.Fatalf("2039 = %v", got)
	}
}

// TestHolidayRefusals: only staff change holidays (403); each bad value
// is a 422 naming its field in both languages; a date without a holiday
// cannot be removed (404); none of them changes anything or the stamp.
func TestHolidayRefusals(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	leader := account(t, svc, admin, "lin", booking.RoleLeader).User
	resident := account(t, svc, admin, "wang", booking.RoleResident).User
	before := holidaysIn(t, svc, 2026, "")
	stamp := svc.HolidaysStamp(context.Background())
	long := strings.Repeat("节", booking.MaxHolidayName+1)
	tests := []struct {
		name, code, field string
		do                func() error
	}{
		{"resident adds", booking.EFORBIDDEN, "", func() error {
			_, err := svc.AddHoliday(ctx, resident, booking.Holiday{Date: "2026-03-02", Name: "x"})
			return err
		}},
		{"leader removes", booking.EFORBIDDEN, "", func() error { return svc.RemoveHoliday(ctx, leader, "2026-02-16") }},
		{"resident removes", booking.EFORBIDDEN, "", func() error { return svc.RemoveHoliday(ctx, resident, "2026-02-16") }},
		{"no date", booking.EINVALID, "date", func() error { _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Name: "x"}); return err }},
		{"short date", booking.EINVALID, "date", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-3-2", Name: "x"})
			return err
		}},
		{"no such day", booking.EINVALID, "date", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-02-30", Name: "x"})
			return err
		}},
		{"date with time", booking.EINVALID, "date", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-03-02T00:00:00Z", Name: "x"})
			return err
		}},
		{"year 1970", booking.EINVALID, "date", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "1970-10-01", Name: "x"})
			return err
		}},
		{"year 9998", booking.EINVALID, "date", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "9998-10-01", Name: "x"})
			return err
		}},
		{"empty name", booking.EINVALID, "name", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-03-02", Name: "  "})
			return err
		}},
		{"long name", booking.EINVALID, "name", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-03-02", Name: long})
			return err
		}},
		{"bad bytes", booking.EINVALID, "name", func() error {
			_, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: "2026-03-02", Name: "a\xffb"})
			return err
		}},
		{"remove bad date", booking.EINVALID, "date", func() error { return svc.RemoveHoliday(ctx, admin, "02/16/2026") }},
		{"remove ordinary day", booking.ENOTFOUND, "date", func() error { return svc.RemoveHoliday(ctx, admin, "2026-03-02") }},
		{"list year 1970", booking.EINVALID, "year", func() error { _, err := svc.Holidays(ctx, 1970); return err }},
		{"list year 9998", booking.EINVALID, "year", func() error { _, err := svc.Holidays(ctx, 9998); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			var e *booking.Error
			if booking.ErrorCode(err) != tc.code || !errorsAs(err, &e) || e.Field != tc.field {
				t.Fatalf("err = %v, want %s on %q", err, tc.code, tc.field)
			}
			if tc.code == booking.EINVALID && !bilingual(e.Message) {
				t.Fatalf("message %q is not Chinese and English", e.Message)
			}
		})
	}
	if got := holidaysIn(t, svc, 2026, ""); !slices.Equal(got, before) || svc.HolidaysStamp(context.Background()) != stamp {
		t.Fatalf("a refusal changed the holidays: %v", got)
	}
	for _, year := range []int{1971, 9997} {
		if _, err := svc.Holidays(ctx, year); err != nil {
			t.Fatalf("year %d: %v", year, err)
		}
	}
	for _, d := range []string{"1971-01-01", "9997-12-31"} {
		if _, err := svc.AddHoliday(ctx, admin, booking.Holiday{Date: d, Name: "边界"}); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
	}
}

// bilingual: Chinese first, English beside it.
func bilingual(msg string) bool {
	hasHan, hasLatin := false, false
	for _, r := range msg {
		switch {
		case r >= 0x4e00 && r <= 0x9fff:
			hasHan = true
		case r >= 'a' && r <= 'z':
			hasLatin = hasLatin || hasHan
		}
	}
	return hasHan && hasLatin
}
