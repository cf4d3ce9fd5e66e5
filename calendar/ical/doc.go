// Package ical writes and reads the iCalendar feeds of Mingzhu Rooms.
//
// iCalendar is defined in RFC 5545; the calendar properties NAME and
// REFRESH-INTERVAL come from RFC 7986. Encode publishes one room's bookings
// as a subscribable feed (METHOD:PUBLISH, RFC 5546 §3.2.1) that Google
// Calendar, Outlook, Apple Calendar and Thunderbird (ical.js) read; Decode
// imports an uploaded .ics file into plain values for the booking layer to
// validate.
//
// github.com/emersion/go-ical is the model of a property (Prop, Params)
// and, in the tests, an independent reader of every feed; its Encoder and
// Decoder are not used. The encoder misses what a real feed needs and
// costs about 35 ms for a 5,000-event feed; the decoder gives no line
// numbers and panics on some malformed lines. So this package has its own
// content-line writer with folding (writer.go, fold.go), VTIMEZONE
// generation from Go's zone data (vtimezone.go), text normalisation
// (text.go), and a line-numbered parser for imports (lex.go, decode.go)
// that never panics. tests/icaljs checks feeds with Mozilla's ical.js.
//
// The package imports only the standard library and go-ical. It embeds
// time/tzdata so TZIDs resolve and VTIMEZONEs can be derived on a machine
// without /usr/share/zoneinfo.
package ical

import _ "time/tzdata" // zone rules for VTIMEZONE and TZID lookup on minimal machines
