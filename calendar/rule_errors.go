package calendar

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError is a validation problem tied to one input field of a RuleSpec
// ("rrule", "start", "end" or "exdates"), so a form can show the message next
// to the field the user must change. Message is Chinese first with the
// English beside it, for staff and for logs.
type FieldError struct {
	Field   string
	Message string
}

// Error returns "<field>: <message>".
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// ErrTooMuchWork is returned when answering would exceed the per-call work
// bound (see ruleMaxWork), so that no request can stall the server. It means the
// question was too large (a window of centuries, a pathological rule), not
// that the data is wrong.
var ErrTooMuchWork = errors.New("calendar: 计算量超出上限 expansion would exceed the per-call work bound")

// Limits. They keep every call bounded; NewRule refuses specs beyond them.
const (
	// MaxCount caps COUNT: a bounded series is expanded whole (≤ 5000 dates).
	MaxCount = 5000
	// MaxInterval caps INTERVAL. It bounds the periodic tables used for exact
	// clash detection (a period is at most 1000 × 400 years), and no room
	// booking repeats less often than every 1000 days/weeks/months/years.
	MaxInterval = 1000
	// MaxExDates caps the number of EXDATEs of one series.
	MaxExDates = 5000
	// MaxClashPairs caps the limit argument of Clashes.
	MaxClashPairs = 10000
	// ruleMaxWork bounds one Between/IsOccurrence call in dates plus periods
	// visited (about 0.2 µs each in rrule-go: ~0.1 s worst case).
	ruleMaxWork = 500_000
	// clashMaxWork bounds one Clashes call in the same units (a candidate
	// pair checked with real instants costs 10): at most ~0.5 s. Building a
	// rule's periodic table is bounded separately (≤ 146,097 periods).
	clashMaxWork = 4_000_000
)

// ruleFieldErr builds a *FieldError; zh and en are format strings, zh using
// the first of args (as many as it has verbs), en all of them.
func ruleFieldErr(field, zh, en string, args ...any) *FieldError {
	n := strings.Count(zh, "%") - 2*strings.Count(zh, "%%")
	return &FieldError{Field: field, Message: fmt.Sprintf(zh, args[:min(n, len(args))]...) + " " + fmt.Sprintf(en, args...)}
}
