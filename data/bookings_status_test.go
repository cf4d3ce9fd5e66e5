package data_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"mingzhu/booking"
)

// The pending queue's index is a matter of each database's planner, so
// it is checked per kind, each with its own EXPLAIN: the query is data's
// (statusCond writes the pending status as a literal, so that the partial
// index bookings_pending, in both kinds' migrations, provably applies).

const pendingQueue = `SELECT id FROM bookings WHERE status = 'pending' ORDER BY start_at, id`

// TestSQLitePendingQueueUsesItsIndex: the approval queue's query (status
// pending, soonest first) reads the partial index, not the whole table.
// SQLite only: EXPLAIN QUERY PLAN and its output are SQLite's.
func TestSQLitePendingQueueUsesItsIndex(t *testing.T) {
	db := open(t, newAddr(t, "sqlite"))
	var id, parent, unused int
	var detail string
	err := db.QueryRow(context.Background(), `EXPLAIN QUERY PLAN `+pendingQueue).Scan(&id, &parent, &unused, &detail)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(detail, "bookings_pending") {
		t.Errorf("plan: %s", detail)
	}
}

// TestPostgresPendingQueueUsesItsIndex: the same on PostgreSQL, whose
// planner weighs statistics: with a room's history of confirmed bookings
// and a few pending ones, analysed, the queue reads bookings_pending.
// PostgreSQL only: EXPLAIN's text is PostgreSQL's.
func TestPostgresPendingQueueUsesItsIndex(t *testing.T) {
	db := open(t, newAddr(t, "postgres"))
	basics(t, db)
	ctx := context.Background()
	// 5,000 past hours of confirmed bookings, every 500th pending: made
	// by the server (generate_series), one hour each, so none overlap.
	for _, q := range []string{
		`INSERT INTO bookings (id, room_id, user_id, title, attendees, start_at, end_at, status, created_at, updated_at)
		 SELECT 'b' || i, 'r', 'u', 't', 1, 1700000000 + i * 3600, 1700000000 + i * 3600 + 3600,
		        CASE WHEN i % 500 = 0 THEN 'pending' ELSE 'confirmed' END, 1700000000, 1700000000
		 FROM generate_series(1, 5000) AS i`,
		`ANALYZE bookings`,
	} {
		if err := db.QueryRow(ctx, q).Scan(); err != sql.ErrNoRows {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var n int
	view(t, db, func(tx booking.Tx) error {
		list, err := tx.Bookings(booking.BookingFilter{Status: booking.StatusPending})
		n = len(list)
		return err
	})
	if n != 10 {
		t.Fatalf("pending = %d, want 10", n)
	}
	var plan string
	// JSON: the whole plan in one row (QueryRow reads one).
	if err := db.QueryRow(ctx, `EXPLAIN (COSTS OFF, FORMAT JSON) `+pendingQueue).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, `"Index Name": "bookings_pending"`) {
		t.Errorf("plan: %s", plan)
	}
}
