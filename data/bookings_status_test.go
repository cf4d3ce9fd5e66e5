package data_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestPendingQueueUsesItsIndex: the approval queue's query (status
// pending, soonest first) reads the partial index, not the whole table.
func TestPendingQueueUsesItsIndex(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "q.db"))
	var id, parent, unused int
	var detail string
	err := db.QueryRow(context.Background(), `EXPLAIN QUERY PLAN SELECT id FROM bookings WHERE status = 'pending' ORDER BY start_at`).
		Scan(&id, &parent, &unused, &detail)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(detail, "bookings_pending") {
		t.Errorf("plan: %s", detail)
	}
}
