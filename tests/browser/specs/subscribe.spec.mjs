// Subscribing to a calendar, a team's public page and a room's door
// poster, on the real binary in chromium: the subscribe page on a phone
// in a normal browser and inside WeChat, the copy button, a new private
// address, the team page, and the poster printed on one A4 sheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, login } from '../lib.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.stop(); });

/** WeChat's in-app browser on an iPhone, as its user agent says. */
const WECHAT_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) '
  + 'Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN';
const NOTICE = '.subscribe-wechat';

/** A page in a new context, closed when the test ends. */
async function open(t, opts) {
  const page = await newPage(browser, opts);
  t.after(() => page.context().close());
  return page;
}

/** The three addresses a subscribe page offers, as the browser sees them. */
async function links(page) {
  return {
    webcal: await page.getAttribute('a.subscribe-webcal', 'href'),
    feed: await page.inputValue('#f-feed'),
    download: await page.getAttribute('.subscribe-download a', 'href'),
  };
}

test('a room\'s subscribe page on a phone: webcal button, address to copy, download, QR code, how-to', async (t) => {
  const page = await open(t, { phone: true, permissions: ['clipboard-read', 'clipboard-write'] });
  const res = await page.goto(`${server.base}/rooms/activity/subscribe`);
  assert.equal(res.status(), 200);
  await audit(page, 'subscribe-room-phone');
  const { webcal, feed, download } = await links(page);
  assert.equal(feed, `${server.base}/calendar/rooms/activity.ics`);
  assert.equal(webcal, feed.replace(/^http:/, 'webcal:'));
  assert.equal(await page.locator(NOTICE).count(), 0, 'no WeChat notice outside WeChat');
  assert.ok(await page.locator('svg.qr').isVisible(), 'the QR code is shown');
  const headings = await page.locator('.subscribe-howto h3').allTextContents();
  assert.match(headings[0], /iPhone/, `the how-to leads with iPhone: ${headings}`);
  assert.match(headings.at(-1), /Google/, `Google comes last: ${headings}`);

  // The script shows the copy button; it copies the address and says so.
  const copy = page.locator('[data-subscribe-copy]');
  assert.ok(await copy.isVisible(), 'the copy button is shown with script');
  await copy.click();
  await page.locator('[data-subscribe-status]').filter({ hasText: '已复制' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), feed);

  // The download is the feed as a file.
  const file = await page.request.get(server.base + download);
  assert.equal(file.status(), 200);
  assert.match(file.headers()['content-disposition'], /^attachment; filename="mingzhu-room-activity\.ics"$/);
  assert.match(await file.text(), /^BEGIN:VCALENDAR/);
});

test('without script the address is still there to select, and no dead copy button shows', async (t) => {
  const page = await open(t, { phone: true, javaScriptEnabled: false });
  await page.goto(`${server.base}/teams/choir/subscribe`);
  // No audit() here: axe runs as script in the page. The same page with
  // script is audited below (subscribe-team-phone).
  assert.equal(await page.locator('[data-subscribe-copy]').isVisible(), false);
  assert.equal(await page.inputValue('#f-feed'), `${server.base}/calendar/teams/choir.ics`);
});

test('a team\'s subscribe page on a phone', async (t) => {
  const page = await open(t, { phone: true });
  await page.goto(`${server.base}/teams/choir/subscribe`);
  await audit(page, 'subscribe-team-phone');
  const { webcal, feed, download } = await links(page);
  assert.equal(feed, `${server.base}/calendar/teams/choir.ics`);
  assert.equal(webcal, feed.replace(/^http:/, 'webcal:'));
  assert.equal(download, '/teams/choir/calendar.ics');
});

test('inside WeChat the page first says to open it in the phone\'s browser', async (t) => {
  const page = await open(t, { phone: true, userAgent: WECHAT_UA });
  await page.goto(`${server.base}/rooms/activity/subscribe`);
  await audit(page, 'subscribe-room-wechat');
  const notice = page.locator(NOTICE);
  assert.ok(await notice.isVisible(), 'the WeChat notice is shown');
  assert.match(await notice.innerText(), /在浏览器中打开/);
  const box = await notice.boundingBox();
  const button = await page.locator('a.subscribe-webcal').boundingBox();
  assert.ok(box.y < button.y && box.y < 812, 'the notice comes before the subscribe button, on the first screen');
});

test('my calendar: login first, then a new address retires the old one', async (t) => {
  const page = await open(t, { phone: true });
  await page.goto(`${server.base}/me/subscribe`);
  assert.equal(new URL(page.url()).pathname, '/login', 'anonymous readers log in first');
  await login(page, server.base, 'choir-leader', server.passwords['choir-leader']);
  await page.goto(`${server.base}/me/subscribe`);
  await audit(page, 'subscribe-me-phone');
  const old = await page.inputValue('#f-feed');
  assert.match(old, /\/calendar\/me\/[^/]+\.ics$/);
  assert.equal((await page.request.get(old)).status(), 200);

  page.once('dialog', (d) => d.accept()); // "the old address stops working: sure?"
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/me/subscribe/reset"] button').click()]);
  await page.locator('.notice').waitFor();
  await audit(page, 'subscribe-me-reset');
  const fresh = await page.inputValue('#f-feed');
  assert.notEqual(fresh, old);
  assert.equal((await page.request.get(old)).status(), 404, 'the old address answers 404');
  assert.equal((await page.request.get(fresh)).status(), 200);
});

test('a team\'s public page lists its classes and next dates and links to subscribe', async (t) => {
  const page = await open(t, { phone: true });
  const res = await page.goto(`${server.base}/teams/choir`);
  assert.equal(res.status(), 200);
  await audit(page, 'team-phone');
  assert.equal(await page.locator('h1').innerText(), '明珠合唱队');
  assert.match(await page.locator('.team-classes').innerText(), /合唱排练[\s\S]*每周一、周三[\s\S]*09:00–11:00[\s\S]*文体活动室/);
  assert.match(await page.locator('.team-next li').first().innerText(), /\d+月\d+日 周[一三][\s\S]*农历/);
  await Promise.all([page.waitForNavigation(), page.locator('a.subscribe-link').click()]);
  assert.equal(new URL(page.url()).pathname, '/teams/choir/subscribe');

  const missing = await page.goto(`${server.base}/teams/nobody`);
  assert.equal(missing.status(), 404);
  await audit(page, 'team-404');
});

test('the door poster: fine on screen, one A4 sheet in print', async (t) => {
  const page = await open(t, {});
  await page.goto(`${server.base}/rooms/activity/poster`);
  await audit(page, 'poster-desktop');
  const print = page.locator('[data-poster-print]');
  assert.ok(await print.isVisible(), 'a print button on screen');
  assert.match(await page.locator('.poster-name').innerText(), /文体活动室/);
  assert.match(await page.locator('.poster-open').innerText(), /免费开放.*全天不打烊/);
  assert.match(await page.locator('.poster-table tbody').innerText(), /太极晨练/);
  const headers = await page.locator('.poster-table thead th').allInnerTexts();
  assert.deepEqual(headers.slice(1).map((h) => h.slice(0, 2)), ['周一', '周二', '周三', '周四', '周五', '周六', '周日']);

  await page.emulateMedia({ media: 'print' });
  assert.equal(await print.isVisible(), false, 'the print button is not printed');
  assert.equal(await page.locator('header.site').isVisible(), false, 'nor the site header');
  assert.ok(await page.locator('svg.qr').isVisible(), 'the QR code is printed');
  const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) || [];
  assert.equal(pages.length, 1, 'the poster prints on one sheet');
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box && Math.abs(box[1] - 595.3) < 2 && Math.abs(box[2] - 841.9) < 2, `an A4 sheet: ${box?.[0]}`);
  await page.emulateMedia({ media: 'screen' });

  const phone = await open(t, { phone: true });
  await phone.goto(`${server.base}/rooms/activity/poster`);
  await audit(phone, 'poster-phone');
});
