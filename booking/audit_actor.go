package booking

import "context"

// actorKey carries who is acting through a write, so that the audit
// trail (written in the same transaction as the change) can name them
// without every store method taking a user.
type actorKey struct{}

// actingAs marks ctx as acting for actor; every Service method that
// writes calls it before its Update, so the audit line names the person.
// A write without it (seed, restore, the system's own sweeps) is the
// system's.
func actingAs(ctx context.Context, actor *User) context.Context {
	if actor == nil {
		return ctx
	}
	return context.WithValue(ctx, actorKey{}, actor)
}

// actorOf is the user a write acts for, nil for the system.
func actorOf(ctx context.Context) *User {
	u, _ := ctx.Value(actorKey{}).(*User)
	return u
}

// bySystem is tx with audit lines that name no actor, for a change the
// clock made that a person's write only stores (settleOverlapped).
func bySystem(tx Tx) Tx {
	if a, ok := tx.(*auditTx); ok {
		c := *a
		c.actor = nil
		return &c
	}
	return tx
}
