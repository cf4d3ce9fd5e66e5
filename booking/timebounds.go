package booking

import "time"

// EarliestTime and LatestTime bound every time the service accepts: a
// booking's or occurrence's start and end, an excluded or moved date, a
// bounded rule's last date. Inside them every such time, and every window
// of up to MaxWindow that lists one, has a four-digit year in RFC 3339 and
// in iCalendar in any zone (offsets stay within ±14 h): a year-9999 booking
// used to make its owner's listings fail to encode, and would otherwise
// leave windows that cover it unlistable. Before 1970 some zones had
// offsets with seconds, which RFC 3339 cannot write, and clients read a
// feed's times before its first VTIMEZONE observance (1970) as UTC.
var (
	EarliestTime = time.Date(1971, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(9998, 1, 1, 0, 0, 0, 0, time.UTC)
)

// windowSlack is how far a listing window may reach beyond the accepted
// times: enough for any window that covers one of them.
const windowSlack = MaxWindow + MaxDuration

// checkTime refuses a time outside [EarliestTime, LatestTime], naming field.
func checkTime(field string, t time.Time) error {
	if t.Before(EarliestTime) || t.After(LatestTime) {
		return Invalid(field, "时间须在1971年至9997年之间 the time must lie between the years 1971 and 9997")
	}
	return nil
}

// checkWindowTime refuses a listing window's bound that no accepted time
// needs, naming field.
func checkWindowTime(field string, t time.Time) error {
	if t.Before(EarliestTime.Add(-windowSlack)) || t.After(LatestTime.Add(windowSlack)) {
		return Invalid(field, "查询范围须在1970年至9998年之间 the window must lie between the years 1970 and 9998")
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
