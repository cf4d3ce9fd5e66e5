package booking

import "mingzhu/calendar/ical"

// checkEventTimes refuses a file with any time outside the representable
// years, before anything else reads it: even a skipped event's start is
// answered (in the import's report), and could otherwise not be encoded.
func checkEventTimes(events []ical.Imported) error {
	for _, ev := range events {
		err := checkTime("start", ev.Start)
		if err == nil {
			err = checkTime("end", ev.End)
		}
		if err == nil && !ev.RecurrenceID.IsZero() {
			err = checkTime("occurrence", ev.RecurrenceID)
		}
		if err == nil {
			err = checkTimes("exdates", ev.ExDates)
		}
		if err != nil {
			return eventError(ev, err)
		}
	}
	return nil
}
