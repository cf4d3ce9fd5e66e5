package booking_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/calendar/ical"
)

// TestPatchRoom: staff rename a room and change its capacity and
// equipment; every feed and listing that names the room gets a new stamp
// (so no cache keeps the old name) and shows the new name; feeds that do
// not name it keep theirs. A lower capacity applies to new bookings.
func TestPatchRoom(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	lin := account(t, svc, admin, "lin", booking.RoleLeader)
	wang := account(t, svc, admin, "wang", booking.RoleResident)
	li := account(t, svc, admin, "liming", booking.RoleResident)
	for _, tm := range []booking.Team{{ID: "choir", Name: "合唱队", Leaders: []string{"lin"}}, {ID: "taichi", Name: "太极队"}} {
		if _, err := svc.CreateTeam(ctx, admin, tm); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai)
	for _, n := range []booking.NewSeries{
		{Team: "choir", Room: "music", Title: "合唱排练", Start: start, End: start.Add(time.Hour), RRule: "FREQ=WEEKLY;BYDAY=TU"},
		{Team: "taichi", Room: "activity", Title: "太极", Start: start, End: start.Add(time.Hour), RRule: "FREQ=WEEKLY;BYDAY=TU"},
	} {
		if _, err := svc.CreateSeries(ctx, admin, n); err != nil {
			t.Fatal(err)
		}
	}
	bookAt := func(u *booking.User, room string, day, people int) error {
		s := time.Date(2026, 12, day, 14, 0, 0, 0, shanghai)
		_, err := svc.CreateBooking(ctx, u, booking.NewBooking{Room: room, Start: s, End: s.Add(time.Hour), Title: "练琴", Attendees: people})
		return err
	}
	if err := bookAt(wang.User, "music", 2, 10); err != nil {
		t.Fatal(err)
	}
	if err := bookAt(li.User, "library", 2, 1); err != nil {
		t.Fatal(err)
	}
	feeds := []struct{ kind, id string }{{booking.FeedRoom, "music"}, {booking.FeedCourses, ""}, {booking.FeedTeam, "choir"},
		{booking.FeedPrivate, lin.User.FeedToken}, {booking.FeedPrivate, wang.User.FeedToken}}
	untouched := []struct{ kind, id string }{{booking.FeedRoom, "library"}, {booking.FeedTeam, "taichi"}, {booking.FeedPrivate, li.User.FeedToken}}
	stamps := func(list []struct{ kind, id string }) []string {
		var out []string
		for _, f := range list {
			st, err := svc.FeedStamp(ctx, f.kind, f.id)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, st)
		}
		return out
	}
	before, otherBefore := stamps(feeds), stamps(untouched)
	occBefore := svc.OccurrencesStamp(context.Background(), booking.OccurrenceQuery{Room: "music"})

	room, err := svc.PatchRoom(ctx, admin, "music", booking.RoomPatch{Name: ptr(" 器乐排练室 "), Capacity: ptr(8),
		Equipment: &[]string{"钢琴", " 谱架 "}})
	if err != nil {
		t.Fatal(err)
	}
	want := booking.Room{ID: "music", Name: "器乐排练室", NameEN: "Music room", Capacity: 8, Equipment: []string{"钢琴", "谱架"}}
	if room.ID != want.ID || room.Name != want.Name || room.NameEN != want.NameEN || room.Capacity != 8 || !slices.Equal(room.Equipment, want.Equipment) {
		t.Fatalf("patched = %+v", room)
	}
	if got, err := svc.Room(ctx, "music"); err != nil || got.Name != want.Name || !slices.Equal(got.Equipment, want.Equipment) {
		t.Fatalf("stored = %+v %v", got, err)
	}
	after, otherAfter := stamps(feeds), stamps(untouched)
	for i := range before {
		if before[i] == after[i] {
			t.Errorf("%s %s: stamp did not move: %s", feeds[i].kind, feeds[i].id, after[i])
		}
	}
	if !slices.Equal(otherBefore, otherAfter) {
		t.Errorf("feeds that do not name the room moved: %v → %v", otherBefore, otherAfter)
	}
	if svc.OccurrencesStamp(context.Background(), booking.OccurrenceQuery{Room: "music"}) == occBefore {
		t.Error("the room's listing stamp did not move")
	}
	for _, f := range feeds {
		cal, err := svc.Feed(ctx, f.kind, f.id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(cal.Events, func(ev ical.Event) bool { return strings.Contains(ev.Location, "器乐排练室") }) {
			t.Errorf("%s %s feed: %+v", f.kind, f.id, cal.Events)
		}
	}
	if err := bookAt(wang.User, "music", 3, 10); booking.ErrorCode(err) != booking.EINVALID {
		t.Errorf("10 people in a room for 8: %v", err)
	}
	if err := bookAt(wang.User, "music", 3, 8); err != nil {
		t.Errorf("8 people in a room for 8: %v", err)
	}
	// Fields left out stay; an empty list clears the equipment.
	room, err = svc.PatchRoom(ctx, admin, "music", booking.RoomPatch{NameEN: ptr("Rehearsal room"), Equipment: &[]string{}})
	if err != nil || room.Name != "器乐排练室" || room.NameEN != "Rehearsal room" || room.Capacity != 8 || room.Equipment == nil || len(room.Equipment) != 0 {
		t.Fatalf("second patch = %+v %v", room, err)
	}
}

// TestPatchRoomRefusals: staff only; each bad value names its field and
// changes nothing; an unknown room is not found.
func TestPatchRoomRefusals(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	lin := account(t, svc, admin, "lin", booking.RoleLeader)
	wang := account(t, svc, admin, "wang", booking.RoleResident)
	many := make([]string, 21)
	for i := range many {
		many[i] = strings.Repeat("椅", i+1)
	}
	tests := []struct {
		name      string
		actor     *booking.User
		id        string
		p         booking.RoomPatch
		code, fld string
	}{
		{"a resident", wang.User, "music", booking.RoomPatch{Capacity: ptr(9)}, booking.EFORBIDDEN, ""},
		{"a leader", lin.User, "music", booking.RoomPatch{Capacity: ptr(9)}, booking.EFORBIDDEN, ""},
		{"empty name", admin, "music", booking.RoomPatch{Name: ptr("")}, booking.EINVALID, "name"},
		{"blank name", admin, "music", booking.RoomPatch{Name: ptr("   ")}, booking.EINVALID, "name"},
		{"long name", admin, "music", booking.RoomPatch{Name: ptr(strings.Repeat("室", 65))}, booking.EINVALID, "name"},
		{"empty name_en", admin, "music", booking.RoomPatch{NameEN: ptr("")}, booking.EINVALID, "name_en"},
		{"long name_en", admin, "music", booking.RoomPatch{NameEN: ptr(strings.Repeat("x", 65))}, booking.EINVALID, "name_en"},
		{"no capacity", admin, "music", booking.RoomPatch{Capacity: ptr(0)}, booking.EINVALID, "capacity"},
		{"huge capacity", admin, "music", booking.RoomPatch{Capacity: ptr(501)}, booking.EINVALID, "capacity"},
		{"21 items", admin, "music", booking.RoomPatch{Equipment: &many}, booking.EINVALID, "equipment"},
		{"empty item", admin, "music", booking.RoomPatch{Equipment: &[]string{"钢琴", " "}}, booking.EINVALID, "equipment"},
		{"long item", admin, "music", booking.RoomPatch{Equipment: &[]string{strings.Repeat("x", 33)}}, booking.EINVALID, "equipment"},
		{"item twice", admin, "music", booking.RoomPatch{Equipment: &[]string{"钢琴", "钢琴 "}}, booking.EINVALID, "equipment"},
		{"good name, bad capacity", admin, "music", booking.RoomPatch{Name: ptr("新名"), Capacity: ptr(-1)}, booking.EINVALID, "capacity"},
		{"unknown room", admin, "nope", booking.RoomPatch{Capacity: ptr(9)}, booking.ENOTFOUND, "room"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.PatchRoom(ctx, tc.actor, tc.id, tc.p)
			if code, fld := field(err); code != tc.code || fld != tc.fld {
				t.Fatalf("err = %v, want %s on %q", err, tc.code, tc.fld)
			}
		})
	}
	if got, err := svc.Room(ctx, "music"); err != nil || got.Name != "器乐室" || got.Capacity != 15 || len(got.Equipment) == 0 {
		t.Fatalf("refused patches changed the room: %+v %v", got, err)
	}
	// The limits themselves are allowed.
	edge := make([]string, 20)
	for i := range edge {
		edge[i] = strings.Repeat("椅", 12) + string(rune('a'+i)) + strings.Repeat("x", 19)
	}
	if _, err := svc.PatchRoom(ctx, admin, "music", booking.RoomPatch{Name: ptr(strings.Repeat("室", 64)), Capacity: ptr(500),
		Equipment: &edge}); err != nil {
		t.Fatalf("at the limits: %v", err)
	}
}

// TestUsersByRole: staff list the accounts of one role; an unknown role
// is refused on its field.
func TestUsersByRole(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	account(t, svc, admin, "lin", booking.RoleLeader)
	account(t, svc, admin, "wang", booking.RoleResident)
	account(t, svc, admin, "zhao", booking.RoleLeader)
	users, err := svc.Users(ctx, admin, booking.UserFilter{Role: booking.RoleLeader})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.Username)
	}
	if !slices.Equal(names, []string{"lin", "zhao"}) {
		t.Fatalf("leaders = %v", names)
	}
	if users, err := svc.Users(ctx, admin, booking.UserFilter{Role: booking.RoleLeader, Query: "zh"}); err != nil || len(users) != 1 {
		t.Fatalf("leaders matching zh = %+v %v", users, err)
	}
	if _, err := svc.Users(ctx, admin, booking.UserFilter{Role: "boss"}); !hasField(err, "role") {
		t.Fatalf("role boss: %v", err)
	}
}

func hasField(err error, want string) bool {
	code, fld := field(err)
	return code == booking.EINVALID && fld == want
}
