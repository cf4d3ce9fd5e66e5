package booking

import "time"

// The audit layer's closure writes (see auditTx). A closure's effects on
// bookings are recorded as those bookings' own lines (SetBookingState),
// in the same transaction.

func (t *auditTx) InsertClosure(c *Closure) error {
	if err := t.Tx.InsertClosure(c); err != nil {
		return err
	}
	return t.record(AuditClosure, c.ID, AuditCreate, nil, closureImage(c))
}

func (t *auditTx) DeleteClosure(id string) error {
	old, err := t.Tx.Closure(id)
	if err != nil {
		return err
	}
	if err := t.Tx.DeleteClosure(id); err != nil {
		return err
	}
	return t.record(AuditClosure, id, AuditDelete, closureImage(old), nil)
}

func (t *auditTx) SetClosureEnd(id string, end time.Time) error {
	old, err := t.Tx.Closure(id)
	if err != nil {
		return err
	}
	if err := t.Tx.SetClosureEnd(id, end); err != nil {
		return err
	}
	now := *old
	now.End = end
	return t.record(AuditClosure, id, AuditUpdate, closureImage(old), closureImage(&now))
}
