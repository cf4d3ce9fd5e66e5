package booking

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// KindClosure marks a closure where occupants are listed: a conflict
// that refuses a one-off booking or a moved date inside it.
const KindClosure = "closure"

// MaxClosureReason is the longest reason staff may give for a closure.
const MaxClosureReason = 200

// MaxClosure caps one closure, as long as a listing window: a longer
// shutdown is two closures, and every preview stays bounded.
const MaxClosure = MaxWindow

// DefaultClosureReason is what a closure says when staff give no reason.
const DefaultClosureReason = "场馆临时关闭 temporarily closed"

// Closure is a room (or, with Room "", the whole centre) shut for the
// half-open interval [Start, End): bookings inside are cancelled when it
// is made, with its reason; series occurrences inside are suspended (left
// out of listings and feeds) for as long as it exists; nothing new may be
// booked or moved into it. It must end after it is made, and though it
// may start earlier it changes only what was still to come at CreatedAt:
// bookings already over or checked in, and class dates already over,
// stay as they were.
type Closure struct {
	ID        string
	Room      string // "" for the whole centre
	Start     time.Time
	End       time.Time
	Reason    string
	CreatedBy string
	CreatedAt time.Time
}

// closureJSON is a closure on the wire: the whole centre is room null.
type closureJSON struct {
	ID        string    `json:"id"`
	Room      *string   `json:"room"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Reason    string    `json:"reason"`
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// MarshalJSON writes the whole centre as "room": null, as it is asked for.
func (c Closure) MarshalJSON() ([]byte, error) {
	j := closureJSON{ID: c.ID, Start: c.Start, End: c.End, Reason: c.Reason, CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt}
	if c.Room != "" {
		j.Room = &c.Room
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes (snapshots).
func (c *Closure) UnmarshalJSON(b []byte) error {
	var j closureJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Closure{ID: j.ID, Start: j.Start, End: j.End, Reason: j.Reason, CreatedBy: j.CreatedBy, CreatedAt: j.CreatedAt}
	if j.Room != nil {
		c.Room = *j.Room
	}
	return nil
}

// loadClosures restores a snapshot's closures through their own checks.
func loadClosures(tx Tx, list []Closure) error {
	for _, c := range list {
		n := NewClosure{Room: c.Room, Start: c.Start, End: c.End, Reason: c.Reason}
		if err := n.validate(); err != nil {
			return fmt.Errorf("closure %s: %w", c.ID, err)
		}
		c.Reason = n.Reason
		if err := tx.InsertClosure(&c); err != nil {
			return fmt.Errorf("closure %s: %w", c.ID, err)
		}
	}
	return nil
}

// Covers reports whether the closure shuts room during [start, end).
func (c Closure) Covers(room string, start, end time.Time) bool {
	return (c.Room == "" || c.Room == room) && Overlaps(c.Start, c.End, start, end)
}

// Suspends reports whether the closure suspends a class date in room
// during [start, end): it covers the date, and the date had not ended
// when the closure was made. A closure may begin before it is made (a
// pipe burst an hour ago), but it changes only what is still to come: a
// date over by then took place, and stays in every listing, feed and
// report.
func (c Closure) Suspends(room string, start, end time.Time) bool {
	return c.Covers(room, start, end) && end.After(c.CreatedAt)
}

// shutFrom is when the closure starts to shut its room in the record:
// its start, or when it was made if that was later (the time before
// stays as it took place).
func (c Closure) shutFrom() time.Time {
	return later(c.Start, c.CreatedAt)
}

// NewClosure is what staff ask for.
type NewClosure struct {
	Room       string // "" for the whole centre
	Start, End time.Time
	Reason     string
}

// validate checks a closure request without the store and returns the
// reason as stored (trimmed; the default when empty).
func (n *NewClosure) validate() error {
	n.Start, n.End = n.Start.Truncate(time.Second), n.End.Truncate(time.Second)
	switch {
	case n.Start.IsZero():
		return Invalid("start", "缺少开始时间 start time is required (RFC 3339)")
	case n.End.IsZero():
		return Invalid("end", "缺少结束时间 end time is required (RFC 3339)")
	case checkTime("start", n.Start) != nil:
		return checkTime("start", n.Start)
	case checkTime("end", n.End) != nil:
		return checkTime("end", n.End)
	case !n.End.After(n.Start):
		return Invalid("end", "结束时间须晚于开始时间 end must be after start")
	case n.End.Sub(n.Start) > MaxClosure:
		return Invalid("end", "一次闭馆不能超过366天 a closure may last at most 366 days")
	}
	if err := checkText("reason", n.Reason); err != nil {
		return err
	}
	n.Reason = strings.TrimSpace(n.Reason)
	if n.Reason == "" {
		n.Reason = DefaultClosureReason
	}
	if utf8.RuneCountInString(n.Reason) > MaxClosureReason {
		return Invalid("reason", "原因不能超过%d个字符 the reason must be at most %d characters", MaxClosureReason, MaxClosureReason)
	}
	return nil
}

// Closures lists the closures f selects (anyone may read them: residents
// see them on the room page), times in the site zone.
func (s *Service) Closures(ctx context.Context, f ClosureFilter) ([]Closure, error) {
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return nil, Invalid("to", "结束须晚于开始 to must be after from")
	}
	var out []Closure
	err := s.store.View(ctx, func(tx Tx) error {
		if f.Room != "" {
			if _, err := tx.Room(f.Room); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.Closures(f)
		return err
	})
	for i := range out {
		s.presentClosure(&out[i])
	}
	return out, err
}

func (s *Service) presentClosure(c *Closure) {
	c.Start, c.End, c.CreatedAt = s.local(c.Start), s.local(c.End), s.local(c.CreatedAt)
}

// closuresKey is the version key every closure change touches: listings
// and feeds of every room depend on closures (a whole-centre closure
// suspends classes everywhere), so their stamps include it.
const closuresKey = "closures"
