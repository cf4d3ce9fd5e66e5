package booking

import "context"

// errHolidayStaff refuses a change to the holiday calendar by anyone but
// staff: it decides when classes pause.
var errHolidayStaff = Errorf(EFORBIDDEN, "仅工作人员可修改节假日 only staff may change the holidays")

// AddHoliday lets staff set a day off or an adjusted working day on a
// date, in one transaction: for a year the official arrangement lacks, or
// as a local exception. It replaces whatever the date had (the library's
// entry, an earlier addition or a removal) and returns it as stored.
func (s *Service) AddHoliday(ctx context.Context, actor *User, h Holiday) (Holiday, error) {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return Holiday{}, errHolidayStaff
	}
	h, err := h.validate()
	if err != nil {
		return Holiday{}, err
	}
	err = s.gate.alone(ctx, func(ctx context.Context) error {
		err := s.store.Update(ctx, func(tx Tx) error {
			if h.Work {
				if err := s.checkWorkday(tx, actor, h.Date); err != nil {
					return err
				}
			}
			return tx.PutHolidayOverride(HolidayOverride{Holiday: h, ChangedBy: actor.ID, ChangedAt: s.clock()})
		})
		if err == nil {
			s.holidayCommitted()
			s.vers.touch(holidaysKey) // before the gate opens (write_gate.go)
		}
		return err
	})
	if err != nil {
		return Holiday{}, err
	}
	return h, nil
}

// RemoveHoliday lets staff take the holiday off a date, in one
// transaction: one they added goes, and the library's entry for the date
// (if any) is hidden by a removal marker, so the date is an ordinary day.
// A date without a holiday is ENOTFOUND.
func (s *Service) RemoveHoliday(ctx context.Context, actor *User, date string) error {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return errHolidayStaff
	}
	year, err := parseHolidayDate(date)
	if err != nil {
		return err
	}
	return s.gate.alone(ctx, func(ctx context.Context) error {
		err := s.store.Update(ctx, func(tx Tx) error {
			return s.removeHoliday(tx, actor, year, date)
		})
		if err == nil {
			s.holidayCommitted()
			s.vers.touch(holidaysKey) // before the gate opens (write_gate.go)
		}
		return err
	})
}

func (s *Service) removeHoliday(tx Tx, actor *User, year int, date string) error {
	list, err := holidaysOf(tx, year)
	if err != nil {
		return err
	}
	if !containsDate(list, date) {
		return NotFound("date", "该日期不是节假日 %s is not a holiday", date)
	}
	if isDayOff(list, date) {
		if err := s.checkRevival(tx, actor, date); err != nil {
			return err // the day off's classes would come back on top of other uses
		}
	}
	if !containsDate(libraryHolidays(year), date) {
		return tx.DeleteHolidayOverride(date) // staff's own: nothing to hide
	}
	return tx.PutHolidayOverride(HolidayOverride{Holiday: Holiday{Date: date}, Removed: true,
		ChangedBy: actor.ID, ChangedAt: s.clock()})
}

// checkWorkday refuses making date a working day when it is a day off
// whose returning classes would clash (checkRevival).
func (s *Service) checkWorkday(tx Tx, actor *User, date string) error {
	year, err := parseHolidayDate(date)
	if err != nil {
		return err
	}
	list, err := holidaysOf(tx, year)
	if err != nil || !isDayOff(list, date) {
		return err
	}
	return s.checkRevival(tx, actor, date)
}

func containsDate(list []Holiday, date string) bool {
	for _, h := range list {
		if h.Date == date {
			return true
		}
	}
	return false
}

// holidayCommitted runs the test hook, if any, in the gap between a
// holiday change's commit and its touch.
func (s *Service) holidayCommitted() {
	if s.afterHolidayCommit != nil {
		s.afterHolidayCommit()
	}
}
