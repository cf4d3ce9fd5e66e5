package web

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"mingzhu/booking"
)

// leadWeekdays are RFC 5545's weekday codes, Monday first, as the form's
// checkboxes and the words for a rule list them.
var leadWeekdays = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// leadDayCode is a weekday's RFC 5545 code.
func leadDayCode(d time.Weekday) string { return leadWeekdays[(int(d)+6)%7] }

// leadRuleParts splits an RRULE value into its NAME=value parts.
func leadRuleParts(rrule string) map[string]string {
	out := map[string]string{}
	for _, kv := range strings.Split(rrule, ";") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			out[strings.ToUpper(k)] = v
		}
	}
	return out
}

// leadRuleShape is a rule the words cover: every Interval days or weeks, on
// Days (weekly rules, Monday first).
type leadRuleShape struct {
	Freq     string
	Interval int
	Days     []string
}

// leadShapeOf reads a part's rule as a leadRuleShape; ok is false for what the
// words do not cover (ordinals such as 1MO, months, other frequencies).
// A weekly rule naming no day repeats on the first date's weekday.
func leadShapeOf(p booking.Part) (sh leadRuleShape, ok bool) {
	rp := leadRuleParts(p.RRule)
	sh = leadRuleShape{Freq: rp["FREQ"], Interval: 1}
	for k, v := range rp {
		switch k {
		case "FREQ", "UNTIL", "COUNT", "WKST":
		case "INTERVAL":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return sh, false
			}
			sh.Interval = n
		case "BYDAY":
			if sh.Freq != "WEEKLY" {
				return sh, false
			}
			for _, d := range strings.Split(v, ",") {
				if !slices.Contains(leadWeekdays, d) {
					return sh, false
				}
				sh.Days = append(sh.Days, d)
			}
		default:
			return sh, false
		}
	}
	switch sh.Freq {
	case "DAILY":
		return sh, true
	case "WEEKLY":
		if len(sh.Days) == 0 {
			sh.Days = []string{leadDayCode(p.Start.Weekday())}
		}
		slices.SortFunc(sh.Days, func(a, b string) int { return slices.Index(leadWeekdays, a) - slices.Index(leadWeekdays, b) })
		sh.Days = slices.Compact(sh.Days)
		return sh, true
	}
	return sh, false
}

// leadRuleWords says how a part repeats, as people say it: "每周一、三",
// "每2周的周二", "每天" (also for a weekly rule on all seven days, as the
// team page says it), or in English "Every Mon, Wed". A rule the words do
// not cover is shown as written.
func (s *Server) leadRuleWords(p Page, part booking.Part) string {
	sh, ok := leadShapeOf(part)
	switch {
	case !ok:
		return s.T(p, "lead.rule.raw", part.RRule)
	case sh.Freq == "DAILY" && sh.Interval == 1, sh.Freq == "WEEKLY" && sh.Interval == 1 && len(sh.Days) == 7:
		return s.T(p, "lead.rule.daily")
	case sh.Freq == "DAILY":
		return s.T(p, "lead.rule.daily_n", sh.Interval)
	}
	names := make([]string, len(sh.Days))
	for i, d := range sh.Days {
		names[i] = s.T(p, "lead.wd."+d)
	}
	list := strings.Join(names, s.T(p, "lead.list_sep"))
	if sh.Interval == 1 {
		return s.T(p, "lead.rule.weekly", list)
	}
	return s.T(p, "lead.rule.weekly_n", sh.Interval, list)
}

// leadRuleSpan is the rule in words with the time of day: "每周一、三 14:00–16:00".
func (s *Server) leadRuleSpan(p Page, part booking.Part) string {
	return s.leadRuleWords(p, part) + " " + spanOf(p.Lang, part.Start, part.End)
}

// leadTitleIn shows a bilingual name ("合唱排练 Choir rehearsal", as the
// demo classes are named) in the page's language; a name in one language
// stays whole.
func leadTitleIn(lang, title string) string {
	zh, en := splitBilingual(title)
	if lang == langEN {
		return en
	}
	return zh
}

// leadLongDate is a date with its year, for a class's first and last
// dates, which may lie in other years: "2026年12月1日", "1 Dec 2026".
func leadLongDate(lang string, t time.Time) string {
	if lang == langEN {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2006年1月2日")
}
