// Closures in chromium on the real binary: staff preview a whole-centre
// closure over a resident's booking and a class, confirm it, the resident
// sees the booking cancelled with the reason in "my bookings" (phone) and
// the room's week shows the closure; staff delete it after the browser
// asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, login } from '../lib.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.stop(); });

async function open(t, opts) {
  const page = await newPage(browser, opts);
  t.after(() => page.context().close());
  return page;
}

async function clickTo(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

/** Tomorrow in the site zone, YYYY-MM-DD. */
function tomorrow() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 864e5));
}

async function api(method, path, token, body) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

test('staff preview and confirm a closure; the resident sees it; staff delete it', async (t) => {
  const day = tomorrow();
  const reg = await api('POST', '/api/v1/auth/register', '', { username: 'wang-closure', name: '王 Wang', password: 'secret-pass-1' });
  assert.equal(reg.status, 201);
  const sess = await api('POST', '/api/v1/auth/login', '', { username: 'wang-closure', password: 'secret-pass-1' });
  assert.equal(sess.status, 200, JSON.stringify(sess.body));
  const made = await api('POST', '/api/v1/bookings', sess.body.token,
    { room: 'library', start: `${day}T10:00:00+08:00`, end: `${day}T11:00:00+08:00`, title: '读书会 Reading', attendees: 2 });
  assert.equal(made.status, 201, JSON.stringify(made.body));

  const page = await open(t);
  await login(page, server.base, 'admin', server.adminPassword);
  await page.goto(`${server.base}/staff`);
  await clickTo(page, page.locator('a[href="/staff/closures"]'));
  await audit(page, 'closures-staff');

  await page.selectOption('#f-room', 'all');
  await page.fill('#f-start', day);
  await page.fill('#f-start-time', '06:00');
  await page.fill('#f-end', day);
  await page.fill('#f-end-time', '05:00');
  await page.fill('#f-reason', '维修 repairs');
  await clickTo(page, page.locator('button[value=preview]'));
  assert.ok(await page.locator('#f-end-error').isVisible(), 'an end before the start is said at the end');
  assert.equal(await page.inputValue('#f-reason'), '维修 repairs', 'the typed reason is kept');
  await audit(page, 'closures-refused');

  await page.fill('#f-end-time', '12:00');
  await clickTo(page, page.locator('button[value=preview]'));
  const preview = await page.locator('.closure-preview').textContent();
  assert.match(preview, /将取消1个预约/);
  assert.match(preview, /wang-closure/);
  assert.match(preview, /太极晨练/, 'the morning class is to be paused');
  assert.equal((await api('GET', '/api/v1/closures', '', null)).body.closures.length, 0, 'a preview writes nothing');
  await audit(page, 'closures-preview');

  await clickTo(page, page.locator('button[value=create]'));
  assert.match(await page.locator('.notice[role=status]').textContent(), /已安排闭馆/);
  assert.equal(await page.locator('.closure-card').count(), 1);
  await audit(page, 'closures-created');

  const phone = await open(t, { phone: true });
  await login(phone, server.base, 'wang-closure', 'secret-pass-1');
  await phone.goto(`${server.base}/me/bookings`);
  const card = phone.locator('.booking-card', { hasText: '因闭馆取消' });
  assert.equal(await card.count(), 1, 'my bookings says cancelled by closure');
  assert.match(await card.textContent(), /维修/);
  await audit(phone, 'closures-mine-phone');
  await phone.goto(`${server.base}/rooms/library?day=${day}#week`);
  assert.ok(await phone.locator('.week-grid td.sel .occ.closure', { hasText: '闭馆：维修' }).first().isVisible(), 'the grid shows the closure');
  await audit(phone, 'closures-grid-phone');

  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await clickTo(page, page.locator('.closure-card button[type=submit]'));
  assert.match(asked, /全馆/, 'the browser asks first');
  assert.match(await page.locator('.notice[role=status]').textContent(), /已删除闭馆/);
  assert.equal(await page.locator('.closure-card').count(), 0);
  assert.equal((await api('GET', '/api/v1/closures', '', null)).body.closures.length, 0);
  await audit(page, 'closures-deleted');
});
