// The audit log in chromium on the real binary: staff rename a room on its
// page (desktop), then find that change in the audit log from the desk by
// filtering by kind, id and day, with the name before → after; on a phone
// the log is stacked cards that fit the screen.
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

/** Today in the site zone, YYYY-MM-DD. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

test('staff rename a room and find the change in the audit log', async (t) => {
  const page = await open(t);
  await login(page, server.base, 'admin', server.adminPassword);
  await page.goto(`${server.base}/staff/rooms/library`);
  const was = await page.inputValue('#f-name');
  await page.fill('#f-name', '阅读室');
  await clickTo(page, page.locator('form[action="/staff/rooms/library"] button[type=submit]'));
  await audit(page, 'audit-room-saved');

  await page.goto(`${server.base}/staff`);
  await clickTo(page, page.locator('a[href="/staff/audit"]'));
  await audit(page, 'audit-log');
  await page.selectOption('#f-entity', 'room');
  await page.fill('#f-entity_id', 'library');
  await page.fill('#f-from', today());
  await page.fill('#f-to', today());
  await clickTo(page, page.locator('form[action="/staff/audit"] button[type=submit]'));
  const lines = page.locator('.audit-line');
  assert.equal(await lines.count(), 1, 'one change of that room today');
  const change = lines.first().locator('.audit-changes li', { hasText: '名称' });
  assert.equal(await change.locator('.audit-before').textContent(), was);
  assert.equal(await change.locator('.audit-after').textContent(), '阅读室');
  assert.match(await lines.first().textContent(), /修改/);
  assert.match(await lines.first().textContent(), /前台工作人员/, "who did it");
  await audit(page, 'audit-filtered');

  await page.fill('#f-from', 'not-a-date');
  await page.evaluate(() => { const f = document.querySelector('#f-from'); f.type = 'text'; f.value = 'not-a-date'; });
  await clickTo(page, page.locator('form[action="/staff/audit"] button[type=submit]'));
  assert.ok(await page.locator('#f-from-error').isVisible(), 'a bad date is refused next to its field');
  await audit(page, 'audit-refused');

  const phone = await open(t, { phone: true });
  await login(phone, server.base, 'admin', server.adminPassword);
  await phone.goto(`${server.base}/staff/audit?entity=room&entity_id=library`);
  const card = phone.locator('.audit-line').first();
  const box = await card.boundingBox();
  assert.ok(box && box.width <= 375, `the card fits the phone (${box?.width}px)`);
  assert.equal(await card.locator('.audit-after').first().textContent(), '阅读室');
  await audit(phone, 'audit-phone');
});
