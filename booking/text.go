package booking

import "unicode/utf8"

// checkText refuses text that is not UTF-8. The API's JSON decoder never
// hands such bytes on (it replaces them), but a form post, or a file, can
// carry any; stored, they would make every page and listing that shows
// them invalid too.
func checkText(field, s string) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "含有无法识别的字符，请重新输入 contains bytes that are not valid text (UTF-8); please type it again")
	}
	return nil
}
