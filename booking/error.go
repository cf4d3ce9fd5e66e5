package booking

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Error codes. They are the only vocabulary the web layer needs to choose a
// status code, so every failure the domain can report maps to one of these.
const (
	EINVALID = "invalid"
	// EPOLICY is a request a room's house rules refuse (Error.Rule names
	// the rule): well formed, but not allowed to this person.
	EPOLICY       = "policy"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	ETOOLARGE     = "too_large"
	EUNAVAILABLE  = "unavailable"
	ERATELIMITED  = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is the one error type the domain returns to callers: a code for
// machines, a message for people (Chinese first, English beside it), the
// field it concerns, and for conflicts the clashing entries.
type Error struct {
	Code    string
	Field   string
	Message string
	// Rule names, for EPOLICY, the house rule that refuses the request
	// ("max_minutes", "weekly_quota").
	Rule string
	// Conflicts lists what a booking clashes with (one-off bookings).
	Conflicts []Conflict
	// Clashes lists, for a series, which of its occurrences clash with what.
	Clashes []Clash
	// Total is the full number of clashes; nil when there are infinitely many.
	Total *int
	// RetryAfter is, for ERATELIMITED, how long until a new attempt can
	// be accepted.
	RetryAfter time.Duration
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf builds a coded error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports bad input in one field; the message should name what is
// wrong in words a resident understands.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// Policy reports a request refused by the house rule named rule; field is
// the input a person would change to comply.
func Policy(rule, field, format string, args ...any) *Error {
	return &Error{Code: EPOLICY, Rule: rule, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports a missing entity of the given kind ("room", "booking").
func NotFound(field, format string, args ...any) *Error {
	return &Error{Code: ENOTFOUND, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a domain error, or EINTERNAL for any other.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return EUNAVAILABLE // the request's time ran out waiting: overload
	}
	return EINTERNAL
}

// ErrorMessage returns the message safe to show to a person: internal
// errors are never shown as they are, since they may reveal internals.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "服务繁忙，请稍后再试 busy, please try again shortly"
	}
	return "内部错误 internal error"
}
