package web

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mingzhu/booking"
)

// errText is a domain error's message in one language. The domain writes
// each message in both, Chinese first ("该时段已被占用 the room is already
// taken"), which the API answers as it is; a page shows only the half in
// its own language. Internal errors show the catalog's words.
func (s *Server) errText(lang string, err error) string {
	code := booking.ErrorCode(err)
	if code == booking.EINTERNAL || code == booking.EUNAVAILABLE {
		return s.pages.cats[lang].translate("error." + code)
	}
	msg := booking.ErrorMessage(err)
	if e, ok := err.(*booking.Error); ok && e.Field != "" {
		msg = strings.TrimPrefix(msg, e.Field+": ")
	}
	zh, en := splitBilingual(msg)
	if lang == langEN {
		return en
	}
	return zh
}

// splitBilingual splits "中文 english" at the first space that follows a
// Chinese character and precedes a Latin letter. A message with no such
// space is shown whole in both languages. (TestBilingualMessages holds
// every message the domain writes to this shape.)
func splitBilingual(msg string) (zh, en string) {
	prevCJK := false
	for i, r := range msg {
		if r == ' ' && prevCJK {
			next, _ := utf8.DecodeRuneInString(msg[i+1:])
			if next < utf8.RuneSelf && unicode.IsLetter(next) {
				return strings.TrimSpace(msg[:i]), strings.TrimSpace(msg[i+1:])
			}
		}
		prevCJK = isCJK(r)
	}
	return msg, msg
}

// isCJK is a Chinese character or full-width punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// formErrors collects, for a form, each field's message; a refusal tied
// to no field (or to a field the form does not have) goes under "".
type formErrors map[string]string

// add records err for the form whose fields are listed; it reports
// whether err was a refusal a person can fix (else the caller should
// show the error page).
func (fe formErrors) add(s *Server, lang string, err error, fields ...string) bool {
	switch booking.ErrorCode(err) {
	case booking.EINTERNAL, booking.EUNAVAILABLE, booking.ENOTFOUND:
		return false
	}
	field := ""
	if e, ok := err.(*booking.Error); ok {
		for _, f := range fields {
			if f == e.Field {
				field = f
			}
		}
	}
	fe[field] = s.errText(lang, err)
	return true
}
