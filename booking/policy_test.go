package booking_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestRoomRulesDefaults: every seeded room has the default rules; the
// music room keeps quiet at night and the lecture room needs approval.
func TestRoomRulesDefaults(t *testing.T) {
	svc, _, _ := clockService(t)
	rooms, err := svc.Rooms(context.Background())
	if err != nil || len(rooms) != 5 {
		t.Fatalf("rooms = %v, %v", rooms, err)
	}
	for _, r := range rooms {
		got := r.Rules
		if got.MaxAdvanceDays != 14 || got.MinMinutes != 30 || got.MaxMinutes != 240 || got.BufferMinutes != 0 {
			t.Errorf("%s: rules = %+v", r.ID, got)
		}
		quiet := len(got.QuietHours) == 1 && got.QuietHours[0] == booking.QuietWindow{Start: "22:00", End: "07:00"}
		if quiet != (r.ID == "music") || got.QuietHours == nil || got.RequiresApproval != (r.ID == "lecture") {
			t.Errorf("%s: quiet hours %v, approval %v", r.ID, got.QuietHours, got.RequiresApproval)
		}
	}
}

// TestPatchRoomRules: staff's PATCH merges the keys given into the rules
// and leaves the others; bad values are refused naming rules.<key> and
// change nothing; only staff may change rules.
func TestPatchRoomRules(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	res := account(t, svc, admin, "wang", booking.RoleResident)
	patch := func(u *booking.User, p booking.RulesPatch) (booking.Room, error) {
		return svc.PatchRoom(ctx, u, "music", booking.RoomPatch{Rules: &p})
	}
	room, err := patch(admin, booking.RulesPatch{MaxMinutes: ptr(120), BufferMinutes: ptr(15)})
	if err != nil {
		t.Fatal(err)
	}
	want := booking.Rules{MaxAdvanceDays: 14, MinMinutes: 30, MaxMinutes: 120, BufferMinutes: 15,
		QuietHours: []booking.QuietWindow{{Start: "22:00", End: "07:00"}}}
	stored, _ := svc.Room(ctx, "music")
	if !equalRules(room.Rules, want) || !equalRules(stored.Rules, want) {
		t.Fatalf("after merge: %+v, stored %+v", room.Rules, stored.Rules)
	}
	if room, err = patch(admin, booking.RulesPatch{QuietHours: &[]booking.QuietWindow{}, RequiresApproval: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	want.QuietHours, want.RequiresApproval = []booking.QuietWindow{}, true
	if !equalRules(room.Rules, want) {
		t.Fatalf("second merge: %+v", room.Rules)
	}
	for _, tc := range []struct {
		p     booking.RulesPatch
		field string
	}{
		{booking.RulesPatch{BufferMinutes: ptr(-5)}, "rules.buffer_minutes"},
		{booking.RulesPatch{MaxAdvanceDays: ptr(0)}, "rules.max_advance_days"},
		{booking.RulesPatch{MinMinutes: ptr(-1)}, "rules.min_minutes"},
		{booking.RulesPatch{MaxMinutes: ptr(20)}, "rules.max_minutes"}, // below min_minutes 30
		{booking.RulesPatch{MinMinutes: ptr(121)}, "rules.min_minutes"},
		{booking.RulesPatch{QuietHours: &[]booking.QuietWindow{{Start: "22", End: "07:00"}}}, "rules.quiet_hours"},
		{booking.RulesPatch{QuietHours: &[]booking.QuietWindow{{Start: "25:00", End: "07:00"}}}, "rules.quiet_hours"},
		{booking.RulesPatch{QuietHours: &[]booking.QuietWindow{{Start: "07:00", End: "07:00"}}}, "rules.quiet_hours"},
	} {
		var e *booking.Error
		if _, err := patch(admin, tc.p); !errors.As(err, &e) || e.Code != booking.EINVALID || e.Field != tc.field {
			t.Errorf("%+v: err = %v, want invalid %s", tc.p, err, tc.field)
		}
	}
	if _, err := patch(res.User, booking.RulesPatch{MaxMinutes: ptr(60)}); booking.ErrorCode(err) != booking.EFORBIDDEN {
		t.Errorf("resident's patch: %v", err)
	}
	if stored, _ = svc.Room(ctx, "music"); !equalRules(stored.Rules, want) {
		t.Fatalf("refused patches changed the rules: %+v", stored.Rules)
	}
}

func equalRules(a, b booking.Rules) bool {
	return reflect.DeepEqual(a, b)
}

// policyEnv is a service at Saturday 2026-11-28 10:00 with a resident, a
// leader, and book(u, room, start, minutes) that asks CheckBooking first
// and fails the test if CreateBooking answers otherwise.
func policyEnv(t *testing.T) (svc *booking.Service, admin, res, lead *booking.User, book func(u *booking.User, room string, s time.Time, minutes int) error) {
	svc, _, admin = clockService(t)
	res = account(t, svc, admin, "wang", booking.RoleResident).User
	lead = account(t, svc, admin, "lin", booking.RoleLeader).User
	book = func(u *booking.User, room string, s time.Time, minutes int) error {
		t.Helper()
		ctx := context.Background()
		n := booking.NewBooking{Room: room, Start: s, End: s.Add(time.Duration(minutes) * time.Minute), Title: "读书", Attendees: 2}
		checked := svc.CheckBooking(ctx, u, n)
		_, err := svc.CreateBooking(ctx, u, n)
		if booking.ErrorCode(checked) != booking.ErrorCode(err) || policyRule(checked) != policyRule(err) {
			t.Fatalf("CheckBooking says %v, CreateBooking %v", checked, err)
		}
		return err
	}
	return
}

func policyRule(err error) string {
	var e *booking.Error
	if errors.As(err, &e) {
		return e.Code + "/" + e.Rule + "/" + e.Field
	}
	return ""
}

func day(d, hh, mm int) time.Time { return time.Date(2026, 12, d, hh, mm, 0, 0, shanghai) }

// TestPolicyAdvanceAndLength: a resident may book at most 14 days ahead
// and 30 to 240 minutes; each refusal is policy naming its rule and the
// field to change; leaders and staff are exempt.
func TestPolicyAdvanceAndLength(t *testing.T) {
	_, admin, res, lead, book := policyEnv(t)
	limit := time.Date(2026, 12, 12, 10, 0, 0, 0, shanghai) // now + 14 days
	for _, tc := range []struct {
		start   time.Time
		minutes int
		want    string
	}{
		{limit.Add(time.Minute), 60, "policy/max_advance_days/start"},
		{day(1, 9, 0), 29, "policy/min_minutes/end"},
		{day(3, 9, 0), 241, "policy/max_minutes/end"},
	} {
		if got := policyRule(book(res, "library", tc.start, tc.minutes)); got != tc.want {
			t.Errorf("resident %v %dmin: %s, want %s", tc.start, tc.minutes, got, tc.want)
		}
		if err := book(lead, "library", tc.start, tc.minutes); err != nil {
			t.Errorf("leader %v %dmin: %v", tc.start, tc.minutes, err)
		}
		if err := book(admin, "activity", tc.start, tc.minutes); err != nil {
			t.Errorf("staff %v %dmin: %v", tc.start, tc.minutes, err)
		}
	}
	for _, ok := range []struct {
		start   time.Time
		minutes int
	}{{limit, 30}, {day(2, 9, 0), 240}} {
		if err := book(res, "calligraphy", ok.start, ok.minutes); err != nil {
			t.Errorf("resident %v %dmin refused: %v", ok.start, ok.minutes, err)
		}
	}
}

// TestPolicyBuffer: with 30 minutes of turnover, a resident's booking may
// not come within 30 minutes of another use, before or after; exactly 30
// minutes apart is fine (half-open), and a leader is exempt.
func TestPolicyBuffer(t *testing.T) {
	svc, admin, res, lead, book := policyEnv(t)
	if _, err := svc.PatchRoom(context.Background(), admin, "library", booking.RoomPatch{Rules: &booking.RulesPatch{BufferMinutes: ptr(30)}}); err != nil {
		t.Fatal(err)
	}
	if err := book(lead, "library", day(1, 14, 0), 60); err != nil {
		t.Fatal(err)
	}
	for _, s := range []time.Time{day(1, 15, 15), day(1, 13, 15)} {
		if got := policyRule(book(res, "library", s, 30)); got != "policy/buffer_minutes/start" {
			t.Errorf("%v: %s", s, got)
		}
	}
	if got := booking.ErrorCode(book(res, "library", day(1, 14, 30), 60)); got != booking.ECONFLICT {
		t.Errorf("a real clash is still a conflict: %s", got)
	}
	for _, s := range []time.Time{day(1, 15, 30), day(1, 13, 0)} {
		if err := book(res, "library", s, 30); err != nil {
			t.Errorf("%v: %v", s, err)
		}
	}
	if err := book(lead, "library", day(1, 16, 10), 30); err != nil {
		t.Errorf("leader within the buffer: %v", err)
	}
}

// TestPolicyWeeklyQuota: a resident's confirmed bookings in an ISO week
// (Monday to Sunday, site time) across all rooms may total 6 hours; a
// booking over Sunday midnight counts in both weeks; a cancelled one
// counts in none; leaders are exempt.
func TestPolicyWeeklyQuota(t *testing.T) {
	svc, _, res, lead, book := policyEnv(t)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(book(res, "activity", day(6, 22, 0), 180)) // Sun 6 Dec 22:00 - Mon 01:00 (not the quiet music room)
	must(book(res, "library", day(5, 9, 0), 180))   // week of 30 Nov: 6h
	must(book(res, "activity", day(7, 9, 0), 180))  // week of 7 Dec: 6h
	for _, s := range []time.Time{day(5, 14, 0), day(8, 9, 0)} {
		if got := policyRule(book(res, "calligraphy", s, 30)); got != "policy/weekly_quota/end" {
			t.Errorf("%v: %s", s, got)
		}
	}
	must(book(lead, "calligraphy", day(5, 14, 0), 240))
	must(book(lead, "calligraphy", day(4, 14, 0), 240))
	list, err := svc.Bookings(ctx, res, false, 0)
	must(err)
	for _, b := range list {
		if b.Room == "library" {
			must(svc.CancelBooking(ctx, res, b.ID))
		}
	}
	must(book(res, "calligraphy", day(3, 9, 0), 180))
	if got := policyRule(book(res, "calligraphy", day(8, 9, 0), 30)); got != "policy/weekly_quota/end" {
		t.Errorf("next week still full: %s", got)
	}
}
