package calendar

// Calendar arithmetic on local dates, kept as day numbers.
//
// Everything in this package that repeats works on local DATES: a day number
// is the count of days since 1970-01-01 in the proleptic Gregorian calendar
// (RFC 5545 §3.3.4 DATE values are Gregorian). Day numbers make "every other
// week" and "the same date 400 years later" plain integer arithmetic: the
// Gregorian calendar repeats exactly every 400 years, which is 146,097 days,
// 20,871 weeks or 4,800 months, so weekdays and month lengths line up again.

import (
	rrule "github.com/teambition/rrule-go"
)

const (
	// periodCycleDays is the length in days of the 400-year Gregorian cycle.
	periodCycleDays = 146097
	// periodDaySeconds is the length of a day in naive (wall clock) arithmetic.
	periodDaySeconds = 86400
	// periodFarDay stands for "no end" in day windows; far beyond any real date yet
	// small enough that adding periods to it cannot overflow int64.
	periodFarDay = int64(1) << 50
)

// periodFloorDiv divides rounding towards negative infinity.
func periodFloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// periodFloorMod is the remainder matching periodFloorDiv: always in [0, b) for b > 0.
func periodFloorMod(a, b int64) int64 {
	m := a % b
	if m != 0 && ((m < 0) != (b < 0)) {
		m += b
	}
	return m
}

// periodCeilDiv divides rounding towards positive infinity (b > 0).
func periodCeilDiv(a, b int64) int64 { return -periodFloorDiv(-a, b) }

// periodDaysFromCivil returns the day number of a Gregorian date (Howard Hinnant's
// algorithm, exact for every year representable in int64 arithmetic here).
func periodDaysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := periodFloorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12) // March = 0
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*periodCycleDays + doe - 719468
}

// periodCivilFromDays is the inverse of periodDaysFromCivil.
func periodCivilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := periodFloorDiv(z, periodCycleDays)
	doe := z - era*periodCycleDays
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// periodWeekday returns the weekday of a day number, 0 = Monday … 6 = Sunday
// (the numbering rrule-go uses). 1970-01-01 was a Thursday.
func periodWeekday(day int64) int { return int(periodFloorMod(day+3, 7)) }

// periodOf returns the index of the recurrence period (RFC 5545 §3.3.10: the
// day, week, month or year that FREQ steps through) containing day. Weeks
// begin on wkst (0 = Monday); months and years are counted from year 0.
func periodOf(freq rrule.Frequency, wkst int, day int64) int64 {
	switch freq {
	case rrule.DAILY:
		return day
	case rrule.WEEKLY:
		return periodFloorDiv(day-int64(4+wkst), 7) // day 4 (1970-01-05) was a Monday
	case rrule.MONTHLY:
		y, m, _ := periodCivilFromDays(day)
		return y*12 + int64(m-1)
	default:
		y, _, _ := periodCivilFromDays(day)
		return y
	}
}

// periodStart returns the first day of period idx (inverse of periodOf).
func periodStart(freq rrule.Frequency, wkst int, idx int64) int64 {
	switch freq {
	case rrule.DAILY:
		return idx
	case rrule.WEEKLY:
		return idx*7 + int64(4+wkst)
	case rrule.MONTHLY:
		return periodDaysFromCivil(periodFloorDiv(idx, 12), int(periodFloorMod(idx, 12))+1, 1)
	default:
		return periodDaysFromCivil(idx, 1, 1)
	}
}

// cycleLen returns how many periods of freq make up 400 Gregorian years:
// shifting a period index by cycleLen shifts its dates by exactly periodCycleDays.
func cycleLen(freq rrule.Frequency) int64 {
	switch freq {
	case rrule.DAILY:
		return periodCycleDays
	case rrule.WEEKLY:
		return periodCycleDays / 7
	case rrule.MONTHLY:
		return 4800
	default:
		return 400
	}
}

// periodGCD returns the greatest common divisor of two positive numbers.
func periodGCD(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
