package calendar

import "testing"

func TestCanonicalRRule(t *testing.T) {
	tests := []struct{ in, want string }{ // want "" means refused
		{"FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"},
		{"RRULE:FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"},
		{" rrule:freq=weekly; byday=tu ;", "FREQ=WEEKLY;BYDAY=TU"},
		{"BYDAY=TU\t;FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU"},
		{"FREQ=WEEKLY;INTERVAL=02;COUNT=010", "FREQ=WEEKLY;INTERVAL=2;COUNT=10"},
		{"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"},
		{"FREQ=WEEKLY;UNTIL=20270630t160000z", "FREQ=WEEKLY;UNTIL=20270630T160000Z"},
		{"FREQ=WEEKLY;FREQ=DAILY", "FREQ=WEEKLY;FREQ=DAILY"}, // NewRule refuses the duplicate
		{"FREQ=WEEKLY;INTERVAL=+2", ""},
		{"FREQ=WEEKLY;COUNT=0", ""},
		{"FREQ=WEEKLY;DTSTART=20261201T090000", ""},
		{"FREQ=WEEKLY;TZID=Asia/Shanghai", ""},
		{"RRULE:RRULE:FREQ=WEEKLY", ""},
		{"FREQ=WEEKLY;;BYDAY=TU", ""},
		{"BYDAY=TU", ""},
		{"", ""},
		{"FREQ=WEEKLY\r\nDTSTART:20261201T090000", ""},
	}
	for _, tc := range tests {
		got, err := CanonicalRRule(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("%q: accepted as %q, want a refusal", tc.in, got)
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("%q: %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if fe, ok := err.(*FieldError); err != nil && (!ok || fe.Field != "rrule") {
			t.Errorf("%q: error %v does not name rrule", tc.in, err)
		}
	}
}
