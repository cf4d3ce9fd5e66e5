package ical

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// MaxImportSize is the largest .ics file Decode reads, 1 MiB: several
// years of a busy room's bookings. The HTTP handler caps the body too.
const MaxImportSize = 1 << 20

// Imported is one VEVENT of an imported file, not yet validated as a
// booking: the booking layer checks rooms, overlaps and rules.
type Imported struct {
	UID, Summary, Description, Location string
	// Line is the 1-based physical line of BEGIN:VEVENT in the input as
	// received (folded), as a text editor shows it.
	Line int
	// Start and End are instants in the zone of their TZID (or defaultLoc
	// for floating times, UTC for "Z" times). End comes from DTEND or
	// DTSTART + DURATION and is after Start.
	Start, End time.Time
	// RRule is the raw RRULE value, "" if none; UNTIL is kept as written.
	RRule string
	// ExDates are all EXDATE values, comma lists included.
	ExDates []time.Time
	// RecurrenceID is non-zero when this VEVENT overrides one occurrence
	// of the series with the same UID.
	RecurrenceID time.Time
	// Cancelled is STATUS:CANCELLED.
	Cancelled bool
}

// Decode reads the VEVENTs of an .ics file (RFC 5545) in file order. It
// refuses, with a *DecodeError naming the line and UID, what cannot become
// a timed booking or would be misread: a missing DTSTART, an all-day
// (DATE) time, an unknown TZID, RDATE, EXRULE, a RANGE override, an end
// not after the start. Floating times are read in defaultLoc. Other
// components (VTODO, VALARM, …) are ignored. Decode never panics, whatever
// the input.
func Decode(r io.Reader, defaultLoc *time.Location) (events []Imported, err error) {
	if defaultLoc == nil {
		return nil, errors.New("ical: Decode: defaultLoc is nil")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("ical: read: %w", err)
	}
	if len(data) > MaxImportSize {
		return nil, lineError(0, "", "文件超过 1 MiB 上限", "file larger than 1 MiB")
	}
	d := &decoder{defaultLoc: defaultLoc, vtz: map[string]*component{}, zones: map[string]*time.Location{}}
	defer func() {
		if p := recover(); p != nil {
			events = nil
			err = &DecodeError{Line: d.line, UID: d.uid, Message: bilingual("无法解析", fmt.Sprintf("cannot parse: %v", p))}
		}
	}()
	roots, err := parse(data)
	if err != nil {
		return nil, err
	}
	for _, cal := range roots {
		for _, c := range cal.children {
			if c.name == "VTIMEZONE" {
				for _, cl := range c.props {
					if cl.prop.Name == "TZID" { // TEXT: Outlook escapes the commas
						d.vtz[unescapeText(cl.prop.Value)] = c
					}
				}
			}
		}
	}
	for _, cal := range roots {
		for _, c := range cal.children {
			if c.name != "VEVENT" {
				continue
			}
			ev, err := d.event(c)
			if err != nil {
				return nil, err
			}
			events = append(events, ev)
		}
	}
	return events, nil
}

// decoder holds what one Decode call has learnt about its input.
type decoder struct {
	defaultLoc *time.Location
	vtz        map[string]*component     // embedded VTIMEZONEs by TZID
	zones      map[string]*time.Location // resolved TZIDs
	line       int                       // line being decoded, for errors
	uid        string                    // UID being decoded, for errors
}

// fail builds the DecodeError for property cl of the current VEVENT.
func (d *decoder) fail(cl *contentLine, zh, en string) *DecodeError {
	return &DecodeError{Line: cl.line, UID: d.uid, Field: cl.prop.Name, Message: bilingual(zh, en)}
}

// once lists the properties RFC 5545 §3.6.1 allows at most once that
// change the meaning of a booking; a second one is refused rather than
// guessed at.
var once = map[string]bool{"UID": true, "DTSTART": true, "DTEND": true, "DURATION": true, "RRULE": true, "RECURRENCE-ID": true}

// event decodes one VEVENT (RFC 5545 §3.6.1).
func (d *decoder) event(c *component) (Imported, error) {
	ev := Imported{Line: c.line}
	d.line, d.uid = c.line, ""
	byName := map[string]*contentLine{}
	for i := range c.props {
		cl := &c.props[i]
		name := cl.prop.Name
		if prev := byName[name]; prev != nil && once[name] {
			return ev, d.fail(cl, "重复的 "+name, "more than one "+name)
		}
		if byName[name] == nil {
			byName[name] = cl
		}
		if name == "UID" {
			d.uid = unescapeText(cl.prop.Value)
		}
	}
	ev.UID = d.uid
	if ev.UID == "" {
		return ev, &DecodeError{Line: c.line, Field: "UID", Message: bilingual("事件缺少 UID", "VEVENT has no UID (RFC 5545 §3.6.1)")}
	}
	for _, name := range []string{"RDATE", "EXRULE"} {
		if cl := byName[name]; cl != nil {
			return ev, d.fail(cl, "不支持 "+name+"，请把这些日期作为单独的预订", name+" is not supported; book those dates separately")
		}
	}
	text := func(name string) string {
		if cl := byName[name]; cl != nil {
			return unescapeText(cl.prop.Value)
		}
		return ""
	}
	ev.Summary, ev.Description, ev.Location = text("SUMMARY"), text("DESCRIPTION"), text("LOCATION")
	if cl := byName["RRULE"]; cl != nil {
		ev.RRule = strings.TrimSpace(cl.prop.Value) // RECUR, not TEXT: no escapes
	}
	ev.Cancelled = strings.EqualFold(strings.TrimSpace(text("STATUS")), "CANCELLED")

	start := byName["DTSTART"]
	if start == nil {
		return ev, &DecodeError{Line: c.line, UID: ev.UID, Field: "DTSTART", Message: bilingual("缺少开始时间", "missing DTSTART")}
	}
	var err error
	if ev.Start, err = d.dateTime(start, start.prop.Value); err != nil {
		return ev, err
	}
	if ev.End, err = d.end(c, ev.Start, byName["DTEND"], byName["DURATION"]); err != nil {
		return ev, err
	}
	for i := range c.props {
		if cl := &c.props[i]; cl.prop.Name == "EXDATE" {
			for _, v := range strings.Split(cl.prop.Value, ",") {
				t, err := d.dateTime(cl, v)
				if err != nil {
					return ev, err
				}
				ev.ExDates = append(ev.ExDates, t)
			}
		}
	}
	if cl := byName["RECURRENCE-ID"]; cl != nil {
		if r := cl.prop.Params.Get("RANGE"); r != "" {
			return ev, d.fail(cl, "不支持修改“此次及以后”的重复", "RANGE="+r+" is not supported (RFC 5545 §3.2.13)")
		}
		if ev.RecurrenceID, err = d.dateTime(cl, cl.prop.Value); err != nil {
			return ev, err
		}
	}
	return ev, nil
}

// end reads DTEND, or DTSTART + DURATION (RFC 5545 §3.6.1, §3.8.2.5).
func (d *decoder) end(c *component, start time.Time, dtend, dur *contentLine) (time.Time, error) {
	var end time.Time
	switch {
	case dtend != nil && dur != nil:
		return end, d.fail(dur, "DTEND 与 DURATION 不能同时出现", "DTEND and DURATION together (RFC 5545 §3.6.1)")
	case dtend != nil:
		var err error
		if end, err = d.dateTime(dtend, dtend.prop.Value); err != nil {
			return end, err
		}
		if !end.After(start) {
			return end, d.fail(dtend, "结束时间须晚于开始时间", "DTEND must be after DTSTART")
		}
	case dur != nil:
		days, secs, ok := parseDuration(strings.TrimSpace(dur.prop.Value))
		if !ok {
			return end, d.fail(dur, "时长格式错误", "malformed DURATION (RFC 5545 §3.3.6)")
		}
		if end = addNominal(start, days, secs); !end.After(start) {
			return end, d.fail(dur, "时长须大于零", "DURATION must be positive")
		}
	default:
		return end, &DecodeError{Line: c.line, UID: d.uid, Field: "DTEND", Message: bilingual("缺少结束时间（DTEND 或 DURATION）", "missing DTEND or DURATION")}
	}
	return end, nil
}

// dateTime reads one DATE-TIME value of property cl (RFC 5545 §3.3.5):
// UTC ("Z"), local with TZID, or floating, which is read in defaultLoc.
// A DATE (all-day) value is refused: rooms are booked in timed slots.
func (d *decoder) dateTime(cl *contentLine, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if strings.EqualFold(cl.prop.Params.Get("VALUE"), "DATE") || len(v) == len(dateLayout) {
		return time.Time{}, d.fail(cl, "不支持全天事件，只能预订具体时段", "all-day (DATE) values are not supported: rooms are booked in timed slots")
	}
	if t, err := time.Parse(utcLayout, v); err == nil {
		return t, nil
	}
	wall, err := time.Parse(localLayout, v)
	if err != nil {
		return time.Time{}, d.fail(cl, "日期时间格式错误："+v, "malformed DATE-TIME "+v+" (expected YYYYMMDDTHHMMSS[Z])")
	}
	loc := d.defaultLoc
	if tzid := cl.prop.Params.Get("TZID"); tzid != "" {
		if loc = d.zone(tzid); loc == nil {
			return time.Time{}, d.fail(cl, "未知时区 TZID "+tzid, "unknown time zone TZID "+tzid)
		}
	}
	return atWall(wall, loc), nil
}

// zone resolves a TZID once per Decode.
func (d *decoder) zone(tzid string) *time.Location {
	if loc, ok := d.zones[tzid]; ok {
		return loc
	}
	loc := resolveTZID(tzid, d.vtz)
	d.zones[tzid] = loc
	return loc
}
