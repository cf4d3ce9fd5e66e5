"""An RFC 5545 reading of BYWEEKNO, independent of python-dateutil.

RFC 5545 §3.3.10: a week is seven days starting on WKST; week 1 of a year is
the first week with at least four days in that year (ISO 8601 for
WKST=MO); negative numbers count from the year's last week. A day belongs to
exactly one week-numbering year. With FREQ=YEARLY the period is the calendar
year: it holds its own days, whichever week-numbering year they belong to
(the reading of python-dateutil, rrule.js and rrule-go too).
"""
import datetime as dt


def week1_start(year, wkst):
    """First day of week 1 of year (wkst: 0 = Monday)."""
    jan1 = dt.date(year, 1, 1)
    ahead = (wkst - jan1.weekday()) % 7  # days to the first WKST on/after Jan 1
    if ahead >= 4:  # Jan 1..3 lie in a week with 4+ days of this year
        return jan1 + dt.timedelta(days=ahead - 7)
    return jan1 + dt.timedelta(days=ahead)


def week_of(day, wkst):
    """(week-numbering year, week number, weeks in that year) of day."""
    y = day.year
    for wy in (y + 1, y, y - 1):
        s = week1_start(wy, wkst)
        if s <= day:
            n = (week1_start(wy + 1, wkst) - s).days // 7
            return wy, (day - s).days // 7 + 1, n
    raise AssertionError(day)


def in_weeks(day, wkst, weeknos):
    """Whether day lies in one of the weeks listed by BYWEEKNO."""
    _, w, n = week_of(day, wkst)
    return w in weeknos or w - n - 1 in weeknos


if __name__ == "__main__":
    # Self-check against Python's own ISO 8601 calendar (WKST=MO).
    d = dt.date(1899, 12, 1)
    while d < dt.date(2402, 1, 31):
        iy, iw, _ = d.isocalendar()
        wy, w, n = week_of(d, 0)
        assert (wy, w) == (iy, iw), d
        assert n == dt.date(wy, 12, 28).isocalendar()[1], d
        d += dt.timedelta(days=1)
    print("week_of(WKST=MO) agrees with date.isocalendar, 1899-12..2402-01")
