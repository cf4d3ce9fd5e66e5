package web

import (
	"bytes"
	"encoding/json"
	"sort"
	"time"
	"unicode/utf8"
)

// auditChange is one field of a line's images: before → after, "" where
// an image lacks the field (a create has no before, a delete no after).
type auditChange struct {
	Field, Before, After string
}

// auditChanges lists the fields that differ between two images, by name:
// for an update just what changed, for a create or a delete every field.
// Values are put in words: times in the site zone, lists and objects as
// compact JSON, cut short.
func auditChanges(before, after []byte, loc *time.Location) []auditChange {
	var b, a map[string]json.RawMessage
	_ = json.Unmarshal(before, &b) // nil or not an object: no fields
	_ = json.Unmarshal(after, &a)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var out []auditChange
	for k := range keys {
		if bytes.Equal(b[k], a[k]) {
			continue
		}
		out = append(out, auditChange{Field: k, Before: auditValue(b[k], loc), After: auditValue(a[k], loc)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// auditValueMax bounds a value shown (a series' parts can be long).
const auditValueMax = 120

// auditValue is one JSON value as a person reads it.
func auditValue(raw json.RawMessage, loc *time.Location) string {
	if raw == nil {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.In(loc).Format("2006-01-02 15:04")
		}
		return cut(s)
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return cut(string(raw))
	}
	return cut(buf.String())
}

func cut(s string) string {
	if utf8.RuneCountInString(s) <= auditValueMax {
		return s
	}
	return string([]rune(s)[:auditValueMax]) + "…"
}
