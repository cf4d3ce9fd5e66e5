package web_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Generators of the render property: plausible requests, with a fair
// share of the nasty forms people and other calendar programs really
// send. Each takes the case's rng and what it needs of the current state,
// and returns concrete values (the log then replays them as they are).

// gen wraps the case's random source.
type gen struct{ r *rand.Rand }

func (g gen) pct(p int) bool           { return g.r.IntN(100) < p }
func (g gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }
func (g gen) between(lo, hi int) int   { return lo + g.r.IntN(hi-lo+1) }

// weighted picks index i with weight w[i].
func (g gen) weighted(w ...int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := g.r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// start draws a first occurrence or booking start: mostly soon after now
// at a plausible hour, sometimes in the past, at a DST change of the site
// zone (now's year and the next, and Shanghai's 1986–1991 DST), or in a
// far year.
func (g gen) start(now time.Time, pastOK bool) time.Time {
	loc := now.Location()
	switch g.weighted(60, 8, 14, 12) {
	case 0: // half within days, so that a tick of the clock makes them past
		d := now.AddDate(0, 0, []int{g.between(0, 4), g.between(0, 40)}[g.r.IntN(2)])
		return time.Date(d.Year(), d.Month(), d.Day(), g.between(6, 21), g.r.IntN(4)*15, 0, 0, loc)
	case 1:
		if pastOK {
			d := now.AddDate(0, 0, -g.between(1, 30))
			return time.Date(d.Year(), d.Month(), d.Day(), g.between(6, 21), 0, 0, 0, loc)
		}
		return now.Add(time.Duration(g.between(1, 48)) * time.Hour).Truncate(time.Hour)
	case 2:
		return g.dstEdge(now)
	}
	if g.pct(40) { // the last hours RFC 3339 and iCalendar can write
		return time.Date(9999, 12, 31, g.between(20, 23), g.r.IntN(2)*30, 0, 0, loc)
	}
	far := []time.Time{
		time.Date(9999, 12, 31, 22, 0, 0, 0, loc), time.Date(9999, 12, 30, 9, 0, 0, 0, loc),
		time.Date(9999, 6, 1, 9, 0, 0, 0, loc), time.Date(9998, 12, 31, 23, 30, 0, 0, loc),
		time.Date(1, 1, 1, 9, 0, 0, 0, loc), time.Date(1, 1, 2, 0, 30, 0, 0, loc),
		time.Date(1969, 12, 31, 23, 30, 0, 0, loc), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).In(loc),
		time.Date(2038, 1, 19, 3, 14, 7, 0, time.UTC).In(loc), time.Date(1900, 1, 1, 8, 0, 0, 0, loc),
		time.Date(3000, 2, 28, 10, 0, 0, 0, loc), time.Date(2100, 3, 1, 10, 0, 0, 0, loc),
	}
	return far[g.r.IntN(len(far))]
}

// dstEdge is a wall-clock time on (or a day or a week before) a day the
// zone's UTC offset changes, around the change: it may fall in the skipped
// or the repeated hour, or repeat into one of them.
func (g gen) dstEdge(now time.Time) time.Time {
	loc := now.Location()
	var edges []time.Time
	for _, y := range []int{now.Year(), now.Year() + 1, 1988, 1990, 9999} {
		edges = append(edges, zoneChanges(loc, y)...)
	}
	if len(edges) == 0 { // a zone without changes in those years
		return g.start(now, false)
	}
	e := edges[g.r.IntN(len(edges))].In(loc)
	day := e.AddDate(0, 0, -[]int{0, 0, 0, 1, 7}[g.r.IntN(5)])
	clocks := [][2]int{{1, 30}, {2, 0}, {2, 30}, {3, 0}, {3, 30}, {0, 30}, {1, 0}, {23, 30}}
	hm := clocks[g.r.IntN(len(clocks))]
	if hm[0] == 23 {
		day = day.AddDate(0, 0, -1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hm[0], hm[1], 0, 0, loc)
}

var zoneChangeCache sync.Map // "zone|year" -> []time.Time

// zoneChanges lists the instants in year y at which loc's offset changes.
func zoneChanges(loc *time.Location, y int) []time.Time {
	key := fmt.Sprintf("%s|%d", loc, y)
	if v, ok := zoneChangeCache.Load(key); ok {
		return v.([]time.Time)
	}
	out := scanZoneChanges(loc, y)
	zoneChangeCache.Store(key, out)
	return out
}

func scanZoneChanges(loc *time.Location, y int) []time.Time {
	var out []time.Time
	t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	_, prev := t.In(loc).Zone()
	for end := t.AddDate(1, 0, 0); t.Before(end); t = t.Add(time.Hour) {
		if _, off := t.In(loc).Zone(); off != prev {
			out, prev = append(out, t), off
		}
	}
	return out
}

// duration of one occurrence or booking; a few are out of bounds.
func (g gen) duration() time.Duration {
	ds := []time.Duration{time.Hour, 90 * time.Minute, 2 * time.Hour, 45 * time.Minute, 3 * time.Hour, 24 * time.Hour,
		23 * time.Hour, 24*time.Hour + time.Second, 0, -time.Hour}
	return ds[g.weighted(30, 20, 15, 10, 8, 5, 4, 3, 3, 2)]
}

// timeText writes t as RFC 3339: mostly in the site zone, sometimes in UTC,
// in an extreme offset, or with a fraction of a second.
func (g gen) timeText(t time.Time) string {
	w := []int{75, 10, 10, 5}
	if y := t.Year(); y <= 1 || y >= 9999 { // where the offset decides the year
		w = []int{40, 30, 25, 5}
	}
	switch g.weighted(w...) {
	case 1:
		return t.UTC().Format(time.RFC3339)
	case 2:
		offs := []int{-12 * 3600, 14 * 3600, 5*3600 + 45*60, -9*3600 - 30*60}
		return t.In(time.FixedZone("", offs[g.r.IntN(len(offs))])).Format(time.RFC3339)
	case 3:
		return t.Add(500 * time.Millisecond).Format(time.RFC3339Nano)
	}
	return t.Format(time.RFC3339)
}

// title draws a title: plain, long (100 characters, or 101), or with odd
// Unicode and characters that need escaping in iCalendar.
func (g gen) title() string {
	switch g.weighted(40, 15, 35, 5, 5) {
	case 0:
		return g.pick("太极 Tai chi", "书法班 Calligraphy", "合唱排练 Choir", "象棋 Chess", "Yoga")
	case 1:
		base := []rune(strings.Repeat("明珠社区合唱队每周排练，欢迎新队员加入；Mingzhu choir, welcome! ", 4))
		n := 100
		if g.pct(20) {
			n = 101
		}
		return string(base[:n])
	case 2:
		odd := []string{"🎵🎶 音乐", "e\u0301te\u0301 café", "👨\u200d👩\u200d👧 家庭", "\u202eRTL\u202c 文字", "\ufeffBOM 标题",
			"line\u2028sep", "tab\there", "a\r\nb", "lone\rcr", "nul\u0000byte", `back\slash; semi, colon:`, `"quoted" <b>html</b>`,
			"   ", "\u00a0nbsp\u00a0", "\U0001F600\U0001F4A9\U00010348", "ﷺ﷽", "\u0007bell\u001b[0m", "trailing space ",
			"SUMMARY:inject\nBEGIN:VEVENT", "长" + strings.Repeat("\u0301", 50)}
		return odd[g.r.IntN(len(odd))]
	case 3:
		return ""
	}
	return strings.Repeat("✓", g.between(1, 100))
}

// rrule draws a rule whose first occurrence is start (mostly), in the
// canonical form or in one of the forms people paste.
func (g gen) rrule(start time.Time) string {
	var parts []string
	freq := []string{"WEEKLY", "DAILY", "MONTHLY", "YEARLY", "HOURLY"}[g.weighted(45, 20, 20, 10, 5)]
	parts = append(parts, "FREQ="+freq)
	if g.pct(30) {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", g.between(2, 4)))
	} else if g.pct(4) {
		parts = append(parts, g.pick("INTERVAL=52", "INTERVAL=1000"))
	}
	parts = append(parts, g.byParts(freq, start)...)
	switch g.weighted(35, 30, 35) {
	case 0:
		n := g.between(1, 20)
		if g.pct(4) {
			n = 5000
		}
		parts = append(parts, fmt.Sprintf("COUNT=%d", n))
	case 1:
		parts = append(parts, "UNTIL="+g.until(start))
	}
	if g.pct(8) {
		parts = append(parts, "WKST=SU")
	}
	g.r.Shuffle(len(parts)-1, func(i, j int) { parts[i+1], parts[j+1] = parts[j+1], parts[i+1] })
	return g.mangle(strings.Join(parts, ";"), start)
}

var weekdayCode = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// byParts are BYDAY/BYMONTHDAY/BYMONTH parts matching start (mostly).
func (g gen) byParts(freq string, start time.Time) []string {
	wd := weekdayCode[start.Weekday()]
	switch freq {
	case "WEEKLY":
		switch g.weighted(55, 20, 20, 5) {
		case 0:
			return []string{"BYDAY=" + wd}
		case 1:
			return []string{"BYDAY=" + wd + "," + weekdayCode[(int(start.Weekday())+2)%7]}
		case 3:
			return []string{"BYDAY=" + weekdayCode[(int(start.Weekday())+1)%7]}
		}
	case "MONTHLY":
		nth := (start.Day()-1)/7 + 1
		last := start.AddDate(0, 0, 7).Month() != start.Month()
		switch g.weighted(30, 15, 30, 20, 5) {
		case 0:
			return []string{fmt.Sprintf("BYDAY=%d%s", nth, wd)}
		case 1:
			if last {
				return []string{"BYDAY=-1" + wd}
			}
			return []string{fmt.Sprintf("BYDAY=+%d%s", nth, wd)}
		case 2:
			return []string{fmt.Sprintf("BYMONTHDAY=%d", start.Day())}
		case 4:
			return []string{"BYDAY=6FR"}
		}
	case "YEARLY":
		if g.pct(50) {
			return []string{fmt.Sprintf("BYMONTH=%d", start.Month()), fmt.Sprintf("BYMONTHDAY=%d", start.Day())}
		}
	}
	return nil
}

// until writes an UNTIL some weeks after start, in one of its forms.
func (g gen) until(start time.Time) string {
	u := start.AddDate(0, 0, 7*g.between(0, 12))
	switch g.weighted(40, 20, 20, 8, 7, 5) {
	case 1:
		return u.Format("20060102T150405") // floating: the site zone's wall clock
	case 2:
		return u.Format("20060102") // a date: through that day
	case 3:
		return start.Add(-time.Hour).UTC().Format("20060102T150405Z") // before start
	case 4:
		return "99991231T235959Z"
	case 5:
		return strings.ToLower(u.UTC().Format("20060102T150405Z"))
	}
	return u.UTC().Format("20060102T150405Z")
}

// mangle sometimes rewrites a canonical rule as people paste it.
func (g gen) mangle(rule string, start time.Time) string {
	if !g.pct(35) {
		return rule
	}
	switch g.r.IntN(9) {
	case 0:
		return "RRULE:" + rule
	case 1:
		return strings.ToLower(rule)
	case 2:
		return " " + strings.ReplaceAll(strings.ReplaceAll(rule, ";", " ; "), "=", " = ") + " "
	case 3:
		return rule + ";"
	case 4:
		return "DTSTART;TZID=" + start.Location().String() + ":" + start.Format("20060102T150405") + "\nRRULE:" + rule
	case 5:
		return rule + ";DTSTART=" + start.UTC().Format("20060102T150405Z")
	case 6:
		return "rrule:" + strings.ToLower(rule)
	case 7:
		return "RRULE:" + rule + "\r\n"
	}
	return strings.ReplaceAll(rule, ";", ";\t")
}

// nextDates guesses the next occurrences after start for simple rules
// (good enough for exdates and overrides; a wrong guess is a refusal the
// property checks too).
func nextDates(start time.Time, rule string, n int) []time.Time {
	step := 7
	switch u := strings.ToUpper(rule); {
	case strings.Contains(u, "DAILY"):
		step = 1
	case strings.Contains(u, "MONTHLY"), strings.Contains(u, "YEARLY"):
		step = 28
	}
	out := []time.Time{start}
	for i := 1; i < n; i++ {
		out = append(out, start.AddDate(0, 0, step*i))
	}
	return out
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}
