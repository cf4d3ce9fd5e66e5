package ical

import (
	"strings"
	"unicode/utf8"
)

// normaliseNewlines turns CRLF and lone CR into LF. go-ical's encoder refuses
// any CR in a value, and RFC 5545 §3.3.11 has a single escape (\n) for a line
// break, so this is the one form a break can take before escaping.
func normaliseNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// textEscaper implements the TEXT escapes of RFC 5545 §3.3.11.
var textEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\n", `\n`)

// escapeText returns s as a TEXT property value (RFC 5545 §3.3.11). Other
// control characters are not allowed in TEXT and are dropped, and invalid
// UTF-8 becomes U+FFFD (the charset is UTF-8, §3.1.4), so a stray NUL or a
// bad byte typed into a form cannot break a subscriber's parser.
func escapeText(s string) string {
	s = normaliseNewlines(s)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsFunc(s, isForbiddenControl) {
		s = strings.Map(func(r rune) rune {
			if isForbiddenControl(r) {
				return -1
			}
			return r
		}, s)
	}
	return textEscaper.Replace(s)
}

// isForbiddenControl reports the CONTROL characters of RFC 5545 §3.1 other
// than LF, which escapeText encodes as \n. HTAB is allowed.
func isForbiddenControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f
}

// unescapeText decodes a TEXT value (RFC 5545 §3.3.11). It is lenient the
// way importers must be: an unescaped comma is kept as a comma (go-ical's
// Prop.Text would cut the value there), and an unknown escape keeps the
// escaped character.
func unescapeText(s string) string {
	if !strings.ContainsRune(s, '\\') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
