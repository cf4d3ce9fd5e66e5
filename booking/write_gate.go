package booking

import (
	"context"
	"sync"
)

// writeGate closes the gap between a holiday change's commit and the
// touch of the holiday stamp. Write paths build a skip_holidays class's
// dates from the holiday cache, which follows that stamp; a booking
// written in the gap would still see the day off, and could take the
// time of a class date the change has just brought back. So every write
// transaction passes the gate shared, and a holiday change holds it alone
// from before its transaction until its stamp has moved. Holiday changes
// are rare, so nothing waits in practice; closures need no gate, since
// writes read them inside their own transaction.
type writeGate struct{ mu sync.RWMutex }

// gateKey marks a context that holds the gate alone.
type gateKey struct{}

// alone runs fn holding the gate exclusively; writes fn makes through the
// store pass it without waiting for themselves.
func (g *writeGate) alone(ctx context.Context, fn func(context.Context) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return fn(context.WithValue(ctx, gateKey{}, true))
}

// pass lets one write transaction through and returns its release.
func (g *writeGate) pass(ctx context.Context) func() {
	if ctx.Value(gateKey{}) != nil {
		return func() {}
	}
	g.mu.RLock()
	return g.mu.RUnlock
}
