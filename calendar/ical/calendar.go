package ical

import "time"

// DefaultProdID names this product in PRODID (RFC 5545 §3.7.3) when
// Calendar.ProdID is empty.
const DefaultProdID = "-//Mingzhu Community//Mingzhu Rooms//ZH"

// Calendar is one published feed: the bookings of one room, or of a team,
// as subscribers see them.
type Calendar struct {
	// Name is shown as the calendar's title, e.g. "明珠社区 · 书法室
	// Calligraphy room". It is written as NAME (RFC 7986 §5.1) and as
	// X-WR-CALNAME, which Google and Apple read instead.
	Name string
	// Loc is the site's zone, loaded by IANA name (Asia/Shanghai). Every
	// time is written in it with TZID, so a weekly booking stays at 19:00
	// local across DST changes, with its VTIMEZONE; X-WR-TIMEZONE names it.
	Loc *time.Location
	// ProdID defaults to DefaultProdID.
	ProdID string
	// Events are written in this order; the caller sorts them (for
	// example by start, then UID) so the bytes, and so the ETag, change
	// only when a booking does.
	Events []Event
}

// Event is one VEVENT (RFC 5545 §3.6.1): a single booking, a weekly
// series, or an override of one occurrence of a series.
type Event struct {
	// UID is stable across edits: a subscriber matches updates by it.
	UID                            string
	Summary, Location, Description string
	// Start and End are written as local times with TZID=Loc. End must be
	// after Start. Sub-second parts are dropped (§3.3.5 has none).
	Start, End time.Time
	// RRule is the RRULE value without the "RRULE:" prefix, e.g.
	// "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630T110000Z"; empty for a single
	// event. UNTIL must be in UTC (Z), as §3.3.10 requires when DTSTART
	// has a TZID.
	RRule string
	// ExDates cancel occurrences of the series, each the exact start of
	// an occurrence. Written as one EXDATE property per date: Google
	// writes that form itself, and readers that take only one value per
	// line (several small parsers, go-ical's RecurrenceSet) still see
	// every date, while ical.js, Outlook and Apple read both forms.
	ExDates []time.Time
	// RecurrenceID, when non-zero, makes this VEVENT replace the
	// occurrence of the series with the same UID that originally started
	// at that instant (RECURRENCE-ID, §3.8.4.4): a moved occurrence.
	RecurrenceID time.Time
	// Sequence is raised on every change (§3.8.7.4); Google applies an
	// update to a subscribed event only when it grows.
	Sequence int
	// LastModified is the time of the last change: LAST-MODIFIED, and
	// also DTSTAMP, so that the same bookings give the same bytes.
	// Required.
	LastModified time.Time
	// Transparent marks a time that does not block (TRANSP:TRANSPARENT);
	// bookings are busy, so false writes TRANSP:OPAQUE (§3.8.2.7).
	Transparent bool
	// Status is empty, "CONFIRMED", "TENTATIVE" or "CANCELLED" (§3.8.1.11).
	// To cancel one occurrence of a series use ExDates instead: Google
	// drops cancelled instances from subscribed feeds but keeps showing
	// the series' occurrence.
	Status string
}
