package booking

import (
	"strings"
	"unicode/utf8"
)

// checkText refuses text that is not UTF-8, or holds a NUL character.
// The API's JSON decoder never hands invalid bytes on (it replaces them),
// but a form post, or a file, can carry any; stored, they would make every
// page and listing that shows them invalid too. NUL ("\u0000" in JSON) is
// no character anyone types, and PostgreSQL's text cannot hold it: it
// would be a store error on one store and stored on the other.
func checkText(field, s string) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "含有无法识别的字符，请重新输入 contains bytes that are not valid text (UTF-8); please type it again")
	}
	if strings.IndexByte(s, 0) >= 0 {
		return Invalid(field, "含有空字符（NUL），请重新输入 contains a NUL character; please type it again")
	}
	return nil
}
