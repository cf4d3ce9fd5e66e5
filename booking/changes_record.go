package booking

import (
	"context"
	"slices"
)

// changeKeys gathers, on a shared store, the cache keys one write
// transaction changes, from the audit layer's write methods (auditTx):
// a booking names its room and owner, exactly what the touches after
// booking writes use; an ended session names its token or user; every
// other change (series, rooms, accounts, teams, holidays, closures) is
// AllKeys. Those are rare, and naming their exact keys (a room rename
// changes every team feed that uses the room) is where bugs would hide.
// A nil changeKeys (a store only this process opens) gathers nothing.
type changeKeys struct {
	keys []string
	all  bool
}

// add notes keys as changed.
func (k *changeKeys) add(keys ...string) {
	if k == nil {
		return
	}
	for _, key := range keys {
		if key == AllKeys {
			k.all = true
		} else if !slices.Contains(k.keys, key) {
			k.keys = append(k.keys, key)
		}
	}
}

// list is what the change log records: nothing, the keys, or AllKeys alone.
func (k *changeKeys) list() []string {
	if k == nil {
		return nil
	}
	if k.all {
		return []string{AllKeys}
	}
	return k.keys
}

// bookingKeys are the keys a change to b touches.
func bookingKeys(b *Booking) []string { return []string{"room:" + b.Room, "user:" + b.UserID} }

// collect is a new gatherer for one write transaction, nil unless shared.
func (f *changeFeed) collect() *changeKeys {
	if f == nil {
		return nil
	}
	return &changeKeys{}
}

// record appends what k gathered to the change log, in the write's own
// transaction, so the record exists exactly when the change does.
func (f *changeFeed) record(tx ChangeTx, k *changeKeys) error {
	if f == nil {
		return nil
	}
	if keys := k.list(); len(keys) > 0 {
		return tx.RecordChange(keys)
	}
	return nil
}

// recordAll records AllKeys for a bulk load (seed, restore) that writes
// past the audit layer; like catchUpIn and record, a no-op unless shared.
func (f *changeFeed) recordAll(tx ChangeTx) error {
	k := f.collect()
	k.add(AllKeys)
	return f.record(tx, k)
}

// The audit layer's session writes: no audit line (a login or logout is
// not a change to an entity; the password change or the disabling that
// ends sessions is recorded itself), but other instances must stop
// trusting the ended tokens at once. InsertToken passes through: a new
// session changes no cached answer.

// DeleteTokens implements UserTx.
func (t *auditTx) DeleteTokens(userID, keep string) error {
	if err := t.Tx.DeleteTokens(userID, keep); err != nil {
		return err
	}
	t.keys.add(authKeyPrefix + userID)
	return nil
}

// DeleteToken implements UserTx.
func (t *auditTx) DeleteToken(hash string) error {
	if err := t.Tx.DeleteToken(hash); err != nil {
		return err
	}
	t.keys.add(tokenKeyPrefix + hash)
	return nil
}

// bulkUpdate is raw.Update for the loads that write past the audit layer
// (seed, restore). They too begin as every write does (the series they
// save may skip holidays), and on a shared store record AllKeys: they
// change everything another instance may have cached, if only as empty.
func (s *Service) bulkUpdate(ctx context.Context, fn func(Tx) error) error {
	return s.raw.Update(ctx, func(tx Tx) error {
		if err := s.beginWrite(tx); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return s.changes.recordAll(tx)
	})
}
