// crosscheck.mjs: compares golden.jsonl.gz with rrule.js (a port of
// python-dateutil) and ical.js (Thunderbird's parser, a port of libical).
//
// Usage (needs the npm packages rrule 2.8.1 and ical.js 2.2.1 resolvable,
// e.g. from a scratch directory: npm install rrule@2.8.1 ical.js@2.2.1):
//
//   NODE_PATH=/scratch/node_modules node calendar/testdata/byweekno/crosscheck.mjs
//
// Prints, for each library, on how many cases it gives the python-dateutil
// dates and on how many the RFC 5545 reference dates, and a few mismatches.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(process.env.NODE_PATH || '.', 'x.js'));
const { rrulestr } = require('rrule');
const ICAL = require('ical.js').default ?? require('ical.js');

const here = dirname(fileURLToPath(import.meta.url));
const lines = gunzipSync(readFileSync(join(here, 'golden.jsonl.gz'))).toString('utf8').trim().split('\n');

const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 864e5;
const iso = (d) => new Date(d * 864e5).toISOString().slice(0, 10);

function reference(c) {
  const out = [];
  c.dates.forEach((v, i) => out.push(i === 0 ? day(v) : out[i - 1] + v));
  return out;
}

function dateutil(c) {
  const miss = new Set(c.dateutil_missing.map(day));
  return reference(c).filter((d) => !miss.has(d)).concat(c.dateutil_extra.map(day)).sort((a, b) => a - b);
}

// The window bounds COUNT rules too (the golden dates stop there).
function withUntil(c) {
  return `${c.rrule};UNTIL=${c.last.replaceAll('-', '')}T235959Z`;
}

function rrulejs(c) {
  const ds = c.dtstart.replaceAll('-', '').replaceAll(':', '');
  return rrulestr(`DTSTART:${ds}Z\nRRULE:${withUntil(c)}`).all().map((x) => Math.floor(x.getTime() / 864e5));
}

function icaljs(c) {
  let it;
  try {
    it = ICAL.Recur.fromString(c.rrule).iterator(ICAL.Time.fromDateTimeString(c.dtstart));
  } catch (e) {
    return null; // ical.js refuses the rule
  }
  const last = day(c.last);
  const count = +(/COUNT=(\d+)/.exec(c.rrule)?.[1] ?? 0);
  const out = [];
  for (let i = 0; i < 20000; i++) {
    let t;
    try {
      t = it.next();
    } catch (e) {
      return null; // ical.js refuses the rule
    }
    if (!t) break;
    const d = day(t.toString());
    if (d > last || (count && out.length === count)) break;
    out.push(d);
  }
  return out;
}

const same = (a, b) => a && a.length === b.length && a.every((x, i) => x === b[i]);
for (const [name, fn] of [['rrule.js', rrulejs], ['ical.js', icaljs]]) {
  let asDateutil = 0, asReference = 0, refused = 0;
  const shown = [];
  for (const line of lines) {
    const c = JSON.parse(line);
    const got = fn(c);
    if (got === null) { refused++; continue; }
    const du = same(got, dateutil(c)), ref = same(got, reference(c));
    asDateutil += du; asReference += ref;
    if (!du && shown.length < 3) shown.push(`  case ${c.id} ${c.rrule} from ${c.dtstart}: got ${got.slice(0, 4).map(iso)}… want ${dateutil(c).slice(0, 4).map(iso)}…`);
  }
  console.log(`${name}: ${lines.length} cases, ${asDateutil} as python-dateutil, ${asReference} as the RFC 5545 reference, ${refused} refused`);
  shown.forEach((s) => console.log(s));
}
