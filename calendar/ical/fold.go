package ical

// maxLineOctets is the longest content line RFC 5545 §3.1 allows, not
// counting the CRLF.
const maxLineOctets = 75

// appendFolded appends line to dst folded at 75 octets (RFC 5545 §3.1): a
// CRLF and one space before each continuation, which readers remove.
// go-ical does not fold and its maintainer declined to add it. A fold is
// never placed inside a UTF-8 sequence: Chinese titles are 3 octets a
// character, and a split character shows as mojibake in clients that
// decode each physical line. line must not contain CR or LF.
func appendFolded(dst []byte, line string) []byte {
	if len(line) <= maxLineOctets {
		return append(dst, line...)
	}
	col, last := 0, 0
	for i := 0; i < len(line); {
		n := seqLen(line[i])
		if col+n > maxLineOctets {
			dst = append(dst, line[last:i]...)
			dst = append(dst, '\r', '\n', ' ')
			last, col = i, 1
		}
		col += n
		i += n
	}
	return append(dst, line[last:]...)
}

// seqLen is the length of the UTF-8 sequence that lead octet b starts. An
// invalid lead octet counts as one, so arbitrary bytes still fold (text is
// made valid UTF-8 before it gets here).
func seqLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	default:
		return 1
	}
}
