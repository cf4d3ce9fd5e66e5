package ical

import (
	"strconv"
	"strings"
	"time"
)

// windowsZones maps the Windows zone names that Outlook and Exchange
// write as TZID to IANA names (from CLDR's windowsZones.xml, territory
// "001"). Only zones our users are likely to export from are listed; any
// zone without DST also resolves through its VTIMEZONE (fixedZone).
var windowsZones = map[string]string{
	"China Standard Time":            "Asia/Shanghai",
	"Taipei Standard Time":           "Asia/Taipei",
	"Tokyo Standard Time":            "Asia/Tokyo",
	"Korea Standard Time":            "Asia/Seoul",
	"Singapore Standard Time":        "Asia/Singapore",
	"India Standard Time":            "Asia/Kolkata",
	"W. Europe Standard Time":        "Europe/Berlin",
	"Romance Standard Time":          "Europe/Paris",
	"Central Europe Standard Time":   "Europe/Budapest",
	"Central European Standard Time": "Europe/Warsaw",
	"GMT Standard Time":              "Europe/London",
	"Russian Standard Time":          "Europe/Moscow",
	"Eastern Standard Time":          "America/New_York",
	"Central Standard Time":          "America/Chicago",
	"Mountain Standard Time":         "America/Denver",
	"Pacific Standard Time":          "America/Los_Angeles",
	"AUS Eastern Standard Time":      "Australia/Sydney",
}

// resolveTZID finds the zone a TZID parameter names (RFC 5545 §3.2.19).
// go-ical only tries time.LoadLocation, which fails on what Outlook and
// Thunderbird write, so this tries in turn: the IANA name itself; an IANA
// name at the end of a prefixed TZID ("/mozilla.org/20050126_1/Asia/
// Shanghai"); the embedded VTIMEZONE's X-LIC-LOCATION; a Windows name; and
// last a VTIMEZONE with one fixed offset and no DST ("(UTC+08:00) Beijing,
// Chongqing, Hong Kong, Urumqi"). It returns nil when none applies.
func resolveTZID(tzid string, vtz map[string]*component) *time.Location {
	if loc := loadIANA(tzid); loc != nil {
		return loc
	}
	for _, suffix := range ianaSuffixes(tzid) {
		if loc := loadIANA(suffix); loc != nil {
			return loc
		}
	}
	c := vtz[tzid]
	if c != nil {
		for _, cl := range c.props {
			if cl.prop.Name == "X-LIC-LOCATION" {
				if loc := loadIANA(unescapeText(cl.prop.Value)); loc != nil {
					return loc
				}
			}
		}
	}
	if name, ok := windowsZones[tzid]; ok {
		return loadIANA(name)
	}
	if c != nil {
		return fixedZone(tzid, c)
	}
	return nil
}

// maxTZIDLen bounds the TZIDs tried as zone names; the longest IANA name
// is 32 octets. Without it a 1 MiB TZID costs minutes of lookups.
const maxTZIDLen = 128

// ianaSuffixes returns the ends of a prefixed TZID that could be IANA
// names, "Area/City" and "Area/Sub/City": no IANA name has more than two
// slashes, so only the last two candidates are worth a lookup.
func ianaSuffixes(tzid string) []string {
	if len(tzid) > maxTZIDLen {
		return nil
	}
	var out []string
	end := len(tzid)
	for n := 0; n < 3; n++ {
		i := strings.LastIndexByte(tzid[:end], '/')
		if i < 0 {
			break
		}
		if n > 0 { // a bare "City" is no IANA name worth guessing
			out = append(out, tzid[i+1:])
		}
		end = i
	}
	return out
}

// loadIANA loads a zone by IANA name. "Local" and "" are refused: they
// would mean this server's zone, not the sender's.
func loadIANA(name string) *time.Location {
	if name == "" || name == "Local" || len(name) > maxTZIDLen {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// fixedZone returns a zone for a VTIMEZONE whose observances all have the
// same TZOFFSETTO and that has no DAYLIGHT, or nil.
func fixedZone(tzid string, c *component) *time.Location {
	off, seen := 0, false
	for _, ob := range c.children {
		if ob.name != "STANDARD" {
			return nil
		}
		for _, cl := range ob.props {
			if cl.prop.Name != "TZOFFSETTO" {
				continue
			}
			o, ok := parseUTCOffset(cl.prop.Value)
			if !ok || (seen && o != off) {
				return nil
			}
			off, seen = o, true
		}
	}
	if !seen {
		return nil
	}
	return time.FixedZone(tzid, off)
}

// parseUTCOffset reads a UTC-OFFSET (RFC 5545 §3.3.14): ±hhmm[ss].
func parseUTCOffset(s string) (int, bool) {
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || n < 0 {
		return 0, false
	}
	if len(s) == 5 {
		n *= 100
	}
	h, m, sec := n/10000, n/100%100, n%100
	if h > 23 || m > 59 || sec > 59 {
		return 0, false
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off, true
}
