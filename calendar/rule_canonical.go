package calendar

import (
	"strconv"
	"strings"
	"unicode"
)

// CanonicalRRule returns an RRULE value in the one form that is stored,
// answered and published: no "RRULE:" prefix, no white space, upper case,
// FREQ first and the other parts in the order given (RFC 5545 §3.3.10
// asks for FREQ first for compatibility). Whatever else is wrong with the
// rule, NewRule reports; this refuses only what could not be a bare value:
// a line break, a DTSTART or TZID inside it (the series' start says when
// and where), an empty part.
//
// Without it a rule typed as "RRULE:FREQ=WEEKLY" was stored as typed and
// published as "RRULE:RRULE:FREQ=WEEKLY", which no client reads.
func CanonicalRRule(value string) (string, error) {
	if strings.ContainsAny(value, "\r\n") {
		return "", ruleFieldErr("rrule", "重复规则只能有一行", "the RRULE must be one line")
	}
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, value)
	s = strings.TrimPrefix(s, "RRULE:")
	if s == "" {
		return "", ruleFieldErr("rrule", "缺少重复规则（例如 FREQ=WEEKLY;BYDAY=TU）", "rrule is required, e.g. FREQ=WEEKLY;BYDAY=TU")
	}
	var freq string
	var rest []string
	for _, kv := range strings.Split(strings.TrimSuffix(s, ";"), ";") {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok || k == "" || v == "":
			return "", ruleFieldErr("rrule", "重复规则无法解析：%q 不是 名称=值", "cannot parse RRULE: part %q is not NAME=VALUE", kv)
		case k == "DTSTART" || k == "TZID":
			return "", ruleFieldErr("rrule", "重复规则里不能写 %s：开始时间由 start 给出",
				"%s does not belong in the rule: start gives the first occurrence", k)
		case strings.Contains(k, ":"):
			return "", ruleFieldErr("rrule", "重复规则无法解析：%q（只写一次规则值，不带 RRULE: 前缀）",
				"cannot parse RRULE: %q (give the bare value once, without an RRULE: prefix)", kv)
		case k == "FREQ" && freq == "":
			freq = kv
		case k == "INTERVAL" || k == "COUNT":
			n, err := canonicalCount(v)
			if err != nil {
				return "", ruleFieldErr("rrule", "%s 须为正整数", "%s must be a positive whole number, not %q", k, v)
			}
			rest = append(rest, k+"="+n)
		default:
			rest = append(rest, kv)
		}
	}
	if freq == "" {
		return "", ruleFieldErr("rrule", "重复规则缺少 FREQ（例如 FREQ=WEEKLY）", "the RRULE needs FREQ (e.g. FREQ=WEEKLY)")
	}
	return strings.Join(append([]string{freq}, rest...), ";"), nil
}

// canonicalCount writes an INTERVAL or COUNT as RFC 5545 does: digits
// only (no sign), without leading zeros, so "02" and "2" store alike.
func canonicalCount(v string) (string, error) {
	if strings.Trim(v, "0123456789") != "" {
		return "", strconv.ErrSyntax
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return "", strconv.ErrSyntax
	}
	return strconv.Itoa(n), nil
}
