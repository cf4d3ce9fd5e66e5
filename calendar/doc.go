// Package calendar holds time and recurrence for Mingzhu Rooms: validated
// recurrence rules (RFC 5545 §3.3.10 RRULE, expanded with rrule-go) whose
// occurrences keep their wall-clock time in the site zone, expansion inside
// a window, and exact clash detection between two rules at any date.
//
// It imports only the standard library and rrule-go (and its subpackage
// ical, go-ical), never the rest of the project, so the domain can rely on
// it and it can be tested on its own.
//
// Exactness rests on periodicity: a rule's dates repeat after its interval
// (DAILY, WEEKLY by weekday) or within the 400-year Gregorian cycle of
// 146,097 days (everything calendar-dependent), and so do a DST zone's
// rules once they become regular. Two open-ended rules therefore clash
// either never or infinitely often, and one period of their combined
// pattern decides which; see clash.go.
package calendar
