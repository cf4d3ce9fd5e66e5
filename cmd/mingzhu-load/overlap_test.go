package main

import (
	"testing"
	"time"
)

// at parses an RFC 3339 time for the tables below.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFindOverlaps(t *testing.T) {
	type span struct{ id, start, end, status string }
	tests := []struct {
		name  string
		spans []span
		want  [][2]string // pairs of ids, in report order
	}{
		{name: "empty"},
		{name: "back to back is not an overlap (half-open)", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"b", "2030-01-01T10:00:00+08:00", "2030-01-01T11:00:00+08:00", ""},
		}},
		{name: "half-hour overlap", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"b", "2030-01-01T09:30:00+08:00", "2030-01-01T10:30:00+08:00", ""},
		}, want: [][2]string{{"a", "b"}}},
		{name: "identical slots", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"b", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
		}, want: [][2]string{{"a", "b"}}},
		{name: "unsorted input, containment", spans: []span{
			{"inner", "2030-01-01T10:00:00+08:00", "2030-01-01T10:30:00+08:00", ""},
			{"outer", "2030-01-01T09:00:00+08:00", "2030-01-01T12:00:00+08:00", ""},
		}, want: [][2]string{{"outer", "inner"}}},
		{name: "long one reaches past a short one", spans: []span{
			{"long", "2030-01-01T08:00:00+08:00", "2030-01-01T12:00:00+08:00", ""},
			{"short", "2030-01-01T08:30:00+08:00", "2030-01-01T09:00:00+08:00", ""},
			{"late", "2030-01-01T11:00:00+08:00", "2030-01-01T13:00:00+08:00", ""},
		}, want: [][2]string{{"long", "short"}, {"long", "late"}}},
		{name: "same instant written with different offsets", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"b", "2030-01-01T01:30:00Z", "2030-01-01T02:30:00Z", ""},
		}, want: [][2]string{{"a", "b"}}},
		{name: "different offsets that only touch", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"b", "2030-01-01T02:00:00Z", "2030-01-01T03:00:00Z", ""},
		}},
		{name: "cancelled ones do not occupy", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", "cancelled"},
			{"b", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", "confirmed"},
		}},
		{name: "empty interval overlaps nothing", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"z", "2030-01-01T09:30:00+08:00", "2030-01-01T09:30:00+08:00", ""},
		}},
		{name: "three-way pile-up reports each late one", spans: []span{
			{"a", "2030-01-01T09:00:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"b", "2030-01-01T09:10:00+08:00", "2030-01-01T10:00:00+08:00", ""},
			{"c", "2030-01-01T09:20:00+08:00", "2030-01-01T10:00:00+08:00", ""},
		}, want: [][2]string{{"a", "b"}, {"a", "c"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var occ []Occurrence
			for _, s := range tc.spans {
				occ = append(occ, Occurrence{Kind: "booking", ID: ID(s.id), Room: "music", Start: at(t, s.start), End: at(t, s.end), Status: s.status})
			}
			got := findOverlaps("music", occ)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d overlaps %+v, want %v", len(got), got, tc.want)
			}
			for i, w := range tc.want {
				if string(got[i].A.ID) != w[0] || string(got[i].B.ID) != w[1] || got[i].Room != "music" {
					t.Errorf("overlap %d = %s/%s, want %s/%s", i, got[i].A.ID, got[i].B.ID, w[0], w[1])
				}
			}
		})
	}
}

func TestMissingFromOccurrences(t *testing.T) {
	s, e := at(t, "2030-01-01T09:00:00+08:00"), at(t, "2030-01-01T10:00:00+08:00")
	occ := map[string][]Occurrence{
		"music": {
			{Kind: "booking", ID: "7", Room: "music", Start: s, End: e},
			{Kind: "booking", ID: "8", Room: "music", Start: s.Add(2 * time.Hour), End: e.Add(2 * time.Hour), Status: "cancelled"},
		},
		"library": {{Kind: "booking", ID: "b-9", Room: "library", Start: s.UTC(), End: e.UTC()}},
	}
	bookings := []created{
		{ID: "7", Room: "music", Start: s, End: e},                                       // by id
		{ID: "9", Room: "library", Start: s, End: e},                                     // by interval, other offset
		{ID: "8", Room: "music", Start: s.Add(2 * time.Hour), End: e.Add(2 * time.Hour)}, // cancelled: missing
		{ID: "10", Room: "music", Start: s.Add(time.Hour), End: e.Add(time.Hour)},        // absent
		{ID: "7", Room: "library", Start: s.Add(time.Hour), End: e.Add(time.Hour)},       // id of another room
	}
	got := missingFromOccurrences(bookings, occ)
	want := []ID{"8", "10", "7"}
	if len(got) != len(want) {
		t.Fatalf("missing = %+v, want ids %v", got, want)
	}
	for i := range want {
		if got[i].ID != want[i] {
			t.Errorf("missing[%d] = %s, want %s", i, got[i].ID, want[i])
		}
	}
}

func TestListWarnings(t *testing.T) {
	s := at(t, "2030-01-01T09:00:00+08:00")
	occ := []Occurrence{
		{Kind: "booking", ID: "2", Room: "music", Start: s.Add(time.Hour), End: s.Add(2 * time.Hour)},
		{Kind: "booking", ID: "1", Room: "lecture", Start: s, End: s},
	}
	if got := listWarnings("music", occ); len(got) != 3 {
		t.Fatalf("want wrong-room, unsorted and empty-interval warnings, got %q", got)
	}
	if got := listWarnings("music", occ[:1]); len(got) != 0 {
		t.Fatalf("clean list warned: %q", got)
	}
}
