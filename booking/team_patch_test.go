package booking_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestPatchTeam: a new name shows at once in every feed that carries the
// team's classes (their stamps move, so no cache keeps the old name), and
// new leaders replace the old ones in the team and in their own feeds.
func TestPatchTeam(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	lin := account(t, svc, admin, "lin", booking.RoleLeader)
	zhao := account(t, svc, admin, "zhao", booking.RoleLeader)
	if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: "choir", Name: "合唱队", NameEN: "Choir", Leaders: []string{"lin"}}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai)
	if _, err := svc.CreateSeries(ctx, admin, booking.NewSeries{Team: "choir", Room: "music", Title: "合唱排练", Start: start,
		End: start.Add(time.Hour), RRule: "FREQ=WEEKLY;BYDAY=TU"}); err != nil {
		t.Fatal(err)
	}
	stamps := func() []string {
		var out []string
		for _, f := range []struct{ kind, id string }{{booking.FeedTeam, "choir"}, {booking.FeedCourses, ""}, {booking.FeedRoom, "music"},
			{booking.FeedPrivate, lin.User.FeedToken}, {booking.FeedPrivate, zhao.User.FeedToken}} {
			st, err := svc.FeedStamp(ctx, f.kind, f.id)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, st)
		}
		return append(out, svc.OccurrencesStamp(context.Background(), booking.OccurrenceQuery{Room: "music"}))
	}
	before := stamps()
	team, err := svc.PatchTeam(ctx, admin, "choir", booking.TeamPatch{Name: ptr("明珠合唱团"), Leaders: &[]string{"ZHAO", "admin"}})
	if err != nil {
		t.Fatal(err)
	}
	if team.Name != "明珠合唱团" || team.NameEN != "Choir" || !slices.Equal(team.Leaders, []string{"zhao", "admin"}) {
		t.Fatalf("patched = %+v", team)
	}
	after := stamps()
	for i := range before {
		if before[i] == after[i] {
			t.Errorf("stamp %d did not move: %s", i, after[i])
		}
	}
	for _, f := range []struct{ kind, id string }{{booking.FeedTeam, "choir"}, {booking.FeedCourses, ""}, {booking.FeedRoom, "music"},
		{booking.FeedPrivate, zhao.User.FeedToken}} {
		cal, err := svc.Feed(ctx, f.kind, f.id)
		if err != nil {
			t.Fatal(err)
		}
		if len(cal.Events) == 0 || !strings.Contains(cal.Events[0].Description, "明珠合唱团") {
			t.Errorf("%s feed: %+v", f.kind, cal.Events)
		}
	}
	if cal, err := svc.Feed(ctx, booking.FeedPrivate, lin.User.FeedToken); err != nil || len(cal.Events) != 0 {
		t.Errorf("the former leader's feed still has the classes: %+v %v", cal.Events, err)
	}
	if got, err := svc.Team(ctx, "choir"); err != nil || got.Name != "明珠合唱团" || !slices.Equal(got.LeaderIDs, []string{zhao.User.ID, admin.ID}) {
		t.Fatalf("stored = %+v %v", got, err)
	}
	// The former leader may now become a resident; the new one may not.
	if _, err := svc.PatchUser(ctx, admin, lin.User.ID, booking.UserPatch{Role: ptr(booking.RoleResident)}); err != nil {
		t.Fatalf("demote the former leader: %v", err)
	}
	if _, err := svc.PatchUser(ctx, admin, zhao.User.ID, booking.UserPatch{Role: ptr(booking.RoleResident)}); booking.ErrorCode(err) != booking.EINVALID {
		t.Fatalf("demote the new leader: %v", err)
	}
}

// TestPatchTeamRefusals: staff only; bad values name their field and
// change nothing; an unknown team is not found.
func TestPatchTeamRefusals(t *testing.T) {
	svc, _, admin := clockService(t)
	ctx := context.Background()
	lin := account(t, svc, admin, "lin", booking.RoleLeader)
	account(t, svc, admin, "wang", booking.RoleResident)
	if _, err := svc.CreateTeam(ctx, admin, booking.Team{ID: "choir", Name: "合唱队", Leaders: []string{"lin"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		actor     *booking.User
		id        string
		p         booking.TeamPatch
		code, fld string
	}{
		{"a leader", lin.User, "choir", booking.TeamPatch{Name: ptr("x")}, booking.EFORBIDDEN, ""},
		{"empty name", admin, "choir", booking.TeamPatch{Name: ptr("")}, booking.EINVALID, "name"},
		{"long name_en", admin, "choir", booking.TeamPatch{NameEN: ptr(strings.Repeat("x", 65))}, booking.EINVALID, "name_en"},
		{"unknown leader", admin, "choir", booking.TeamPatch{Leaders: &[]string{"nobody"}}, booking.EINVALID, "leaders"},
		{"resident leader", admin, "choir", booking.TeamPatch{Leaders: &[]string{"wang"}}, booking.EINVALID, "leaders"},
		{"leader twice", admin, "choir", booking.TeamPatch{Leaders: &[]string{"lin", "LIN"}}, booking.EINVALID, "leaders"},
		{"unknown team", admin, "nope", booking.TeamPatch{Name: ptr("x")}, booking.ENOTFOUND, "team"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.PatchTeam(ctx, tc.actor, tc.id, tc.p)
			if code, fld := field(err); code != tc.code || fld != tc.fld {
				t.Fatalf("err = %v, want %s on %q", err, tc.code, tc.fld)
			}
		})
	}
	if got, err := svc.Team(ctx, "choir"); err != nil || got.Name != "合唱队" || !slices.Equal(got.Leaders, []string{"lin"}) {
		t.Fatalf("refused patches changed the team: %+v %v", got, err)
	}
	// An empty list leaves the team without leaders (staff manage it).
	if got, err := svc.PatchTeam(ctx, admin, "choir", booking.TeamPatch{Leaders: &[]string{}}); err != nil || len(got.Leaders) != 0 {
		t.Fatalf("no leaders: %+v %v", got, err)
	}
}
