package data

// Revision is the store's change counter as this transaction sees it: in
// a read transaction, the value of its snapshot (every row stamped with a
// greater value was committed after it); in a write transaction, the
// value it stamps its own rows with once it has written one.
func (t *Tx) Revision() (int64, error) {
	var n int64
	err := t.queryRow(`SELECT n FROM revision WHERE id = 1`).Scan(&n)
	return n, err
}

// stamp is the revision this write transaction gives the booking and
// series rows it writes. The first call raises the counter; writers are
// serialised (one connection, BEGIN IMMEDIATE), so revisions follow
// commit order and a rolled-back transaction takes its increment with it.
// (On PostgreSQL the same UPDATE holds the counter row's lock until commit,
// which gives the same order.)
func (t *Tx) stamp() (int64, error) {
	t.ordered = true
	if t.rev != 0 {
		return t.rev, nil
	}
	err := t.queryRow(`UPDATE revision SET n = n + 1 WHERE id = 1 RETURNING n`).Scan(&t.rev)
	return t.rev, err
}

// orderIDs takes the revision row's lock, without raising the counter,
// before a write takes an id that must follow commit order (an audit
// line, a change record): writes of different rooms run side by side on
// PostgreSQL, and the lock, held to commit, puts their ids in commit
// order. SQLite's one writer orders them already (d.orderIDs is empty).
func (t *Tx) orderIDs() error {
	if t.ordered || t.d.orderIDs == "" {
		return nil
	}
	t.ordered = true
	_, err := t.exec(t.d.orderIDs)
	return err
}
