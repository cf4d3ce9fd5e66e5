package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Encode writes cal as an iCalendar feed (RFC 5545) for subscription:
// METHOD:PUBLISH, one VTIMEZONE for Loc, the events in the given order,
// lines folded at 75 octets and ended by CRLF. The same input always gives
// the same bytes. cal is checked before anything is written, so an error
// leaves w untouched unless writing to w itself fails.
func Encode(w io.Writer, cal Calendar) error {
	tzid, err := checkLoc(cal.Loc)
	if err != nil {
		return err
	}
	fromYear, toYear := emptyFeedYear, emptyFeedYear
	open := false
	for i := range cal.Events {
		e := &cal.Events[i]
		if err := checkEvent(e); err != nil {
			return fmt.Errorf("ical: event %d (UID %q): %w", i, e.UID, err)
		}
		lo, hi := eventYears(e, cal.Loc)
		if i == 0 || lo < fromYear {
			fromYear = lo
		}
		if i == 0 || hi > toYear {
			toYear = hi
		}
		if e.RRule != "" && untilValue(e.RRule) == "" {
			// Open-ended: the feed reaches past every rule change the
			// zone data knows, so probe as far as vtimezone allows. (A
			// class from 1980 in Berlin otherwise got that year's "first
			// Sunday of April" for ever.)
			open = true
		}
	}
	if open {
		toYear = max(toYear, fromYear+maxProbe)
	}

	cw := &contentWriter{w: w, buf: make([]byte, 0, flushAt+1024)}
	cw.begin("VCALENDAR")
	writeCalendarProps(cw, cal, tzid)
	writeVTimezone(cw, tzid, vtimezone(cal.Loc, fromYear, toYear))
	writeEvents(cw, cal.Events, cal.Loc, ";TZID="+paramValue(tzid))
	cw.end("VCALENDAR")
	cw.flush()
	if cw.err != nil {
		return fmt.Errorf("ical: write: %w", cw.err)
	}
	return nil
}

// parallelFrom is the number of events above which the second half is
// encoded on another goroutine: a busy room's feed (thousands of
// bookings) is rebuilt on the request path after every change, and both
// halves give the same bytes as one pass.
const parallelFrom = 2000

func writeEvents(cw *contentWriter, evs []Event, loc *time.Location, tzParam string) {
	if len(evs) < parallelFrom {
		for i := range evs {
			writeEvent(cw, &evs[i], loc, tzParam)
		}
		return
	}
	half := len(evs) / 2
	var second bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		sub := &contentWriter{w: &second, buf: make([]byte, 0, flushAt+1024)}
		for i := half; i < len(evs); i++ {
			writeEvent(sub, &evs[i], loc, tzParam)
		}
		sub.flush()
	}()
	for i := 0; i < half; i++ {
		writeEvent(cw, &evs[i], loc, tzParam)
	}
	<-done
	cw.flush()
	if cw.err == nil {
		_, cw.err = cw.w.Write(second.Bytes())
	}
}

// emptyFeedYear anchors the VTIMEZONE of a feed without events, which no
// client consults, so that its bytes do not depend on the clock.
const emptyFeedYear = 2026

// writeCalendarProps writes the VCALENDAR properties that tell subscribers
// what the feed is and how often to poll it.
func writeCalendarProps(cw *contentWriter, cal Calendar, tzid string) {
	prodID := cal.ProdID
	if prodID == "" {
		prodID = DefaultProdID
	}
	cw.prop("PRODID", "", escapeText(prodID))
	cw.prop("VERSION", "", "2.0")
	cw.prop("CALSCALE", "", "GREGORIAN")
	cw.prop("METHOD", "", "PUBLISH") // RFC 5546 §3.2.1
	if cal.Name != "" {
		cw.prop("NAME", "", escapeText(cal.Name)) // RFC 7986 §5.1
		cw.prop("X-WR-CALNAME", "", escapeText(cal.Name))
	}
	cw.prop("X-WR-TIMEZONE", "", tzid)
	// RFC 7986 §5.7 requires VALUE=DURATION, which go-ical's SetDuration
	// drops.
	cw.prop("REFRESH-INTERVAL", ";VALUE=DURATION", "PT1H")
	cw.prop("X-PUBLISHED-TTL", "", "PT1H")
}

// writeEvent writes the VEVENT of e (RFC 5545 §3.6.1), its times local to
// loc with tzParam (";TZID=…").
func writeEvent(cw *contentWriter, e *Event, loc *time.Location, tzParam string) {
	local := func(t time.Time) string { return t.In(loc).Format(localLayout) }
	stamp := e.LastModified.UTC().Format(utcLayout)
	cw.begin("VEVENT")
	cw.prop("UID", "", escapeText(e.UID))
	cw.prop("DTSTAMP", "", stamp)
	cw.prop("DTSTART", tzParam, local(e.Start))
	cw.prop("DTEND", tzParam, local(e.End))
	if e.RRule != "" {
		cw.prop("RRULE", "", e.RRule)
	}
	for _, t := range e.ExDates {
		cw.prop("EXDATE", tzParam, local(t))
	}
	if !e.RecurrenceID.IsZero() {
		cw.prop("RECURRENCE-ID", tzParam, local(e.RecurrenceID))
	}
	cw.prop("SUMMARY", "", cw.text(e.Summary))
	if e.Location != "" {
		cw.prop("LOCATION", "", cw.text(e.Location))
	}
	if e.Description != "" {
		cw.prop("DESCRIPTION", "", cw.text(e.Description))
	}
	cw.prop("SEQUENCE", "", strconv.Itoa(e.Sequence))
	cw.prop("LAST-MODIFIED", "", stamp)
	if e.Transparent {
		cw.prop("TRANSP", "", "TRANSPARENT")
	} else {
		cw.prop("TRANSP", "", "OPAQUE") // busy: a booking blocks the room
	}
	if e.Status != "" {
		cw.prop("STATUS", "", e.Status)
	}
	cw.end("VEVENT")
}

// zoneNames caches which zone names time.LoadLocation accepts.
var zoneNames sync.Map // string → bool

// checkLoc returns the TZID for loc. Only zones loaded by IANA name can be
// written: "Local" and a FixedZone's abbreviation name no zone a client
// (or rrule-go, or Decode) can find.
func checkLoc(loc *time.Location) (string, error) {
	if loc == nil {
		return "", errors.New("ical: Calendar.Loc is nil")
	}
	name := loc.String()
	ok, seen := zoneNames.Load(name)
	if !seen {
		_, err := time.LoadLocation(name)
		ok = err == nil && name != "Local"
		zoneNames.Store(name, ok)
	}
	if !ok.(bool) {
		return "", fmt.Errorf("ical: Calendar.Loc %q is not an IANA zone name; load it with time.LoadLocation", name)
	}
	return name, nil
}

// checkEvent refuses what would make an invalid VEVENT, or one that
// clients read differently from what the booking means.
func checkEvent(e *Event) error {
	switch {
	case e.UID == "":
		return errors.New("UID is empty")
	case e.Start.IsZero() || e.End.IsZero():
		return errors.New("Start and End are required")
	case !e.End.Truncate(time.Second).After(e.Start.Truncate(time.Second)):
		return errors.New("End must be after Start (RFC 5545 §3.8.2.2)")
	case e.LastModified.IsZero():
		return errors.New("LastModified is required: it is also DTSTAMP")
	case len(e.ExDates) > 0 && e.RRule == "":
		return errors.New("ExDates without RRule")
	}
	switch e.Status {
	case "", "CONFIRMED", "TENTATIVE", "CANCELLED":
	default:
		return fmt.Errorf("Status %q is not CONFIRMED, TENTATIVE or CANCELLED", e.Status)
	}
	return checkRRule(e.RRule)
}

// checkRRule catches the mistakes a caller can make with the raw value.
func checkRRule(r string) error {
	if r == "" {
		return nil
	}
	if strings.ContainsAny(r, "\r\n:") {
		return fmt.Errorf("RRule %q must be the bare value, without \"RRULE:\" or line breaks", r)
	}
	if !strings.Contains(strings.ToUpper(r), "FREQ=") {
		return fmt.Errorf("RRule %q has no FREQ (RFC 5545 §3.3.10)", r)
	}
	if u := untilValue(r); u != "" && !strings.HasSuffix(u, "Z") {
		return fmt.Errorf("RRule %q: UNTIL must be UTC (…Z) when DTSTART has a TZID (RFC 5545 §3.3.10)", r)
	}
	return nil
}

// untilValue returns the UNTIL part of an RRULE value, or "".
func untilValue(r string) string {
	for _, part := range strings.Split(r, ";") {
		if k, v, ok := strings.Cut(part, "="); ok && strings.EqualFold(k, "UNTIL") {
			return v
		}
	}
	return ""
}

// eventYears returns the first and last calendar years in loc of the times
// e writes, UNTIL included, so the VTIMEZONE covers all of them.
func eventYears(e *Event, loc *time.Location) (lo, hi int) {
	lo, hi = e.Start.In(loc).Year(), e.End.In(loc).Year()
	widen := func(t time.Time) {
		y := t.In(loc).Year()
		lo, hi = min(lo, y), max(hi, y)
	}
	for _, t := range e.ExDates {
		widen(t)
	}
	if !e.RecurrenceID.IsZero() {
		widen(e.RecurrenceID)
	}
	if u, err := time.Parse(utcLayout, untilValue(e.RRule)); err == nil {
		widen(u)
	}
	return lo, hi
}
