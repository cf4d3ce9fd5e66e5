package booking

import "time"

// EarliestTime and LatestTime bound every time the service accepts: a
// booking's or occurrence's start and end, an excluded or moved date, a
// listing's window. Inside them every time, and every occurrence that a
// listing window can hold, has a four-digit year in RFC 3339 and in
// iCalendar in any zone (offsets stay within ±14 h); a year-9999 booking
// used to make its owner's listings fail to encode. Before 1970 some zones
// had offsets with seconds, which RFC 3339 cannot write.
var (
	EarliestTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkTime refuses a time outside [EarliestTime, LatestTime], naming field.
func checkTime(field string, t time.Time) error {
	if t.Before(EarliestTime) || t.After(LatestTime) {
		return Invalid(field, "时间须在1970年至9998年之间 the time must lie between the years 1970 and 9998")
	}
	return nil
}

// checkTimes is checkTime for several times of one field.
func checkTimes(field string, ts []time.Time) error {
	for _, t := range ts {
		if err := checkTime(field, t); err != nil {
			return err
		}
	}
	return nil
}
