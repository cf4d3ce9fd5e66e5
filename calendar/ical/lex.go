package ical

import (
	"bytes"
	"strings"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// Decoding reads content lines with its own small lexer rather than
// go-ical's Decoder: go-ical reports no line numbers, which staff need to
// find a fault in a 2,000-line export, and it panics on some malformed
// lines (a parameter value followed by an unexpected character).

// contentLine is one unfolded content line (RFC 5545 §3.1).
type contentLine struct {
	line int // physical line where it starts, 1-based
	prop goical.Prop
}

// component is a parsed BEGIN … END block.
type component struct {
	name     string
	line     int // line of its BEGIN
	props    []contentLine
	children []*component
}

// maxDepth bounds nesting: real files go VCALENDAR > VEVENT > VALARM.
const maxDepth = 8

// parse unfolds data and builds the component tree of the VCALENDAR
// objects in it. LF alone is accepted as a line end, as most readers do.
func parse(data []byte) ([]*component, error) {
	var roots []*component
	var stack []*component
	handle := func(cl contentLine) error {
		p := &cl.prop
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(p.Value)
			if len(stack) == 0 && name != goical.CompCalendar {
				return lineError(cl.line, "BEGIN", "文件须以 BEGIN:VCALENDAR 开始", "expected BEGIN:VCALENDAR")
			}
			if len(stack) == maxDepth {
				return lineError(cl.line, "BEGIN", "组件嵌套过深", "components nested too deeply")
			}
			c := &component{name: name, line: cl.line}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, c)
			} else {
				roots = append(roots, c)
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || !strings.EqualFold(stack[len(stack)-1].name, p.Value) {
				return lineError(cl.line, "END", "END:"+p.Value+" 与前面的 BEGIN 不配对", "END:"+p.Value+" does not match the open BEGIN")
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return lineError(cl.line, p.Name, "属性出现在 VCALENDAR 之外", "property outside VCALENDAR")
			}
			top := stack[len(stack)-1]
			top.props = append(top.props, cl)
		}
		return nil
	}

	var cur []byte // the logical line being unfolded
	curLine := 0
	flush := func() error {
		if curLine == 0 {
			return nil
		}
		cl, err := parseContentLine(cur, curLine)
		if err != nil {
			return err
		}
		curLine = 0
		return handle(cl)
	}
	for n := 1; len(data) > 0; n++ {
		raw := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		raw = bytes.TrimSuffix(raw, []byte{'\r'})
		switch {
		case len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t'):
			if curLine == 0 {
				return nil, lineError(n, "", "续行之前没有内容行", "continuation line with nothing to continue")
			}
			cur = append(cur, raw[1:]...) // §3.1: remove CRLF and one space
		case len(bytes.TrimSpace(raw)) == 0:
			// Blank lines are not allowed but common at the end of files.
			if err := flush(); err != nil {
				return nil, err
			}
		default:
			if err := flush(); err != nil {
				return nil, err
			}
			cur, curLine = append(cur[:0], raw...), n
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(stack) > 0 {
		c := stack[len(stack)-1]
		return nil, lineError(c.line, "BEGIN", "BEGIN:"+c.name+" 没有对应的 END", "BEGIN:"+c.name+" is never closed")
	}
	if len(roots) == 0 {
		return nil, lineError(0, "", "不是 iCalendar 文件：没有 VCALENDAR", "not an iCalendar file: no VCALENDAR")
	}
	return roots, nil
}

// parseContentLine splits name *(";" param) ":" value (RFC 5545 §3.1).
func parseContentLine(b []byte, line int) (contentLine, error) {
	if !utf8.Valid(b) {
		return contentLine{}, lineError(line, "", "不是有效的 UTF-8 文本", "not valid UTF-8 (RFC 5545 §3.1.4)")
	}
	s := string(b)
	i := strings.IndexAny(s, ";:")
	if i <= 0 || !isName(s[:i]) {
		return contentLine{}, lineError(line, "", "无法识别的内容行", "malformed content line: no property name or no colon")
	}
	p := goical.Prop{Name: strings.ToUpper(s[:i]), Params: goical.Params{}}
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		eq := strings.IndexByte(s, '=')
		if eq < 2 || !isName(s[1:eq]) {
			return contentLine{}, lineError(line, p.Name, "参数格式错误", "malformed parameter")
		}
		name := strings.ToUpper(s[1:eq])
		s = s[eq+1:]
		for {
			var v string
			if strings.HasPrefix(s, `"`) {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return contentLine{}, lineError(line, p.Name, "参数引号未闭合", "unterminated quoted parameter value")
				}
				v, s = s[1:1+end], s[2+end:]
			} else {
				end := strings.IndexAny(s, `;:,"`)
				if end < 0 {
					return contentLine{}, lineError(line, p.Name, "缺少冒号", "missing colon")
				}
				if s[end] == '"' {
					return contentLine{}, lineError(line, p.Name, "参数值格式错误", "malformed parameter value")
				}
				v, s = s[:end], s[end:]
			}
			p.Params[name] = append(p.Params[name], v)
			if !strings.HasPrefix(s, ",") {
				break
			}
			s = s[1:]
		}
		if len(s) == 0 || (s[0] != ';' && s[0] != ':') {
			return contentLine{}, lineError(line, p.Name, "参数后缺少冒号", "expected ';' or ':' after parameter")
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return contentLine{}, lineError(line, p.Name, "缺少冒号", "missing colon")
	}
	p.Value = s[1:]
	return contentLine{line: line, prop: p}, nil
}

// isName reports an iana-token or x-name (RFC 5545 §3.1): letters, digits
// and "-".
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '-' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return s != ""
}

func lineError(line int, field, zh, en string) *DecodeError {
	return &DecodeError{Line: line, Field: field, Message: bilingual(zh, en)}
}
