package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"mingzhu/booking"
	"mingzhu/data"
)

// A kept feed goes to a gzip client as the entry's own compressed bytes,
// not compressed again per request: with the entry's gz swapped for
// marker bytes, the marker is what is sent.
func TestKeptFeedSendsKeptGzip(t *testing.T) {
	ctx := context.Background()
	db, err := data.Open(ctx, filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := booking.New(booking.Config{Store: db, Loc: time.UTC, Now: time.Now, PasswordCost: bcrypt.MinCost})
	seed, err := data.Seed("demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Bootstrap(ctx, seed, "admin-pass-123"); err != nil {
		t.Fatal(err)
	}
	s := NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/calendar/rooms/activity.ics", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	first := get()
	e := s.cache.any("feed|" + booking.FeedRoom + "|activity")
	if first.Code != 200 || e == nil || e.gz == nil || !bytes.Equal(first.Body.Bytes(), e.gz) {
		t.Fatalf("status %d, entry %v: the answer is not the entry's gzip bytes", first.Code, e != nil)
	}
	marker := gzipBytes(bytes.Repeat([]byte("marker "), 200))
	e.gz = marker
	if again := get(); !bytes.Equal(again.Body.Bytes(), marker) {
		t.Fatalf("sent %d bytes that are not the kept ones: compressed per request", again.Body.Len())
	}
}
