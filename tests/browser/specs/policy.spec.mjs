// The residents-only house rules in chromium on the real binary, one test
// per rule: a resident on a 375×812 phone is refused on the room page, in
// words next to the field the refusal names (the live check says it as
// the times are picked, before sending; the typed values are kept), then
// books what is just allowed and finds it in my bookings: exactly 14 days
// ahead at the minute the limit falls on, exactly 30 and 240 minutes, a
// gap exactly the buffer, the weekly quota reached exactly at 6 hours.
// The no-show suspension needs three missed bookings in the last 30 days,
// which the real clock cannot make: the server starts from an imported
// snapshot (startServer's snapshot option) holding them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, newPage, audit, login } from '../lib.mjs';

const MIN = 60e3;
const DAY = 864e5;
const PASSWORD = 'secret-pass';
const here = dirname(fileURLToPath(import.meta.url));

/** The site (Asia/Shanghai, no DST) date and HH:MM of an instant. */
function site(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: parts.weekday };
}

/** The site date days from today, YYYY-MM-DD. */
const siteDate = (days) => site(Date.now() + days * DAY).date;

/** The instant of a site date and HH:MM, in ms. */
const at = (date, hhmm) => Date.parse(`${date}T${hhmm}:00+08:00`);

/** "5月3日", as the pages write a day. */
const zhDay = (date) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The history the no-show test needs: wudao missed a library booking on each of the last three days. */
function snapshot() {
  const rooms = JSON.parse(readFileSync(resolve(here, '../../../data/seed/rooms.json'), 'utf8'));
  const users = [
    { id: '0policyadmin000000000000000', username: 'admin', name: '管理员', role: 'staff', disabled: false },
    { id: '0policywudao000000000000000', username: 'wudao', name: '吴道', role: 'resident', disabled: false },
  ];
  const bookings = [3, 2, 1].map((back) => {
    const start = at(siteDate(-back), '10:00');
    return {
      id: `0policynoshow${back}00000000000000`, room: 'library', title: '自习', attendees: 1,
      start: new Date(start).toISOString(), end: new Date(start + 60 * MIN).toISOString(),
      status: 'confirmed', user_id: users[1].id, created_at: new Date(start - DAY).toISOString(),
    };
  });
  return {
    format: 'mingzhu-rooms/1', exported_at: new Date().toISOString(), zone: 'Asia/Shanghai',
    rooms, users, teams: [], series: [], bookings, closures: [],
  };
}

let server, browser, admin;
before(async () => {
  [server, browser] = await Promise.all([startServer({ seed: 'none', snapshot: snapshot() }), launchBrowser()]);
  admin = (await api('POST', '/api/v1/auth/login', null, { username: 'admin', password: server.adminPassword })).body.token;
  assert.ok(admin, 'staff log in with the password import printed');
});
after(async () => { await browser?.close(); await server?.stop(); });

async function api(method, path, token, body) {
  const res = await fetch(server.base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** A resident made by staff, with a bearer token. */
async function resident(username) {
  const made = await api('POST', '/api/v1/users', admin, { username, password: PASSWORD, name: `居民 ${username}`, role: 'resident' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return (await api('POST', '/api/v1/auth/login', null, { username, password: PASSWORD })).body.token;
}

/** Books through the API (setup), failing the test unless it is made. */
async function apiBook(token, room, date, start, end) {
  const r = await api('POST', '/api/v1/bookings', token, {
    room, start: new Date(at(date, start)).toISOString(), end: new Date(at(date, end)).toISOString(), title: '占位', attendees: 1,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

/** A resident's phone, logged in, on the room page. */
async function phoneOn(t, username, room, day, password = PASSWORD) {
  const page = await newPage(browser, { phone: true });
  t.after(() => page.context().close());
  await login(page, server.base, username, password);
  await page.goto(`${server.base}/rooms/${room}?day=${day}#book`);
  return page;
}

/** Types a booking into the room page's form, as a person picks the times. */
async function fill(page, { date, start, end, title }) {
  await page.fill('#f-date', date);
  await page.fill('#f-start', start);
  await page.fill('#f-end', end);
  await page.fill('#f-title', title);
  await page.fill('#f-attendees', '1');
  await page.locator('#f-end').dispatchEvent('change');
}

/** Waits for the live check's words next to field (before anything is sent). */
async function liveSays(page, field, text) {
  await page.locator(`#f-${field}-error[data-live]`, { hasText: text }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getAttribute(`#f-${field}`, 'aria-invalid'), 'true');
}

async function submit(page) {
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '确认预约' }).click()]);
  return res;
}

/**
 * Submits what is typed and checks the refusal: 422, the words next to
 * field, and the typed values still in the form.
 */
async function refused(page, form, field, text) {
  const res = await submit(page);
  assert.equal(res.status(), 422);
  assert.match(await page.locator(`#f-${field}-error`).innerText(), new RegExp(text));
  assert.equal(await page.getAttribute(`#f-${field}`, 'aria-invalid'), 'true');
  for (const name of ['date', 'start', 'end', 'title']) {
    assert.equal(await page.inputValue(`#f-${name}`), form[name], `the typed ${name} is kept`);
  }
}

/** Types a booking that the live check calls free, sends it, and finds it in my bookings. */
async function books(page, form, roomName) {
  await fill(page, form);
  await page.locator('#book-check', { hasText: '这个时段空闲' }).waitFor({ timeout: 10_000 });
  const res = await submit(page);
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\/me\/bookings\?done=booked$/);
  const card = page.locator('.booking-card', { hasText: form.title });
  assert.equal(await card.count(), 1, `${form.title} is in my bookings`);
  const text = await card.innerText();
  assert.match(text, new RegExp(`${zhDay(form.date)}[\\s\\S]*${form.start}–${form.end}`));
  assert.match(text, new RegExp(roomName));
}

test('max_advance_days: a start one minute past 14 days ahead is refused, the minute on the limit is booked', async (t) => {
  await resident('tiqian');
  const page = await phoneOn(t, 'tiqian', 'library', siteDate(1));
  // The first whole minute past now+14 days, 20 s of slack to send it in:
  // refused unless the page took that long.
  const late = site(Math.ceil((Date.now() + 20e3) / MIN) * MIN + 14 * DAY);
  const lateEnd = site(at(late.date, late.time) + 30 * MIN);
  const over = { date: late.date, start: late.time, end: lateEnd.date === late.date ? lateEnd.time : '00:00', title: '太远了' };
  await fill(page, over);
  await liveSays(page, 'start', '最多只能提前14天预约');
  await refused(page, over, 'start', '^最多只能提前14天预约$');
  await audit(page, 'policy-advance-refused');

  // The limit is now+14 days to the instant: its whole minute is in.
  let start = Math.floor(Date.now() / MIN) * MIN + 14 * DAY;
  if (site(start + 30 * MIN).date !== site(start).date && site(start + 30 * MIN).time !== '00:00') {
    start = at(site(start + 30 * MIN).date, '00:00') - 30 * MIN; // the form's last half hour of that day
  }
  const s = site(start);
  const e = site(start + 30 * MIN);
  await books(page, { date: s.date, start: s.time, end: e.time === '00:00' ? '00:00' : e.time, title: '提前两周' }, '图书室');
  await audit(page, 'policy-advance-booked');
});

test('min_minutes: 29 minutes are refused next to the end, 30 are booked', async (t) => {
  await resident('duanshi');
  const day = siteDate(1);
  const page = await phoneOn(t, 'duanshi', 'library', day);
  const short = { date: day, start: '08:00', end: '08:29', title: '太短了' };
  await fill(page, short);
  await liveSays(page, 'end', '每次预约至少30分钟');
  await audit(page, 'policy-min-live');
  await refused(page, short, 'end', '^每次预约至少30分钟$');
  await audit(page, 'policy-min-refused');
  await books(page, { date: day, start: '08:00', end: '08:30', title: '半小时' }, '图书室');
  await audit(page, 'policy-min-booked');
});

test('max_minutes: 241 minutes are refused next to the end, 240 are booked', async (t) => {
  await resident('changshi');
  const day = siteDate(1);
  const page = await phoneOn(t, 'changshi', 'library', day);
  const long = { date: day, start: '09:00', end: '13:01', title: '太长了' };
  await fill(page, long);
  await liveSays(page, 'end', '每次预约最长240分钟');
  await refused(page, long, 'end', '^每次预约最长240分钟$');
  await audit(page, 'policy-max-refused');
  await books(page, { date: day, start: '09:00', end: '13:00', title: '四小时' }, '图书室');
  await audit(page, 'policy-max-booked');
});

test('buffer_minutes: 29 minutes after another use are refused next to the start, 30 are booked', async (t) => {
  const set = (m) => api('PATCH', '/api/v1/rooms/calligraphy', admin, { rules: { buffer_minutes: m } });
  assert.equal((await set(30)).status, 200);
  t.after(() => set(0));
  const day = siteDate(1);
  await apiBook(await resident('qianren'), 'calligraphy', day, '10:00', '11:00');
  await resident('houren');
  const page = await phoneOn(t, 'houren', 'calligraphy', day);
  const close = { date: day, start: '11:29', end: '12:30', title: '挨得太近' };
  await fill(page, close);
  await liveSays(page, 'start', '前后须各留30分钟整理时间');
  await refused(page, close, 'start', '^前后须各留30分钟整理时间，与其他使用太近$');
  await audit(page, 'policy-buffer-refused');
  await books(page, { date: day, start: '11:30', end: '12:30', title: '留足整理' }, '书法室');
  await audit(page, 'policy-buffer-booked');
});

test('weekly_quota: past 6 hours in next week is refused next to the end, exactly 6 are booked', async (t) => {
  // Next Monday to Sunday: wholly in the future and within 14 days.
  const iso = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(site(Date.now()).weekday);
  const monday = siteDate(7 - iso);
  const tuesday = siteDate(8 - iso);
  const wednesday = siteDate(9 - iso);
  const token = await resident('peie');
  await apiBook(token, 'activity', monday, '09:00', '12:00'); // 3 h in one room
  await apiBook(token, 'library', wednesday, '18:00', '19:00'); // and 1 h in another: 4 h
  const page = await phoneOn(t, 'peie', 'activity', tuesday);
  const over = { date: tuesday, start: '09:00', end: '11:01', title: '超出配额' };
  await fill(page, over);
  await liveSays(page, 'end', '每人每周（周一至周日）最多预约6小时，该周已预约4h');
  await refused(page, over, 'end', '^每人每周（周一至周日）最多预约6小时，该周已预约4h。$');
  await audit(page, 'policy-quota-refused');
  await books(page, { date: tuesday, start: '09:00', end: '11:00', title: '刚好六小时' }, '文体活动室');
  await audit(page, 'policy-quota-booked');
});

test('no_show_suspension: after 3 no-shows a resident is refused until a date, in words; another books', async (t) => {
  // The third no-show's deadline was yesterday 10:15: suspended 14 days from it.
  const until = siteDate(13);
  const day = siteDate(2);
  const form = { date: day, start: '15:00', end: '16:00', title: '想来自习' };
  const page = await phoneOn(t, 'wudao', 'calligraphy', day, server.passwords.wudao);
  await fill(page, form);
  const words = `30天内3次预约未到（未签到），${until.slice(0, 4)}年${zhDay(until)} 10:15前不能预约`;
  // No time is wrong, so the live check says it for the whole form, as the refusal after sending does.
  await page.locator('form[action="/rooms/calligraphy/book"] .form-error[data-live]', { hasText: words }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('#f-start-error').count(), 0, 'not filed under the start time');
  assert.equal(await page.getAttribute('#f-start', 'aria-invalid'), null);
  await audit(page, 'policy-noshow-live');
  const res = await submit(page);
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('form[action="/rooms/calligraphy/book"] .form-error').innerText(), words);
  for (const name of ['date', 'start', 'end', 'title']) {
    assert.equal(await page.inputValue(`#f-${name}`), form[name], `the typed ${name} is kept`);
  }
  await audit(page, 'policy-noshow-refused');
  await page.goto(`${server.base}/me/bookings`);
  assert.equal(await page.locator('.booking-card.past', { hasText: '未到' }).count(), 3, 'the three no-shows are in my bookings');
  await audit(page, 'policy-noshow-mine');

  await resident('shouxin');
  const other = await phoneOn(t, 'shouxin', 'calligraphy', day);
  await books(other, { ...form, title: '按时来' }, '书法室');
  await audit(other, 'policy-noshow-other-booked');
});
