package ical

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// TestParallelEncodeSameBytes: a feed large enough to be encoded on two
// goroutines gives exactly the bytes of encoding its halves in order.
func TestParallelEncodeSameBytes(t *testing.T) {
	loc := mustLoad(t, "Asia/Shanghai")
	base := time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	var evs []Event
	for i := 0; i < parallelFrom+501; i++ {
		s := base.Add(time.Duration(i) * time.Hour)
		evs = append(evs, Event{UID: fmt.Sprintf("b%05d@test", i), Summary: "已预约 Booked, room; 书法室", Start: s, End: s.Add(time.Hour), LastModified: base})
	}
	var whole bytes.Buffer
	if err := Encode(&whole, Calendar{Name: "t", Loc: loc, Events: evs}); err != nil {
		t.Fatal(err)
	}
	// The same events written one by one on a single writer.
	var one bytes.Buffer
	cw := &contentWriter{w: &one}
	for i := range evs {
		writeEvent(cw, &evs[i], loc, ";TZID=Asia/Shanghai")
	}
	cw.flush()
	if !bytes.Contains(whole.Bytes(), one.Bytes()) {
		t.Fatal("parallel encoding differs from one pass")
	}
}
