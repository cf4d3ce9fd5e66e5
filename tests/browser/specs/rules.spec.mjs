// A room's house rules in chromium on the real binary: staff edit the
// music room's quiet hours (a window that starts where it ends is refused
// next to the field, the typed times kept; a good one is saved), then a
// resident on a phone is refused a booking in quiet hours in words next
// to the field, and books the slot that ends exactly at 22:00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, login, register } from '../lib.mjs';

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

/** The date days from now in the site zone (Asia/Shanghai), YYYY-MM-DD. */
function siteDate(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 864e5));
}

async function musicQuiet() {
  return (await (await fetch(`${server.base}/api/v1/rooms/music`)).json()).room.rules.quiet_hours;
}

test('staff change the music room\'s quiet hours; a resident is held to them', async (t) => {
  const staff = await open(t);
  await login(staff, server.base, 'admin', server.adminPassword);
  await staff.goto(`${server.base}/staff/rooms`);
  await clickTo(staff, staff.locator('a[href="/staff/rooms/music/rules"]'));
  assert.equal(await staff.inputValue('#f-quiet_start-0'), '22:00');
  assert.equal(await staff.inputValue('#f-quiet_end-0'), '07:00');
  await audit(staff, 'rules-staff');

  const save = staff.locator('form[action="/staff/rooms/music/rules"] button[type=submit]');
  await staff.fill('#f-quiet_start-1', '23:00');
  await staff.fill('#f-quiet_end-1', '23:00');
  const refused = await clickTo(staff, save);
  assert.equal(refused.status(), 422);
  assert.match(await staff.locator('#f-quiet_hours-error').innerText(), /第2段开始与结束相同/);
  assert.equal(await staff.inputValue('#f-quiet_start-1'), '23:00', 'the typed times are kept');
  assert.equal(await staff.getAttribute('#f-quiet_start-1', 'aria-invalid'), 'true');
  assert.deepEqual(await musicQuiet(), [{ start: '22:00', end: '07:00' }], 'a refusal changes nothing');
  await audit(staff, 'rules-refused');

  await staff.fill('#f-quiet_start-1', '');
  await staff.fill('#f-quiet_end-1', '');
  await staff.fill('#f-quiet_end-0', '08:00');
  await clickTo(staff, save);
  assert.match(await staff.locator('.notice[role=status]').innerText(), /规则已保存/);
  assert.equal(await staff.inputValue('#f-quiet_end-0'), '08:00');
  assert.deepEqual(await musicQuiet(), [{ start: '22:00', end: '08:00' }]);
  await audit(staff, 'rules-saved');

  const phone = await open(t, { phone: true });
  await register(phone, server.base, { username: 'xiaoyu', name: '小雨', password: 'xiaoyu-pass-1' });
  const day = siteDate(1);
  await phone.goto(`${server.base}/rooms/music?day=${day}#book`);
  const book = async (start, end) => {
    await phone.fill('#f-date', day);
    await phone.fill('#f-start', start);
    await phone.fill('#f-end', end);
    await phone.fill('#f-title', '练琴');
    await phone.fill('#f-attendees', '1');
    return clickTo(phone, phone.getByRole('button', { name: '确认预约' }));
  };
  let res = await book('21:30', '22:30');
  assert.equal(res.status(), 422);
  assert.equal(await phone.locator('#f-end-error').innerText(), '器乐室22:00至次日08:00为安静时段，不能使用');
  assert.equal(await phone.inputValue('#f-start'), '21:30', 'the typed time is kept');
  await audit(phone, 'rules-quiet-refused-phone');

  res = await book('21:00', '22:00');
  assert.equal(res.status(), 200);
  assert.match(phone.url(), /\/me\/bookings\?done=booked$/);
  assert.match(await phone.locator('main').innerText(), /预约成功[\s\S]*21:00–22:00/);
  await audit(phone, 'rules-quiet-booked-phone');
});
