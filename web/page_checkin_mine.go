package web

// CheckedInClock is when the booking was checked in ("14:02"), empty
// until then: my bookings shows 已签到 with it (template checkin-mine).
func (it mineItem) CheckedInClock() string {
	if it.CheckedInAt == nil {
		return ""
	}
	return clockOf(*it.CheckedInAt)
}
