package ical

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzDecode checks that Decode never panics, whatever it is given, and
// that what it accepts is bookable: a UID, a line, and an end after the
// start. Seeds are in testdata/fuzz/FuzzDecode, plus an encoded feed.
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	if err := Encode(&buf, fixture(mustLoad(f, "Europe/Berlin"))); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	sh := mustLoad(f, "Asia/Shanghai")
	f.Fuzz(func(t *testing.T, data []byte) {
		events, err := Decode(bytes.NewReader(data), sh)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is not a *DecodeError: %v", err)
			}
			return
		}
		for _, ev := range events {
			if ev.UID == "" || ev.Line < 1 || !ev.End.After(ev.Start) {
				t.Fatalf("accepted an unbookable event: %+v", ev)
			}
		}
	})
}

// FuzzEncodeText checks that any text survives Encode then Decode, up to
// the normalisation Encode documents, with every line folded correctly.
// The expected text is computed by wantText below, from the documented
// rules and not with escapeText/unescapeText, so a bug shared by the
// escaper and the unescaper does not cancel out. Seeds are in
// testdata/fuzz/FuzzEncodeText.
func FuzzEncodeText(f *testing.F) {
	f.Add("书法班, 周二; 初级\r\n第二行\\", "🀄 room")
	f.Add(strings.Repeat("明", 40), "a\x00b\xff")
	loc := mustLoad(f, "Asia/Shanghai")
	start := time.Date(2026, 3, 3, 19, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, summary, location string) {
		var buf bytes.Buffer
		err := Encode(&buf, Calendar{Name: summary, Loc: loc, Events: []Event{{
			UID: "u", Summary: summary, Location: location, Start: start, End: start.Add(time.Hour), LastModified: start,
		}}})
		if err != nil {
			t.Fatal(err)
		}
		checkFolded(t, buf.Bytes())
		evs, err := Decode(&buf, loc)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 {
			t.Fatalf("decoded %d events, want 1", len(evs))
		}
		if want := wantText(summary); evs[0].Summary != want {
			t.Fatalf("Summary %q came back as %q, want %q", summary, evs[0].Summary, want)
		}
		if want := wantText(location); evs[0].Location != want {
			t.Fatalf("Location %q came back as %q, want %q", location, evs[0].Location, want)
		}
	})
}

// wantText is what Encode promises to keep of a text (escapeText's doc):
// CRLF and lone CR become LF, each run of invalid UTF-8 becomes one
// U+FFFD, and control characters other than LF and TAB are dropped.
func wantText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\t' || (r >= 0x20 && r != 0x7f) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
