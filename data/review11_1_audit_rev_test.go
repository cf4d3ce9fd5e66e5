package data_test

import (
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestReview11AuditLineKeepsRevision: the revision counter counts writes
// that insert or change a booking or a series (booking.RevisionTx). An
// audit-only write (a house rule's refusal, audit_refusal.go) changes
// neither, yet InsertAudit now raises it (data/audit.go stamp), which
// breaks web's TestAuditTrail ("a refusal changed more than the trail").
func TestReview11AuditLineKeepsRevision(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		var before, after int64
		view(t, db, func(tx booking.Tx) (err error) { before, err = tx.Revision(); return err })
		update(t, db, func(tx booking.Tx) error {
			return tx.InsertAudit(&booking.AuditEntry{At: time.Unix(1e9, 0), Entity: booking.AuditBooking,
				Action: booking.AuditRefused, After: []byte(`{}`), Rule: "max_minutes"})
		})
		view(t, db, func(tx booking.Tx) (err error) { after, err = tx.Revision(); return err })
		if after != before {
			t.Errorf("an audit line alone moved the revision %d -> %d", before, after)
		}
	})
}
