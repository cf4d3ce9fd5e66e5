// expand.js: an independent reading of a Mingzhu Rooms feed with ical.js,
// the parser of Thunderbird (Mozilla).
//
// Usage: node expand.js FILE.ics FROM_ISO TO_ISO
//
// Prints {"calendar":{"name","timezone"},"occurrences":[{"uid","summary",
// "start","end","location","recurrence","status","description"}]} for every occurrence that
// overlaps [FROM, TO), start and end as UTC ISO strings, sorted by start
// then uid. Recurring events are expanded by ical.js's own iterator, which
// applies EXDATE; RECURRENCE-ID overrides are attached with
// Event.relateException. Times are placed only through the feed's own
// VTIMEZONEs: ical.js ships no zone data, so a wrong or missing VTIMEZONE
// shows as wrong UTC times (or as an error here for a missing one).
//
// Exits 2 on bad usage, 1 on an unreadable or invalid feed.

import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

// Occurrences of one series beyond this many mean a runaway rule.
const MAX_ITERATIONS = 100000;

function fail(code, message) {
  process.stderr.write(`expand.js: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  if (argv.length !== 3) {
    fail(2, 'usage: node expand.js FILE.ics FROM_ISO TO_ISO');
  }
  const [file, fromIso, toIso] = argv;
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    fail(2, `bad window [${fromIso}, ${toIso}): need two ISO times, FROM before TO`);
  }
  return { file, from, to };
}

function readCalendar(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(1, `cannot read ${file}: ${e.message}`);
  }
  let root;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    fail(1, `parse error in ${file}: ${e.message}`);
  }
  if (root.name !== 'vcalendar') {
    fail(1, `top-level component is ${root.name}, not VCALENDAR`);
  }
  return root;
}

// registerZones makes the feed's VTIMEZONEs the only source of zone rules,
// and fails on a TZID that no VTIMEZONE defines (ical.js would silently
// treat such a time as floating).
function registerZones(vcal) {
  ICAL.TimezoneService.reset();
  for (const vtz of vcal.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtz);
  }
  for (const vevent of vcal.getAllSubcomponents('vevent')) {
    for (const prop of vevent.getAllProperties()) {
      const tzid = prop.getParameter('tzid');
      if (tzid && !ICAL.TimezoneService.has(tzid)) {
        fail(1, `${prop.name.toUpperCase()} uses TZID ${tzid} but the feed has no VTIMEZONE for it`);
      }
    }
  }
}

function occurrence(item, start, end, recurrence) {
  return {
    uid: item.uid,
    summary: item.summary ?? '',
    start: start.toJSDate().toISOString(),
    end: end.toJSDate().toISOString(),
    location: item.location ?? '',
    recurrence,
    status: item.component.getFirstPropertyValue('status') ?? '',
    description: item.description ?? '',
  };
}

// expandSeries walks a recurring event from its DTSTART. Iteration follows
// the original (rule) start of each occurrence; an override may move an
// occurrence, so the walk continues past TO by the largest such move.
function expandSeries(event, from, to, out) {
  let slack = 0;
  for (const exception of Object.values(event.exceptions)) {
    const moved = Math.abs(exception.startDate.toJSDate() - exception.recurrenceId.toJSDate());
    slack = Math.max(slack, moved);
  }
  const stop = to.getTime() + slack;
  const it = event.iterator();
  for (let i = 0; ; i++) {
    if (i > MAX_ITERATIONS) {
      fail(1, `event ${event.uid}: more than ${MAX_ITERATIONS} occurrences before ${to.toISOString()}`);
    }
    const next = it.next();
    if (!next || next.toJSDate().getTime() >= stop) {
      return;
    }
    const details = event.getOccurrenceDetails(next);
    pushIfOverlaps(out, occurrence(details.item, details.startDate, details.endDate, true), from, to);
  }
}

function pushIfOverlaps(out, occ, from, to) {
  const start = new Date(occ.start);
  const end = new Date(occ.end);
  if (start < to && (end > from || (start.getTime() === end.getTime() && start >= from))) {
    out.push(occ);
  }
}

function main() {
  const { file, from, to } = parseArgs(process.argv.slice(2));
  const vcal = readCalendar(file);
  registerZones(vcal);

  const vevents = vcal.getAllSubcomponents('vevent');
  const exceptionsByUid = new Map();
  for (const vevent of vevents) {
    if (vevent.hasProperty('recurrence-id')) {
      const uid = vevent.getFirstPropertyValue('uid');
      if (!exceptionsByUid.has(uid)) {
        exceptionsByUid.set(uid, []);
      }
      exceptionsByUid.get(uid).push(vevent);
    }
  }

  const out = [];
  const masters = new Set();
  try {
    for (const vevent of vevents) {
      if (vevent.hasProperty('recurrence-id')) {
        continue;
      }
      // exceptions: [] stops ical.js from attaching every RECURRENCE-ID
      // event of the calendar whatever its UID; ours are related by UID.
      const event = new ICAL.Event(vevent, { strictExceptions: true, exceptions: [] });
      masters.add(event.uid);
      if (!event.isRecurring()) {
        pushIfOverlaps(out, occurrence(event, event.startDate, event.endDate, false), from, to);
        continue;
      }
      for (const exception of exceptionsByUid.get(event.uid) ?? []) {
        event.relateException(exception);
      }
      expandSeries(event, from, to, out);
    }
    // An override whose series is not in the feed still is a booking.
    for (const [uid, list] of exceptionsByUid) {
      if (masters.has(uid)) {
        continue;
      }
      for (const vevent of list) {
        const event = new ICAL.Event(vevent, { exceptions: [] });
        pushIfOverlaps(out, occurrence(event, event.startDate, event.endDate, true), from, to);
      }
    }
  } catch (e) {
    fail(1, `cannot expand ${file}: ${e.message}`);
  }

  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  const name = vcal.getFirstPropertyValue('x-wr-calname') ?? vcal.getFirstPropertyValue('name') ?? '';
  const timezone = vcal.getFirstPropertyValue('x-wr-timezone') ?? '';
  process.stdout.write(JSON.stringify({ calendar: { name, timezone }, occurrences: out }, null, 2) + '\n');
}

main();
