// Approval of the lecture room in chromium on the real binary: a resident
// books it on the room's page and is told it waits for staff; my bookings
// says pending in words; staff approve one booking and decline another
// with a reason on the approvals page (refused in words when it was
// already decided); the resident then sees confirmed and declined with
// the reason.
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

async function follow(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

/** The date days from now in the site zone, YYYY-MM-DD. */
function siteDate(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 864e5));
}

/** Books the lecture room through its page's form. */
async function bookLecture(page, date, start, end, title) {
  await page.goto(`${server.base}/rooms/lecture?day=${date}#book`);
  await page.fill('#f-date', date);
  await page.fill('#f-start', start);
  await page.fill('#f-end', end);
  await page.fill('#f-title', title);
  await page.fill('#f-attendees', '20');
  return follow(page, page.locator('form[action="/rooms/lecture/book"] button[type=submit]'));
}

test('a resident\'s lecture room booking waits; staff approve one and decline one with a reason', async (t) => {
  const res = await open(t, { phone: true });
  await register(res, server.base, { username: 'zhanghua', name: '张华', password: 'zhanghua-pass-1' });
  const day = siteDate(3);
  await bookLecture(res, day, '09:00', '10:00', '防诈骗讲座');
  assert.match(res.url(), /\/me\/bookings\?done=booked_pending$/);
  assert.match(await res.locator('.notice[role=status]').textContent(), /需要工作人员审批/);
  assert.equal(await res.locator('.booking-card .status', { hasText: '待审批' }).count(), 1);
  await audit(res, 'approvals-mine-pending');
  await bookLecture(res, day, '14:00', '15:00', '健康讲座');
  assert.equal(await res.locator('.booking-card .status', { hasText: '待审批' }).count(), 2);

  const staff = await open(t);
  await login(staff, server.base, 'admin', server.adminPassword);
  await staff.goto(`${server.base}/staff`);
  const card = staff.locator('a[href="/staff/approvals"]');
  assert.match(await card.textContent(), /待审批 \(2\)/);
  await audit(staff, 'approvals-desk');
  await follow(staff, card);
  assert.equal(await staff.locator('.approval-card').count(), 2);
  await audit(staff, 'approvals-queue');

  const first = staff.locator('.approval-card', { hasText: '防诈骗讲座' });
  const firstAction = await first.locator('form.approval-yes').getAttribute('action');
  await follow(staff, first.getByRole('button', { name: /^同意/ }));
  assert.match(staff.url(), /done=approval_approved$/);
  assert.match(await staff.locator('.notice[role=status]').textContent(), /已同意/);
  await audit(staff, 'approvals-approved');

  const second = staff.locator('.approval-card', { hasText: '健康讲座' });
  await second.locator('input[name=reason]').fill('当天礼堂检修');
  await follow(staff, second.getByRole('button', { name: /^拒绝/ }));
  assert.match(await staff.locator('.notice[role=status]').textContent(), /已拒绝/);
  assert.equal(await staff.locator('.approval-card').count(), 0);
  await audit(staff, 'approvals-declined');

  // A second staff member's tab still shows the first booking: deciding
  // it again is refused in words.
  const late = await open(t, { phone: true });
  await login(late, server.base, 'admin', server.adminPassword);
  await late.goto(`${server.base}/staff/approvals`);
  await Promise.all([late.waitForNavigation(), late.evaluate((action) => {
    const f = document.createElement('form');
    f.method = 'post'; f.action = action;
    document.body.append(f);
    f.submit();
  }, firstAction)]);
  assert.match(await late.locator('.form-error[role=alert]').textContent(), /没有办成：该预约不在待审批状态/);
  await audit(late, 'approvals-refused-phone');

  await res.goto(`${server.base}/me/bookings`);
  const mine = await res.locator('main').innerText();
  assert.match(mine, /防诈骗讲座[\s\S]*已确认/);
  assert.match(mine, /已拒绝[\s\S]*理由：当天礼堂检修/);
  assert.doesNotMatch(mine, /待审批/);
  await audit(res, 'approvals-mine-decided');
});
