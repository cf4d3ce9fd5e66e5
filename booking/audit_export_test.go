package booking

import "time"

// AuditingTx is the audit layer over tx, acting for actor at at: for
// tests of write methods no Service method calls yet.
func AuditingTx(tx Tx, actor *User, at time.Time) Tx { return &auditTx{Tx: tx, actor: actor, at: at} }
