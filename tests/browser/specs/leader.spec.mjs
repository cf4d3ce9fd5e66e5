// A team leader plans a term: creates a weekly class, sees in the live
// preview the dates that clash with a demo team's class, skips them, finds
// the class on the room's week grid and cancels one date. The same again
// on a phone without script: the "check" button, the skip button after
// it, and the confirmation page before cancelling. Every page is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, login } from '../lib.mjs';

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

/** Today in the site zone, as <input type="date"> writes it. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first date after today that falls on weekday wd (0 = Sunday). */
function nextWeekday(wd) {
  let d = addDays(today(), 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== wd) d = addDays(d, 1);
  return d;
}

/** "12月7日 周一", as the pages write a date. */
function zhDay(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${['周日', '周一', '周二', '周三', '周四', '周五', '周六'][d.getUTCDay()]}`;
}

async function fillClass(page, { room, title, days, start, end, first, last }) {
  await page.selectOption('#f-room', room);
  await page.fill('#f-title', title);
  for (const d of days) await page.getByLabel(d, { exact: true }).check();
  await page.fill('#f-start', start);
  await page.fill('#f-end', end);
  await page.fill('#f-first', first);
  await page.fill('#f-last', last);
}

async function clashLines(page) {
  return page.locator('#lead-preview .lead-clashes li').allTextContents();
}

/**
 * Looks for text on the room's week grid, in the week of date (?week=,
 * else the page's own link to the next week). Returns null when the room
 * page is not there (it is built on another branch).
 */
async function onRoomGrid(page, room, date, text) {
  const res = await page.goto(`${server.base}/rooms/${room}?week=${date}`);
  if (res.status() === 404) return null;
  assert.equal(res.status(), 200);
  await audit(page, 'leader-room');
  if ((await page.locator('main').innerText()).includes(text)) return true;
  const next = page.getByRole('link', { name: /下一周|next week/i }).first();
  if (await next.count()) {
    await Promise.all([page.waitForNavigation(), next.click()]);
    return (await page.locator('main').innerText()).includes(text);
  }
  return false;
}

test('a leader creates a weekly class, skips the clashing dates the live preview shows, and cancels a date', async () => {
  const page = await newPage(browser);
  try {
    await login(page, server.base, 'dance-leader', server.passwords['dance-leader']);
    await page.goto(`${server.base}/lead`);
    assert.match(await page.locator('main').innerText(), /舞蹈队[\s\S]*舞蹈练习[\s\S]*每周二、四 19:00–21:00[\s\S]*长期/);
    await audit(page, 'leader-lead');

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '新建每周课程' }).click()]);
    assert.match(page.url(), /\/lead\/classes\/new\?team=dance$/);
    await page.locator('#lead-preview .lead-box').waitFor(); // the script's first answer: the hint
    await audit(page, 'leader-new');

    // Mondays and Fridays 10:00-11:00 for four weeks in the activity room:
    // the choir rehearses there on Mondays 09:00-11:00.
    const first = nextWeekday(1);
    const title = '基本功训练 Basic training';
    await fillClass(page, { room: 'activity', title, days: ['周一', '周五'], start: '10:00', end: '11:00', first, last: addDays(first, 25) });
    await page.waitForFunction(() => document.querySelectorAll('#lead-preview .lead-clashes li').length === 4);
    const lines = await clashLines(page);
    assert.deepEqual(lines, [0, 7, 14, 21].map((n) =>
      `${zhDay(addDays(first, n))} 10:00–11:00 与 明珠合唱队「合唱排练」 (09:00–11:00) 冲突`));
    const box = await page.locator('#lead-preview').innerText();
    assert.match(box, /共8次课，其中4处冲突/);
    assert.match(box, /还有4次课照常进行/);
    await audit(page, 'leader-preview');

    await Promise.all([page.waitForURL(/\/classes\/[^/?]+\?done=class_created$/), page.getByRole('button', { name: '跳过这些日期并创建' }).click()]);
    const classURL = page.url().replace(/\?.*$/, '');
    const main = await page.locator('main').innerText();
    assert.match(main, /课程已创建/);
    assert.match(main, /每周一、五 10:00–11:00/);
    assert.ok(!main.includes(zhDay(first)), 'a skipped Monday is still listed');
    assert.ok(main.includes(zhDay(addDays(first, 4))), 'the first Friday is not listed');
    await audit(page, 'leader-class');

    const grid = await onRoomGrid(page, 'activity', addDays(first, 4), '基本功训练');
    if (grid === null) {
      console.log('# /rooms/activity is not on this branch yet: the class page stood in for the week grid');
    } else {
      assert.ok(grid, 'the class is not on the room\'s week grid');
    }

    // Cancel the first Friday, confirming the browser's question.
    await page.goto(classURL);
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForURL(/\?done=class_date_cancelled$/), page.getByRole('button', { name: '取消这一次' }).first().click()]);
    const firstDate = page.locator('.class-date').first();
    assert.match(await firstDate.innerText(), new RegExp(`${zhDay(addDays(first, 4))}[\\s\\S]*已取消`));
    assert.match(await page.locator('main').innerText(), /这一次课已取消/);
    await audit(page, 'leader-class-cancelled');
  } finally {
    await page.context().close();
  }
});

test('on a phone without script: check, skip the clashing dates, cancel a date after a confirmation page', async () => {
  // The site's script is kept away (axe needs the browser's own script
  // running, so it is not switched off): the pages must work without it.
  const page = await newPage(browser, { phone: true });
  await page.route('**/static/app.js*', (route) => route.abort());
  try {
    await login(page, server.base, 'choir-leader', server.passwords['choir-leader']);
    await page.goto(`${server.base}/lead`);
    await audit(page, 'leader-phone-lead');
    await page.goto(`${server.base}/lead/classes/new?team=choir`);
    await audit(page, 'leader-phone-new');

    // Tuesdays and Thursdays 15:00-16:00 in the music room: the drum band
    // rehearses there on Tuesdays 14:30-16:30.
    const first = nextWeekday(2);
    await fillClass(page, { room: 'music', title: '声部练习', days: ['周二', '周四'], start: '15:00', end: '16:00', first, last: addDays(first, 16) });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '检查冲突' }).click()]);
    assert.deepEqual(await clashLines(page), [0, 7, 14].map((n) =>
      `${zhDay(addDays(first, n))} 15:00–16:00 与 鼓乐队「鼓乐排练」 (14:30–16:30) 冲突`));
    assert.equal(await page.inputValue('#f-title'), '声部练习');
    await audit(page, 'leader-phone-checked');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '跳过冲突日期并创建' }).click()]);
    assert.match(page.url(), /\?done=class_created$/);
    await audit(page, 'leader-phone-class');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '取消这一次' }).first().click()]);
    assert.match(await page.locator('main').innerText(), /确定取消下面这一次课吗/);
    await audit(page, 'leader-phone-cancel-confirm');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '确定取消这一次' }).click()]);
    assert.match(await page.locator('.class-date').first().innerText(), new RegExp(`${zhDay(addDays(first, 2))}[\\s\\S]*已取消`));
    await audit(page, 'leader-phone-class-cancelled');
  } finally {
    await page.context().close();
  }
});

test('bad input on the new-class form keeps what was typed, with the message next to the field', async () => {
  const page = await newPage(browser, { phone: true });
  try {
    await login(page, server.base, 'taichi-leader', server.passwords['taichi-leader']);
    await page.goto(`${server.base}/lead/classes/new`);
    const first = nextWeekday(3);
    await fillClass(page, { room: 'library', title: '太极理论', days: ['周三'], start: '16:00', end: '15:00', first, last: addDays(first, 14) });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '创建', exact: true }).click()]);
    assert.equal(await page.locator('#f-end-error').innerText(), '结束时间须晚于开始时间');
    assert.equal(await page.getAttribute('#f-end', 'aria-describedby'), 'f-end-error');
    assert.equal(await page.inputValue('#f-title'), '太极理论');
    assert.equal(await page.inputValue('#f-start'), '16:00');
    assert.ok(await page.getByLabel('周三', { exact: true }).isChecked());
    await audit(page, 'leader-phone-bad-input');
  } finally {
    await page.context().close();
  }
});
