// The utilisation report in chromium on the real binary (demo seed: the
// community's weekly classes): staff open it from the desk on a phone,
// see the heat map (an SVG of 168 titled cells) and the tables, switch to
// this month and to custom dates, pick another room's map, and download
// the CSV; once more on the desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, newPage, audit, login } from '../lib.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.stop(); });

async function staff(t, opts) {
  const page = await newPage(browser, opts);
  t.after(() => page.context().close());
  await login(page, server.base, 'admin', server.adminPassword);
  return page;
}

async function clickTo(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

/** A date in the site zone, YYYY-MM-DD, days from today. */
function siteDate(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 864e5));
}

test('staff read the report, switch the span and download the CSV', async (t) => {
  const page = await staff(t, { phone: true });
  await page.goto(`${server.base}/staff`);
  await clickTo(page, page.locator('main a[href="/staff/utilization"]'));
  assert.equal(new URL(page.url()).pathname, '/staff/utilization');
  const cells = page.locator('svg.util-svg rect.util-cell');
  assert.equal(await cells.count(), 168, 'one cell per hour of the week');
  assert.match(await cells.first().locator('title').textContent(), /^周一 00:00–01:00：/);
  assert.match(await page.locator('figcaption').textContent(), /文体活动室/);
  assert.equal(await page.locator('#util-activity').count(), 1, 'the room table lists the activity room');
  assert.equal(await page.locator('.util-oneoff').count(), 1, 'the team table has the one-off row');
  assert.equal(await page.locator('main nav a[aria-current=true]').first().textContent(), '本周');
  await audit(page, 'utilization-week-phone');

  await clickTo(page, page.locator('a[href="/staff/utilization?span=month"]'));
  assert.equal(await page.locator('main nav a[aria-current=true]').first().textContent(), '本月');
  assert.equal(await page.inputValue('#f-from'), siteDate(0).slice(0, 8) + '01');
  await audit(page, 'utilization-month-phone');

  // The coming week: the activity room's daily tai chi at 06:30-07:30
  // fills half of the 06:00 cell of (at least) every day after today.
  await page.fill('#f-from', siteDate(0));
  await page.fill('#f-to', siteDate(7));
  await clickTo(page, page.locator('form.staff-filter button[type=submit]'));
  assert.equal(await page.inputValue('#f-from'), siteDate(0), 'the custom span is kept');
  const titles = await page.locator('svg.util-svg rect.util-cell title').allTextContents();
  assert.equal(titles.length, 168);
  const taichi = titles.filter((s) => /06:00–07:00：已用0.5小时/.test(s)).length;
  assert.ok(taichi >= 6, `tai chi in ${taichi} of the 06:00 cells: ${titles.filter((s) => s.includes('06:00–07:00'))}`);
  assert.ok(await page.locator('svg.util-svg rect.util-cell:not([fill="#f1f5f9"]):not([fill="#9a9a9a"])').count() >= 12, 'used cells are coloured');
  await audit(page, 'utilization-custom-phone');

  await clickTo(page, page.locator('.util-rooms a', { hasText: '器乐室' }));
  assert.match(await page.locator('figcaption').textContent(), /器乐室/);
  assert.match(await page.locator('svg.util-svg rect.util-cell').first().locator('title').textContent(), /不开放/, 'quiet hours are not open');
  await audit(page, 'utilization-music-phone');

  // The CSV link: the answer is a CSV attachment of the span's rooms.
  const link = page.locator('.util-csv a').first();
  const href = await link.getAttribute('href');
  const res = await page.request.get(server.base + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'text/csv; charset=utf-8');
  assert.match(res.headers()['content-disposition'], /^attachment; filename="utilization-room-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'room,name,name_en,booked_hours,checked_in_hours,no_show_hours,open_hours,share');
  assert.equal(lines.length, 6, 'a header and the five rooms');
  assert.ok(text.startsWith('\ufeff'), 'a byte order mark for Excel');
});

test('the report on the desktop', async (t) => {
  const page = await staff(t);
  await page.goto(`${server.base}/staff/utilization?span=month`);
  assert.equal(await page.locator('svg.util-svg rect.util-cell').count(), 168);
  await audit(page, 'utilization-desktop');
  await page.goto(`${server.base}/staff/utilization?span=custom&from=2020-01-01&to=2026-01-01`);
  assert.match(await page.locator('#f-to-error').textContent(), /366/);
  await audit(page, 'utilization-refused');
});
