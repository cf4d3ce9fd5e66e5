package web

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// An answer that cannot be encoded must be a 500 with the error object,
// logged: before renderGuard it went out as a 200 with an empty body.
func TestUnencodableAnswerIs500(t *testing.T) {
	var logged bytes.Buffer
	s := NewServer(booking.New(booking.Config{}), slog.New(slog.NewTextHandler(&logged, nil)))
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) // RFC 3339 has four-digit years
	get(s.router.Group("/test"), "/far", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"at": far}) })
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/test/far", nil))
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500; body %q", w.Code, w.Body)
	}
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	raw, _ := io.ReadAll(w.Body)
	if err := json.Unmarshal(raw, &body); err != nil || body.Error.Code != booking.EINTERNAL {
		t.Fatalf("body %q (%v), want the error object with code internal", raw, err)
	}
	if !bytes.Contains(logged.Bytes(), []byte("rendering the answer")) {
		t.Fatalf("not logged: %q", logged.String())
	}
}
