package ical

import (
	"fmt"
	"strings"
)

// DecodeError says what in an imported .ics file cannot be booked, and
// where, so staff can fix the file or the booking by hand. Decode returns
// it for every refusal, wrapped in nothing: use errors.As.
type DecodeError struct {
	// Line is the 1-based physical line of the input (as a text editor
	// numbers it, before unfolding) where the offending property or
	// component begins; 0 when the error concerns the whole file.
	Line int
	// UID is the UID of the VEVENT concerned, "" if unknown.
	UID string
	// Field is the property concerned (DTSTART, TZID, …), "" if none.
	Field string
	// Message is the reason, Chinese first with English beside, e.g.
	// "缺少开始时间（missing DTSTART）".
	Message string
}

// Error names the line and the UID, Chinese first with English beside:
// 第 12 行（line 12），UID "a@b"，DTSTART：缺少开始时间（missing DTSTART）.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("ics 导入失败（import failed）：")
	if e.Line > 0 {
		fmt.Fprintf(&b, "第 %d 行（line %d），", e.Line, e.Line)
	}
	if e.UID != "" {
		fmt.Fprintf(&b, "UID %q，", e.UID)
	}
	if e.Field != "" {
		b.WriteString(e.Field + "：")
	}
	b.WriteString(e.Message)
	return b.String()
}

// bilingual joins the two versions of a message the way Message shows them.
func bilingual(zh, en string) string {
	return zh + "（" + en + "）"
}
