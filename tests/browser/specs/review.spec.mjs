// Checks across every area of the site that no single area's spec makes:
// readable type (the issue asks for 16 px at least; many readers are
// older people) on every page, on a phone and on a desktop; the audit on
// the pages the area specs do not visit (an anonymous reader's front page
// and room page, a class page reached from its team, English pages on a
// desktop); the way from the front page to a team and a class.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, audit } from '../lib.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.stop(); });

/** The pages to read, as staff (who see every area); a class page is added. */
const PAGES = ['/', '/rooms/activity', '/rooms/activity/subscribe', '/rooms/activity/poster', '/teams/choir',
  '/me/bookings', '/me/subscribe', '/lead', '/lead/classes/new', '/staff', '/staff/users', '/staff/rooms',
  '/staff/rooms/activity', '/staff/teams/choir', '/no-such-page'];

// Runs inside the page: every visible piece of text (and every field's
// own text) drawn under min CSS px, one line per kind of element.
function smallText(min) {
  const out = new Map();
  const seen = (el, what) => {
    if (!el.checkVisibility({ visibilityProperty: true })) return;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.bottom <= 0) return; // visually hidden, or parked off-screen
    const px = parseFloat(getComputedStyle(el).fontSize);
    const key = `<${el.tagName.toLowerCase()}${[...el.classList].map((c) => `.${c}`).join('')}> ${px.toFixed(1)} px`;
    if (px + 0.01 < min && !out.has(key)) out.set(key, what.trim().replace(/\s+/g, ' ').slice(0, 30));
  };
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.textContent.trim() && n.parentElement) seen(n.parentElement, n.textContent);
  }
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) seen(el, el.value || el.name);
  return [...out].map(([k, v]) => `${k} "${v}"`);
}

for (const phone of [true, false]) {
  test(`every page draws its text at 16 px or more on a ${phone ? 'phone' : 'desktop'}`, async (t) => {
    const page = await newPage(browser, { phone });
    t.after(() => page.context().close());
    await login(page, server.base, 'admin', server.adminPassword);
    await page.goto(`${server.base}/lead`);
    const classPage = await page.locator('a[href^="/classes/"]').first().getAttribute('href');
    const problems = [];
    for (const path of [...PAGES, classPage]) {
      await page.goto(server.base + path);
      for (const p of await page.evaluate(smallText, 16)) problems.push(`${path}: ${p}`);
    }
    assert.deepEqual(problems, []);
  });
}

test('a visitor goes from the front page to a team and one of its classes, on a phone, not logged in', async (t) => {
  const page = await newPage(browser, { phone: true });
  t.after(() => page.context().close());
  await page.goto(`${server.base}/`);
  await audit(page, 'review-home-anonymous-phone');
  await Promise.all([page.waitForNavigation(), page.locator('.today-list a[href="/teams/taichi"]').first().click()]);
  assert.match(await page.locator('h1').innerText(), /太极队/);
  await Promise.all([page.waitForNavigation(), page.locator('.team-classes h3 a').first().click()]);
  assert.match(page.url(), /\/classes\/[^/]+$/);
  const main = await page.locator('main').innerText();
  assert.match(main, /太极晨练/);
  assert.doesNotMatch(main, /Morning tai chi/);
  await audit(page, 'review-class-anonymous-phone');
  await page.goto(`${server.base}/rooms/activity`);
  await audit(page, 'review-room-anonymous-phone');
});

test('English pages on a desktop pass the audit', async (t) => {
  const page = await newPage(browser, { locale: 'en-GB' });
  t.after(() => page.context().close());
  await login(page, server.base, 'admin', server.adminPassword);
  for (const [path, name] of [['/', 'home'], ['/rooms/activity', 'room'], ['/me/bookings', 'mine'], ['/lead', 'lead'],
    ['/teams/choir', 'team'], ['/staff/rooms', 'staff-rooms']]) {
    await page.goto(server.base + path);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await audit(page, `review-en-${name}-desktop`);
  }
});
