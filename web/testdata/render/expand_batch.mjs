// expand_batch.mjs: many feeds, many windows, one node start. The render
// property test (web/render_property_test.go) collects every feed it
// fetched and asks here, once, what ical.js makes of each; starting node
// costs ~100 ms, so one run per feed would not fit the test's budget.
//
// Usage: node expand_batch.mjs MANIFEST.json
//
// MANIFEST is {"feeds":[{"id","file","windows":[[fromMs,toMs],...]}]}.
// Prints {"<id>":{"error"?, "windows":[{"truncated", "occurrences":[...]}],
// "firsts":{"<uid>":{start,end,summary}}}} with times as Unix milliseconds.
//
// Each window is expanded as tests/icaljs/expand.js does (the feed's own
// VTIMEZONEs only, EXDATE applied by ical.js's iterator, RECURRENCE-ID
// overrides related by UID, occurrences overlapping [from, to)), except
// that a feed ical.js cannot read is reported under "error" instead of
// ending the run, and a series that needs more than MAX_ITERATIONS steps
// from its DTSTART to reach a window marks that window "truncated" (the Go
// side then skips that comparison and says how many it skipped). "firsts"
// is the first occurrence of each UID from DTSTART on. The walk of each
// recurring event and each zone's transitions are cached across feeds by
// their text, which is what keeps a run's few hundred feeds near a second.

import { readFileSync } from 'node:fs';
import ICAL from '../../../tests/icaljs/node_modules/ical.js/dist/ical.js';

const MAX_ITERATIONS = 20000;
const DAY = 24 * 3600 * 1000;

// zones keeps one ICAL.Timezone per distinct VTIMEZONE text: a zone
// caches the transitions it has expanded, and many feeds of a run carry
// the same VTIMEZONE, so they share that work (each feed still sees only
// its own VTIMEZONEs).
const zones = new Map();

function zoneFor(vtz) {
  const text = vtz.toString();
  if (!zones.has(text)) zones.set(text, new ICAL.Timezone(vtz));
  return zones.get(text);
}

function occurrence(item, start, end) {
  return {
    uid: item.uid,
    summary: item.summary ?? '',
    start: start.toJSDate().getTime(),
    end: end.toJSDate().getTime(),
  };
}

function overlaps(occ, from, to) {
  return occ.start < to && (occ.end > from || (occ.start === occ.end && occ.start >= from));
}

// load parses a feed, registers its zones (and only its zones), and
// returns its events: masters with their overrides related, and orphan
// overrides (a move into a feed that omits its series).
function load(file) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  if (root.name !== 'vcalendar') {
    throw new Error(`top-level component is ${root.name}, not VCALENDAR`);
  }
  ICAL.TimezoneService.reset();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zoneFor(vtz));
  }
  const vevents = root.getAllSubcomponents('vevent');
  for (const vevent of vevents) {
    for (const prop of vevent.getAllProperties()) {
      const tzid = prop.getParameter('tzid');
      if (tzid && !ICAL.TimezoneService.has(tzid)) {
        throw new Error(`${prop.name.toUpperCase()} uses TZID ${tzid} but the feed has no VTIMEZONE for it`);
      }
    }
  }
  const overrides = new Map();
  for (const vevent of vevents) {
    if (vevent.hasProperty('recurrence-id')) {
      const uid = vevent.getFirstPropertyValue('uid');
      if (!overrides.has(uid)) overrides.set(uid, []);
      overrides.get(uid).push(vevent);
    }
  }
  const zonesText = root.getAllSubcomponents('vtimezone').map((z) => z.toString()).join('');
  const masters = [];
  const feedWalks = new Map();
  const seen = new Set();
  for (const vevent of vevents) {
    if (vevent.hasProperty('recurrence-id')) continue;
    let event = new ICAL.Event(vevent, { strictExceptions: true, exceptions: [] });
    seen.add(event.uid);
    if (event.isRecurring()) {
      const own = overrides.get(event.uid) ?? [];
      const key = vevent.toString() + own.map((x) => x.toString()).sort().join('') + zonesText;
      if (walks.has(key)) {
        event = walks.get(key).event;
      } else {
        for (const ex of own) event.relateException(ex);
      }
      feedWalks.set(event, walkOf(event, key));
    }
    masters.push(event);
  }
  const orphans = [];
  for (const [uid, list] of overrides) {
    if (seen.has(uid)) continue;
    for (const vevent of list) orphans.push(new ICAL.Event(vevent, { exceptions: [] }));
  }
  return { name: root.getFirstPropertyValue('x-wr-calname') ?? '', masters, orphans, walks: feedWalks };
}

function slack(event) {
  let s = 0;
  for (const ex of Object.values(event.exceptions)) {
    s = Math.max(s, Math.abs(ex.startDate.toJSDate() - ex.recurrenceId.toJSDate()));
  }
  return s;
}

// walks caches the walk of each recurring event by its text (master,
// overrides, the feed's zones): the same class is in many feeds of a run
// (its team's, its room's, the courses, a leader's, after each step), and
// walking a long-running series from its DTSTART is most of the cost.
const walks = new Map();

function walkOf(event, key) {
  if (!walks.has(key)) {
    walks.set(key, { event, it: event.iterator(), times: [], details: [], done: false });
  }
  return walks.get(key);
}

// advance walks w until it passes stop, ends, or hits MAX_ITERATIONS.
function advance(w, stop) {
  while (!w.done && w.times.length <= MAX_ITERATIONS && (w.times.length === 0 || w.times[w.times.length - 1].ms < stop)) {
    const next = w.it.next();
    if (!next) {
      w.done = true;
    } else {
      w.times.push({ ms: next.toJSDate().getTime(), time: next });
    }
  }
}

// expandSeries places a recurring event's occurrences in every window,
// walking from DTSTART up to the last window's end (plus the largest move
// of an override). A walk cut short by MAX_ITERATIONS marks every window
// it did not reach as truncated.
function expandSeries(w, windows, outs) {
  const s = slack(w.event);
  const stop = Math.max(...windows.map(([, to]) => to)) + s;
  advance(w, stop);
  const last = w.times.length ? w.times[w.times.length - 1].ms : -Infinity;
  if (!w.done && last < stop) {
    windows.forEach(([, to], k) => {
      if (to + s > last) outs[k].truncated = w.event.uid;
    });
  }
  for (let i = 0; i < w.times.length && w.times[i].ms < stop; i++) {
    const t = w.times[i].ms;
    if (!windows.some(([from, to]) => t < to + s && t + 2 * DAY + s > from)) {
      continue; // far from every window, moved or not: skip the costly details
    }
    if (!w.details[i]) {
      const d = w.event.getOccurrenceDetails(w.times[i].time);
      w.details[i] = occurrence(d.item, d.startDate, d.endDate);
    }
    const occ = w.details[i];
    windows.forEach(([from, to], k) => {
      if (overlaps(occ, from, to)) outs[k].occurrences.push(occ);
    });
  }
}

function expandWindows(feed, windows) {
  const outs = windows.map(() => ({ truncated: '', occurrences: [] }));
  if (windows.length === 0) return outs;
  const single = (occ) => windows.forEach(([from, to], k) => {
    if (overlaps(occ, from, to)) outs[k].occurrences.push(occ);
  });
  for (const event of feed.masters) {
    if (event.isRecurring()) {
      expandSeries(feed.walks.get(event), windows, outs);
    } else {
      single(occurrence(event, event.startDate, event.endDate));
    }
  }
  for (const event of feed.orphans) single(occurrence(event, event.startDate, event.endDate));
  for (const out of outs) {
    out.occurrences.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  }
  return outs;
}

function firsts(feed) {
  const out = {};
  const keep = (occ) => {
    const prev = out[occ.uid];
    if (!prev || occ.start < prev.start) out[occ.uid] = occ;
  };
  for (const event of feed.masters) {
    if (!event.isRecurring()) {
      keep(occurrence(event, event.startDate, event.endDate));
      continue;
    }
    const w = feed.walks.get(event);
    advance(w, -Infinity);
    if (w.times.length) {
      const d = event.getOccurrenceDetails(w.times[0].time);
      keep(occurrence(d.item, d.startDate, d.endDate));
    }
    for (const ex of Object.values(event.exceptions)) {
      keep(occurrence(ex, ex.startDate, ex.endDate));
    }
  }
  for (const event of feed.orphans) keep(occurrence(event, event.startDate, event.endDate));
  return out;
}

function main() {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node expand_batch.mjs MANIFEST.json\n');
    process.exit(2);
  }
  const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const result = {};
  for (const { id, file, windows } of manifest.feeds) {
    try {
      const feed = load(file);
      result[id] = {
        name: feed.name,
        windows: expandWindows(feed, windows),
        firsts: firsts(feed),
      };
    } catch (e) {
      result[id] = { error: String(e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e) };
    }
  }
  process.stdout.write(JSON.stringify(result));
}

main();
