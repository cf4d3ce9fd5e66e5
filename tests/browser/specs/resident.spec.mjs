// Resident pages in a real browser: a resident registers, books a free
// slot on a 375×812 phone by tapping it in the room's week, sees a clash
// with a demo class refused in words (while picking the times and after
// sending), and cancels; a second account sees the booking only as
// "已预约" and is refused the same slot. audit() runs on the home, room
// (phone and desktop) and my-bookings pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, register } from '../lib.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The date days from now in the site zone (the server runs in Asia/Shanghai), as YYYY-MM-DD. */
function siteDate(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86400000));
}

/** Clicks and waits for the page it leads to. */
async function follow(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

test('a resident books a free slot on a phone, is refused a clash in words, and cancels', async () => {
  const page = await newPage(browser, { phone: true });
  try {
    await page.goto(`${server.base}/`);
    assert.match(await page.locator('.home-cta').innerText(), /登录后即可免费预约/);
    assert.equal(await page.locator('.room-card').count(), 5);
    assert.match(await page.locator('.room-card').first().innerText(), /空闲|使用中|下一场/);
    await audit(page, 'resident-home-phone');

    await register(page, server.base, { username: 'liming', name: '李明', password: 'liming-pass-1' });
    const tomorrow = siteDate(1);
    await page.goto(`${server.base}/rooms/library?day=${tomorrow}`);
    // One day at a time on a phone: the chosen day's column only.
    assert.equal(await page.locator('.week-grid thead th.day:visible').count(), 1);
    await audit(page, 'resident-room-phone');

    // Tap the first free hour of tomorrow: the form below is filled in.
    await follow(page, page.locator('.week-grid td.sel a.free').first());
    assert.equal(await page.inputValue('#f-date'), tomorrow);
    const start = await page.inputValue('#f-start');
    assert.match(start, /^\d\d:\d\d$/);
    assert.notEqual(await page.inputValue('#f-end'), '');
    await page.fill('#f-title', '读书会');
    await page.fill('#f-attendees', '4');
    await page.locator('#f-end').dispatchEvent('change');
    await page.locator('#book-check', { hasText: '这个时段空闲' }).waitFor();
    const res = await follow(page, page.getByRole('button', { name: '确认预约' }));
    assert.equal(res.status(), 200);
    assert.match(page.url(), /\/me\/bookings\?done=booked$/);
    const mine = await page.locator('main').innerText();
    assert.match(mine, /预约成功/);
    assert.match(mine, new RegExp(`读书会[\\s\\S]*图书室|图书室[\\s\\S]*读书会`));
    assert.match(mine, /农历/);
    await audit(page, 'resident-mine-phone');

    // The demo's tai chi class holds the activity room 06:30–07:30 every day.
    await page.goto(`${server.base}/rooms/activity?day=${tomorrow}#book`);
    await page.fill('#f-date', tomorrow);
    await page.fill('#f-start', '07:00');
    await page.fill('#f-end', '08:00');
    await page.locator('#f-end').dispatchEvent('change');
    const live = page.locator('#f-start-error');
    await live.waitFor();
    assert.match(await live.innerText(), /该时段已被占用：课程「太极晨练」，.*06:30–07:30/);
    await audit(page, 'resident-room-clash-phone');
    const refused = await follow(page, page.getByRole('button', { name: '确认预约' }));
    assert.equal(refused.status(), 409);
    assert.match(await page.locator('#f-start-error').innerText(), /该时段已被占用：课程「太极晨练」/);
    assert.equal(await page.inputValue('#f-start'), '07:00');

    await page.goto(`${server.base}/me/bookings`);
    await follow(page, page.locator('a', { hasText: '取消预约' }).first());
    assert.match(await page.locator('h1').innerText(), /确定取消？/);
    await audit(page, 'resident-cancel-phone');
    await follow(page, page.getByRole('button', { name: '确定取消' }));
    assert.match(page.url(), /done=cancelled$/);
    const after = await page.locator('main').innerText();
    assert.match(after, /已取消预约/);
    assert.match(after, /暂时没有预约/);
  } finally {
    await page.context().close();
  }
});

test('a second account sees another\'s booking only as booked, and is refused the slot', async () => {
  const first = await newPage(browser, { phone: true });
  const second = await newPage(browser);
  try {
    const day = siteDate(2);
    await register(first, server.base, { username: 'wangfang', name: '王芳', password: 'wangfang-pass-1' });
    await first.goto(`${server.base}/rooms/music?day=${day}&start=${day}T19:00&end=20:00#book`);
    await first.fill('#f-title', '练琴');
    await follow(first, first.getByRole('button', { name: '确认预约' }));
    assert.match(first.url(), /done=booked$/);

    await register(second, server.base, { username: 'zhaolei', name: '赵磊', password: 'zhaolei-pass-1' });
    await second.goto(`${server.base}/rooms/music?day=${day}`);
    const grid = await second.locator('.week-grid').innerText();
    assert.match(grid, /已预约/);
    assert.doesNotMatch(grid, /练琴/);
    await audit(second, 'resident-room-desktop');
    await second.fill('#f-date', day);
    await second.fill('#f-start', '19:30');
    await second.fill('#f-end', '20:30');
    const refused = await follow(second, second.getByRole('button', { name: '确认预约' }));
    assert.equal(refused.status(), 409);
    assert.match(await second.locator('#f-start-error').innerText(), /该时段已被占用：他人的预约，.*19:00–20:00/);

    // On a phone the day buttons change the day without a reload.
    await first.goto(`${server.base}/rooms/music?day=${day}`);
    const current = Number(await first.locator('.day-nav a[aria-current]').getAttribute('data-day'));
    const next = (current + 1) % 7;
    const url = first.url();
    await first.locator(`.day-nav a[data-day="${next}"]`).click();
    assert.equal(await first.locator(`.day-nav a[data-day="${next}"]`).getAttribute('aria-current'), 'true');
    assert.equal(await first.locator('.week-grid thead th.day:visible').count(), 1);
    assert.equal(await first.locator(`.week-grid thead th.d${next}`).isVisible(), true);
    assert.notEqual(first.url(), url); // the address follows, so a reload keeps the day
  } finally {
    await first.context().close();
    await second.context().close();
  }
});
