// The holiday calendar in chromium on the real binary: staff add a local
// day off on the holidays page (desktop), see it marked on a room's week
// grid (desktop and phone), and remove it after the browser asks.
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

/** A date two weeks from now in the site zone, YYYY-MM-DD. */
function inTwoWeeks() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 14 * 864e5));
}

async function apiHolidays(year) {
  return (await (await fetch(`${server.base}/api/v1/holidays?year=${year}`)).json()).holidays;
}

test('staff add a local day off, see it on the room grid, and remove it', async (t) => {
  const page = await open(t);
  await login(page, server.base, 'admin', server.adminPassword);
  const date = inTwoWeeks();
  const year = date.slice(0, 4);
  await page.goto(`${server.base}/staff`);
  await clickTo(page, page.locator('a[href="/staff/holidays"]'));
  await audit(page, 'holidays-staff');

  await page.goto(`${server.base}/staff/holidays?year=${year}`);
  await page.fill('#f-date', date);
  await page.fill('#f-name', '');
  await clickTo(page, page.locator('form[action="/staff/holidays"] button[type=submit]'));
  assert.match(await page.locator('#f-name-error').textContent(), /名称/);
  assert.equal(await page.inputValue('#f-date'), date, 'the typed date is kept');
  await audit(page, 'holidays-refused');

  await page.fill('#f-name', '社区运动会');
  await page.check('#f-kind');
  await clickTo(page, page.locator('form[action="/staff/holidays"] button[type=submit]'));
  assert.match(await page.locator('.notice[role=status]').textContent(), /已添加/);
  assert.ok(await page.locator(`#hol-${date}`).isVisible(), 'the new day is listed');
  assert.ok((await apiHolidays(year)).some((h) => h.date === date && h.name === '社区运动会' && !h.work));
  await audit(page, 'holidays-added');

  await page.goto(`${server.base}/rooms/activity?week=${date}#week`);
  const head = page.locator('.week-grid thead th', { hasText: '社区运动会' });
  assert.equal(await head.count(), 1, 'the day header names the day off');
  assert.equal(await head.locator('.hol-badge').textContent(), '休');
  await audit(page, 'holidays-grid');

  const phone = await open(t, { phone: true });
  await phone.goto(`${server.base}/rooms/activity?day=${date}#week`);
  assert.ok(await phone.locator('.week-grid thead th.sel .hol-off').isVisible(), 'a phone shows the mark on its day');
  await audit(phone, 'holidays-grid-phone');

  await page.goto(`${server.base}/staff/holidays?year=${year}`);
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await clickTo(page, page.locator(`#hol-${date} button[type=submit]`));
  assert.match(asked, /社区运动会/, 'the browser asks first');
  assert.match(await page.locator('.notice[role=status]').textContent(), /已取消/);
  assert.equal(await page.locator(`#hol-${date}`).count(), 0);
  assert.ok(!(await apiHolidays(year)).some((h) => h.date === date && h.name === '社区运动会'));
  await audit(page, 'holidays-removed');
});
