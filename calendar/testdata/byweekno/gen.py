"""Golden expansions of FREQ=YEARLY;BYWEEKNO rules (calendar/byweekno_oracle_test.go).

Regenerate from the repository root (python3 with python-dateutil 2.9.0):

    python3 calendar/testdata/byweekno/isoweek.py   # self-check of the reference
    python3 calendar/testdata/byweekno/gen.py       # writes golden.jsonl.gz

Each case carries the expansion of an independent RFC 5545 reading
(isoweek.py, checked against Python's ISO 8601 calendar) and the dates
python-dateutil adds to it or leaves out. crosscheck.mjs compares the same
cases with rrule.js and ical.js (see README.md). The output is deterministic
(fixed seed, sorted keys, gzip without a timestamp).
"""
import datetime as dt
import gzip
import json
import os
import random
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isoweek import in_weeks  # noqa: E402

from dateutil.rrule import rrulestr  # noqa: E402

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York"]
BOUNDARY_WEEKS = [1, 2, 52, 53, -1, -2, -52, -53]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden.jsonl.gz")


def parts_of(rule):
    return dict(kv.split("=", 1) for kv in rule.split(";"))


def ints(v):
    return {int(x) for x in v.split(",")} if v else set()


_cache = {}


def year_dates(y, p):
    """The candidate dates of calendar year y (BYSETPOS applied)."""
    key = (y, tuple(sorted(p.items())))
    if key not in _cache:
        if len(_cache) > 200000:
            _cache.clear()
        _cache[key] = _year_dates(y, p)
    return _cache[key]


def _year_dates(y, p):
    wkst = DAYS.index(p.get("WKST", "MO"))
    weeks = ints(p.get("BYWEEKNO"))
    months = ints(p.get("BYMONTH"))
    mdays = ints(p.get("BYMONTHDAY"))
    ydays = ints(p.get("BYYEARDAY"))
    wdays = {DAYS.index(d) for d in p["BYDAY"].split(",")} if "BYDAY" in p else set()
    d, end, out = dt.date(y, 1, 1), dt.date(y + 1, 1, 1), []
    ylen = (end - d).days
    while d < end:
        nxt = d + dt.timedelta(days=1)
        mlen = ((dt.date(y, d.month % 12 + 1, 1) if d.month < 12 else end) - d.replace(day=1)).days
        yd = d.timetuple().tm_yday
        ok = (not months or d.month in months) and (not wdays or d.weekday() in wdays)
        ok = ok and (not mdays or d.day in mdays or d.day - mlen - 1 in mdays)
        ok = ok and (not ydays or yd in ydays or yd - ylen - 1 in ydays)
        ok = ok and (not weeks or in_weeks(d, wkst, weeks))
        if ok:
            out.append(d)
        d = nxt
    if "BYSETPOS" in p:
        n = len(out)
        out = sorted({out[i - 1 if i > 0 else n + i] for i in ints(p["BYSETPOS"]) if -n <= i <= n and i != 0})
    return out


def reference(start, p, last):
    """All dates of the rule from start (a date) through last."""
    step, count, out = int(p.get("INTERVAL", "1")), int(p.get("COUNT", "0")), []
    y = start.year
    while y <= last.year:
        for d in year_dates(y, p):
            if start <= d <= last:
                out.append(d)
                if count and len(out) == count:
                    return out
        y += step
    return out


def rand_rule(rng):
    p = {"FREQ": "YEARLY"}
    k = rng.choice([1, 1, 1, 2, 3])
    weeks = set()
    while len(weeks) < k:
        weeks.add(rng.choice(BOUNDARY_WEEKS) if rng.random() < 0.7 else rng.choice([1, -1]) * rng.randint(1, 53))
    p["BYWEEKNO"] = ",".join(map(str, sorted(weeks)))
    if rng.random() < 0.6:
        p["BYDAY"] = ",".join(sorted(rng.sample(DAYS, rng.randint(1, 3)), key=DAYS.index))
    if rng.random() < 0.5:
        p["WKST"] = rng.choice(DAYS)
    r = rng.random()
    if r < 0.1:
        p["BYMONTH"] = rng.choice(["1", "12", "1,12", str(rng.randint(1, 12))])
    elif r < 0.15:
        p["BYMONTHDAY"] = rng.choice(["1,2,3", "-1,-2", "29,30,31"])
    elif r < 0.2:
        p["BYYEARDAY"] = rng.choice(["1,2,3", "-1,-2,-3", "1,-1"])
    if rng.random() < 0.25:
        p["INTERVAL"] = str(rng.choice([2, 3, 4]))
    if rng.random() < 0.1:
        p["BYSETPOS"] = rng.choice(["1", "-1", "1,-1"])
    if rng.random() < 0.2:
        p["COUNT"] = str(rng.randint(1, 60))
    order = ["FREQ", "INTERVAL", "COUNT", "BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"]
    return ";".join(f"{k}={p[k]}" for k in order if k in p)


def case(i, rule, zone, start, years):
    """start: datetime (floating wall clock in zone); the window ends after years."""
    p = parts_of(rule)
    last = dt.date(start.year + years, 1, 1) - dt.timedelta(days=1)
    ref = reference(start.date(), p, last)
    text = f"DTSTART:{start:%Y%m%dT%H%M%S}\nRRULE:{rule}"
    if "COUNT" not in p:
        text += f";UNTIL={last:%Y%m%d}T235959"
    rr = rrulestr(text)
    if "COUNT" in p:  # bounded by the window too: a sparse rule may never reach COUNT
        rr = rr.replace(until=dt.datetime.combine(last, dt.time(23, 59, 59)))
    du = [x.date() for x in rr]
    c = {"id": i, "zone": zone, "dtstart": f"{start:%Y-%m-%dT%H:%M:%S}", "rrule": rule, "last": f"{last}"}
    c["dates"] = deltas(ref)
    c["dateutil_extra"] = [f"{d}" for d in sorted(set(du) - set(ref))]
    c["dateutil_missing"] = [f"{d}" for d in sorted(set(ref) - set(du))]
    return c


def deltas(ds):
    """First date, then day gaps: compact and exact."""
    if not ds:
        return []
    return [f"{ds[0]}"] + [(b - a).days for a, b in zip(ds, ds[1:])]


def cases():
    rng = random.Random(20251202)
    i = 0
    # Edges: one boundary week at a time, every WKST, from 1 January 1998 over
    # 40 years (2004, 2009, 2015, 2020, 2026, 2032 have 53 ISO weeks).
    for wkst in DAYS:
        for n in BOUNDARY_WEEKS:
            for byday in ["", ";BYDAY=SA,SU", ";BYDAY=MO,TU,WE"]:
                yield case(i, f"FREQ=YEARLY;BYWEEKNO={n}{byday};WKST={wkst}", "Asia/Shanghai", dt.datetime(1998, 1, 1, 9), 40)
                i += 1
    # Random rules, starting anywhere 1970-2060 (often at a year boundary),
    # at any time of day, DST changes included, over 10-40 years.
    while i < 3000:
        rule = rand_rule(rng)
        if rng.random() < 0.4:
            base = dt.date(rng.randint(1970, 2060), 12, 26) + dt.timedelta(days=rng.randint(0, 12))
        else:
            base = dt.date(rng.randint(1970, 2060), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        hour, minute = rng.choice([(2, 30), (1, 30), (9, 0), (19, 45), (rng.randint(0, 23), 15 * rng.randint(0, 3))])
        # DTSTART on a date of the pattern, as NewRule requires.
        first = reference(base, parts_of(rule.replace(";COUNT=", ";X=")), base.replace(year=base.year + 12))
        if not first:
            continue
        start = dt.datetime.combine(first[0], dt.time(hour, minute))
        yield case(i, rule, rng.choice(ZONES), start, rng.choice([10, 25, 40]))
        i += 1


def main():
    warnings.simplefilter("ignore", DeprecationWarning)  # COUNT with UNTIL, above
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        n = bad = 0
        for c in cases():
            n += 1
            bad += bool(c["dateutil_extra"] or c["dateutil_missing"])
            f.write((json.dumps(c, sort_keys=True, separators=(",", ":")) + "\n").encode())
    print(f"{n} cases, python-dateutil differs from the reference on {bad}: {OUT}")


if __name__ == "__main__":
    main()
