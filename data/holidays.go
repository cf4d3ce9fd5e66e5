package data

import (
	"database/sql"
	"fmt"

	"mingzhu/booking"
)

// HolidayOverrides lists the overrides of dates in year, by date. Dates
// are fixed-width text, so a range on the primary key selects the year.
func (t *Tx) HolidayOverrides(year int) ([]booking.HolidayOverride, error) {
	return t.holidayOverrides(`WHERE date >= ? AND date < ?`, fmt.Sprintf("%04d-", year), fmt.Sprintf("%04d-", year+1))
}

// AllHolidayOverrides lists every override, by date: a few rows a year.
func (t *Tx) AllHolidayOverrides() ([]booking.HolidayOverride, error) {
	return t.holidayOverrides("")
}

func (t *Tx) holidayOverrides(where string, args ...any) ([]booking.HolidayOverride, error) {
	var out []booking.HolidayOverride
	err := t.scanRows(`SELECT date, name, work, removed, changed_by, changed_at FROM holiday_overrides
		`+where+` ORDER BY date`, args,
		func(rows *sql.Rows) error {
			var o booking.HolidayOverride
			var changed int64
			if err := rows.Scan(&o.Date, &o.Name, &o.Work, &o.Removed, &o.ChangedBy, &changed); err != nil {
				return err
			}
			o.ChangedAt = at(changed)
			out = append(out, o)
			return nil
		})
	return out, err
}

// PutHolidayOverride inserts or replaces the override of o.Date; a
// removal keeps no name.
func (t *Tx) PutHolidayOverride(o booking.HolidayOverride) error {
	if o.Removed {
		o.Name, o.Work = "", false
	}
	_, err := t.exec(`INSERT INTO holiday_overrides (date, name, work, removed, changed_by, changed_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (date) DO UPDATE SET name = excluded.name, work = excluded.work,
			removed = excluded.removed, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
		o.Date, o.Name, o.Work, o.Removed, o.ChangedBy, o.ChangedAt.Unix())
	return t.d.translate(err, "holiday")
}

// DeleteHolidayOverride drops the override of date; ENOTFOUND if none.
func (t *Tx) DeleteHolidayOverride(date string) error {
	res, err := t.exec(`DELETE FROM holiday_overrides WHERE date = ?`, date)
	return t.affected(res, err, "holiday")
}
