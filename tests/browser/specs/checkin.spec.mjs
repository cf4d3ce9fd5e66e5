// Check-in in chromium on the real binary, in real time (its clock cannot
// be moved): a resident's booking that starts in a few minutes shows a
// 签到 button on the room page (where the door poster's code leads), on
// the phone; after the tap the page says 签到成功 and 已签到, and so does
// my bookings. Staff check a second resident in from 今日签到 on the desk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, login } from '../lib.mjs';

let server, browser, admin;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await api('POST', '/api/v1/auth/login', null, { username: 'admin', password: server.adminPassword }).then((r) => r.body.token);
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

async function open(t, opts) {
  const page = await newPage(browser, opts);
  t.after(() => page.context().close());
  return page;
}

async function clickTo(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

/** A resident made by staff, with a token. */
async function resident(username) {
  const made = await api('POST', '/api/v1/users', admin, { username, password: 'secret-pass', name: `居民 ${username}`, role: 'resident' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return (await api('POST', '/api/v1/auth/login', null, { username, password: 'secret-pass' })).body.token;
}

/**
 * Books an hour starting within the next few minutes (whole minutes, in
 * its check-in window at once), in the first room free then: the demo
 * data has classes, so a room or a minute may be taken.
 */
async function bookSoon(token) {
  for (const room of ['calligraphy', 'library', 'activity']) {
    for (const ahead of [3, 6, 9]) {
      const start = new Date(Math.ceil(Date.now() / 60e3) * 60e3 + ahead * 60e3);
      const end = new Date(start.getTime() + 45 * 60e3);
      const r = await api('POST', '/api/v1/bookings', token, { room, start: start.toISOString(), end: end.toISOString(), title: '读书会', attendees: 2 });
      if (r.status === 201) return r.body.booking;
    }
  }
  throw new Error('no room free in the next minutes');
}

test('a resident checks in from the room page on the phone', async (t) => {
  const token = await resident('qiandao');
  const b = await bookSoon(token);
  const page = await open(t, { phone: true });
  await login(page, server.base, 'qiandao', 'secret-pass');
  await page.goto(`${server.base}/rooms/${b.room}`);
  const button = page.locator(`form[action="/rooms/${b.room}/check-in"] button[type=submit]`);
  assert.match(await button.textContent(), /签到/);
  assert.ok(await button.isVisible(), 'the check-in button is on the phone screen');
  await audit(page, 'checkin-room');
  await clickTo(page, button);
  assert.match(await page.locator('.notice[role=status]').textContent(), /签到成功/);
  assert.match(await page.locator('#checkin').textContent(), /已签到/);
  assert.equal(await button.count(), 0, 'no button once checked in');
  await audit(page, 'checkin-room-done');
  const got = await api('GET', `/api/v1/bookings/${b.id}`, token);
  assert.ok(got.body.booking.checked_in_at, 'checked in through the service');

  await page.goto(`${server.base}/me/bookings`);
  assert.match(await page.locator('main').textContent(), /已签到/);
  await audit(page, 'checkin-mine');

  await page.goto(`${server.base}/rooms/${b.room}/poster`);
  assert.ok((await page.content()).includes(`${server.base}/rooms/${b.room}`), 'the poster leads to the room page');
});

test('staff check a resident in from today\'s check-in list', async (t) => {
  const token = await resident('daochang');
  const b = await bookSoon(token);
  for (const phone of [false, true]) {
    const page = await open(t, { phone });
    await login(page, server.base, 'admin', server.adminPassword);
    await page.goto(`${server.base}/staff`);
    await clickTo(page, page.locator('a[href="/staff/checkin"]'));
    const row = page.locator(`#b-${b.id}`);
    assert.match(await row.textContent(), /daochang/);
    await audit(page, `checkin-staff${phone ? '-phone' : ''}`);
    if (phone) {
      assert.match(await row.textContent(), /已签到/);
      continue;
    }
    assert.match(await row.textContent(), /待签到/);
    await clickTo(page, row.locator('button[type=submit]'));
    assert.match(await page.locator('.notice[role=status]').textContent(), /签到成功/);
    assert.match(await page.locator(`#b-${b.id}`).textContent(), /已签到/);
    await audit(page, 'checkin-staff-done');
  }
  const got = await api('GET', `/api/v1/bookings/${b.id}`, token);
  assert.ok(got.body.booking.checked_in_at, 'checked in through the service');
});
