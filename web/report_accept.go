package web

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin/binding"
)

// Content negotiation for the report, by the Accept header's weights
// (RFC 9110 §12.5.1). gin's c.NegotiateFormat does not do it: it drops
// every parameter, q included, and takes the first range in the order
// written that matches an offer, so "text/csv;q=0.5, application/json"
// (a client preferring JSON) got CSV, and "text/csv;q=0" (CSV refused)
// got CSV too. No Accept parser is among the modules this service uses
// (golang.org/x/text parses Accept-Language, not media types), none is in
// the module lists we may take from, and the rule is some forty lines, so
// it is here.

// reportFormat is the form to answer the report in: CSV when the client
// weighs text/csv above JSON, JSON otherwise (no header, a tie, neither
// acceptable: JSON stays the default). accept is every Accept line.
func reportFormat(accept []string) string {
	if acceptQuality(accept, csvType) > acceptQuality(accept, binding.MIMEJSON) {
		return csvType
	}
	return binding.MIMEJSON
}

// acceptQuality is the weight accept gives the media type typ ("type/
// subtype", lower case): the q of the most specific range matching it
// (type/subtype before type/* before */*; among equals the highest), 0
// when none does. Without a usable range every type is acceptable (1).
func acceptQuality(accept []string, typ string) float64 {
	best, level, usable := 0.0, -1, false
	for _, line := range accept {
		for _, part := range strings.Split(line, ",") {
			rng, q, ok := acceptRange(part)
			if !ok {
				continue
			}
			usable = true
			if l := rangeLevel(rng, typ); l > level || l == level && l >= 0 && q > best {
				best, level = q, l
			}
		}
	}
	if !usable {
		return 1
	}
	if level < 0 {
		return 0
	}
	return best
}

// acceptRange reads one element of Accept: its media range, lower case
// and without parameters, and its weight (1 unless q says otherwise). ok
// is false for an element that is empty, not type/subtype, or has a
// weight that is not a number from 0 to 1: it is ignored.
func acceptRange(part string) (rng string, q float64, ok bool) {
	fields := strings.Split(part, ";")
	rng = strings.ToLower(strings.TrimSpace(fields[0]))
	typ, sub, found := strings.Cut(rng, "/")
	if !found || typ == "" || sub == "" || typ == "*" && sub != "*" {
		return "", 0, false
	}
	q = 1
	for _, p := range fields[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || w < 0 || w > 1 {
			return "", 0, false
		}
		q = w
		break // what follows q is accept-ext, not the type's parameters
	}
	return rng, q, true
}

// rangeLevel says how specifically rng names typ: 2 exactly, 1 by its
// type (text/*), 0 for */*, -1 not at all.
func rangeLevel(rng, typ string) int {
	switch {
	case rng == typ:
		return 2
	case rng == "*/*":
		return 0
	case strings.HasSuffix(rng, "/*") && strings.HasPrefix(typ, rng[:len(rng)-1]):
		return 1
	}
	return -1
}
