package ical

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendFolded(t *testing.T) {
	a75 := strings.Repeat("a", 75)
	tests := []struct {
		name, in, want string
	}{
		{"short line untouched", "SUMMARY:hi", "SUMMARY:hi"},
		{"exactly 75 octets untouched", a75, a75},
		{"76 octets fold once", a75 + "b", a75 + "\r\n b"},
		{"continuation holds 74 after the space", a75 + strings.Repeat("b", 75),
			a75 + "\r\n " + strings.Repeat("b", 74) + "\r\n b"},
		// 73 ASCII + a 3-octet character would end at octet 76: the whole
		// character moves to the next line.
		{"CJK never split", strings.Repeat("a", 73) + "书x", strings.Repeat("a", 73) + "\r\n 书x"},
		{"CJK fits exactly", strings.Repeat("a", 72) + "书x", strings.Repeat("a", 72) + "书\r\n x"},
		{"4-octet character never split", strings.Repeat("a", 73) + "🀄", strings.Repeat("a", 73) + "\r\n 🀄"},
		{"all CJK: 25 a line, then 24 after the space", strings.Repeat("明", 50),
			strings.Repeat("明", 25) + "\r\n " + strings.Repeat("明", 24) + "\r\n 明"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(appendFolded([]byte("prefix|"), tc.in))
			if got != "prefix|"+tc.want {
				t.Errorf("got %q, want %q", got, "prefix|"+tc.want)
			}
			if unfold(got) != "prefix|"+tc.in {
				t.Errorf("unfold does not give the original back")
			}
		})
	}
}

// checkFolded asserts RFC 5545 §3.1 on a whole feed: CRLF line ends, no
// line over 75 octets, and no physical line that starts or ends inside a
// UTF-8 character.
func checkFolded(t *testing.T, feed []byte) {
	t.Helper()
	if !bytes.HasSuffix(feed, []byte("\r\n")) {
		t.Error("feed does not end with CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(feed, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > maxLineOctets {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
}

func TestEncodeFoldsEveryLine(t *testing.T) {
	for _, zone := range []string{"Asia/Shanghai", "Europe/Berlin"} {
		cal := fixture(mustLoad(t, zone))
		var buf bytes.Buffer
		if err := Encode(&buf, cal); err != nil {
			t.Fatal(err)
		}
		checkFolded(t, buf.Bytes())
		unfolded := unfold(buf.String())
		want := "SUMMARY:" + escapeText(longTitle) + "\r\n"
		if !strings.Contains(unfolded, want) {
			t.Errorf("%s: unfolded feed lacks %q", zone, want)
		}
		if strings.Count(buf.String(), "\r\n ") < 3 {
			t.Errorf("%s: the long title was not folded", zone)
		}
	}
}
