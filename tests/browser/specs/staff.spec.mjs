// The reception desk's pages on the real binary in chromium, on the
// desktop staff use (1280×800) and once on a phone: staff create a team
// leader, reset a password (the account then logs in with it in a fresh
// browser), disable an account after the browser asks, create a team, edit
// a room's capacity; others meet the friendly 403 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, audit, login, submitLogin, hasChinese } from '../lib.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.stop(); });

/** A page in a new context, closed when the test ends. */
async function open(t, opts) {
  const page = await newPage(browser, opts);
  t.after(() => page.context().close());
  return page;
}

/** A page with staff logged in. */
async function staff(t, opts) {
  const page = await open(t, opts);
  await login(page, server.base, 'admin', server.adminPassword);
  return page;
}

/** Clicks and waits for the page the click leads to. */
async function clickTo(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

const path = (page) => new URL(page.url()).pathname;
const notice = (page) => page.locator('.notice[role=status]').textContent();
const fieldError = (page, name) => page.locator(`#f-${name}-error`).textContent();

/** An account as the API lists it, read with admin's token. */
async function apiUser(username) {
  const tok = await (await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  })).json();
  const res = await fetch(`${server.base}/api/v1/users?q=${encodeURIComponent(username)}`, { headers: { Authorization: `Bearer ${tok.token}` } });
  return (await res.json()).users.find((u) => u.username === username);
}

test('staff create a team leader, reset the password, and the leader logs in with it', async (t) => {
  const page = await staff(t);
  await clickTo(page, page.locator('header nav a[href="/staff"]'));
  assert.equal(path(page), '/staff');
  await audit(page, 'staff-desk');
  await clickTo(page, page.locator('main a[href="/staff/users"]'));
  await audit(page, 'staff-users');
  await clickTo(page, page.locator('main a[href="/staff/users/new"]'));
  await audit(page, 'staff-user-new');

  // A taken username is refused by its field; what was typed stays.
  await page.fill('#f-username', 'choir-leader');
  await page.fill('#f-name', '林老师');
  await page.selectOption('#f-role', 'leader');
  await page.fill('#f-password', 'first-pass-1');
  let res = await clickTo(page, page.getByRole('button', { name: '创建账号' }));
  assert.equal(res.status(), 409);
  assert.equal(await fieldError(page, 'username'), '用户名已存在');
  assert.equal(await page.inputValue('#f-name'), '林老师');
  assert.equal(await page.inputValue('#f-role'), 'leader');
  await audit(page, 'staff-user-new-refused');

  await page.fill('#f-username', 'lin-teacher');
  await page.fill('#f-password', 'first-pass-1');
  res = await clickTo(page, page.getByRole('button', { name: '创建账号' }));
  assert.equal(res.status(), 200);
  assert.match(path(page), /^\/staff\/users\/[^/]+$/);
  assert.equal(await notice(page), '账号已创建。');
  await audit(page, 'staff-user');
  assert.equal((await apiUser('lin-teacher')).role, 'leader');

  await page.fill('#f-password', 'second-pass-2');
  await clickTo(page, page.getByRole('button', { name: '设置新密码' }));
  assert.match(await notice(page), /新密码已设置/);
  await audit(page, 'staff-user-password-reset');

  // A fresh browser: the old password no longer works, the new one does.
  const fresh = await open(t);
  await fresh.goto(`${server.base}/login`);
  res = await submitLogin(fresh, 'lin-teacher', 'first-pass-1');
  assert.equal(res.status(), 401);
  await login(fresh, server.base, 'lin-teacher', 'second-pass-2');
  assert.equal(await fresh.locator('header .me').textContent(), '林老师');
  assert.ok(await fresh.locator('header nav a[href="/lead"]').isVisible(), 'a leader sees the leader menu');
  res = await fresh.goto(`${server.base}/staff`);
  assert.equal(res.status(), 403, 'a leader is no staff');
  assert.match(await fresh.locator('main h1').textContent(), /没有权限/);
  await audit(fresh, 'staff-forbidden');
});

test('staff disable an account after the browser asks; it cannot log in; staff cannot disable themselves', async (t) => {
  const page = await staff(t);
  await page.goto(`${server.base}/staff/users/new?role=resident`);
  await page.fill('#f-username', 'wang-ayi');
  await page.fill('#f-name', '王阿姨');
  await page.fill('#f-password', 'wang-pass-1');
  await clickTo(page, page.getByRole('button', { name: '创建账号' }));
  const account = page.url().split('?')[0];

  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await clickTo(page, page.getByRole('button', { name: '停用账号' }));
  assert.equal(asked, '确定要停用“王阿姨”的账号吗？');
  assert.equal(await notice(page), '账号已停用。');
  assert.equal((await apiUser('wang-ayi')).disabled, true);
  await audit(page, 'staff-user-disabled');

  const fresh = await open(t, { phone: true });
  await fresh.goto(`${server.base}/login`);
  const res = await submitLogin(fresh, 'wang-ayi', 'wang-pass-1');
  assert.equal(res.status(), 401);
  assert.match(await fresh.locator('[role=alert]').first().textContent(), /账号已停用/);

  // Dismissing the question sends nothing.
  await clickTo(page, page.getByRole('button', { name: '启用账号' }));
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: '停用账号' }).click();
  assert.equal(page.url().split('?')[0], account);
  assert.equal((await apiUser('wang-ayi')).disabled, false);

  await page.goto(`${server.base}/staff/users?q=admin`);
  await clickTo(page, page.locator('main a[href^="/staff/users/"]', { hasText: '管理' }).first());
  page.once('dialog', (d) => d.accept());
  const refused = await clickTo(page, page.getByRole('button', { name: '停用账号' }));
  assert.equal(refused.status(), 422);
  assert.equal(await fieldError(page, 'disabled'), '不能停用自己的账号');
  await audit(page, 'staff-user-self-refused');
});

test('staff create a team with its leader, then edit a room\'s capacity', async (t) => {
  const page = await staff(t);
  await page.goto(`${server.base}/staff/teams`);
  await audit(page, 'staff-teams');
  await clickTo(page, page.locator('main a[href="/staff/teams/new"]'));
  await page.fill('#f-id', 'paper-craft');
  await page.fill('#f-name', '亲子手工');
  await page.fill('#f-name_en', 'Parent-child crafts');
  await page.getByLabel('合唱队领队 Choir leader（choir-leader）').check();
  await audit(page, 'staff-team-new');
  await clickTo(page, page.getByRole('button', { name: '创建队伍' }));
  assert.equal(path(page), '/staff/teams');
  assert.equal(await notice(page), '队伍已创建。');
  const team = (await (await fetch(`${server.base}/api/v1/teams/paper-craft`)).json()).team;
  assert.deepEqual(team.leaders, ['choir-leader']);
  await clickTo(page, page.locator('main a[href="/staff/teams/paper-craft"]'));
  await audit(page, 'staff-team-edit');

  await page.goto(`${server.base}/staff/rooms`);
  await audit(page, 'staff-rooms');
  await clickTo(page, page.locator('main a[href="/staff/rooms/music"]'));
  await audit(page, 'staff-room');
  await page.fill('#f-capacity', '0');
  const res = await clickTo(page, page.getByRole('button', { name: '保存' }));
  assert.equal(res.status(), 422);
  assert.equal(await fieldError(page, 'capacity'), '容纳人数须为1至500人');
  assert.equal(await page.inputValue('#f-capacity'), '0');
  await audit(page, 'staff-room-refused');
  await page.fill('#f-capacity', '12');
  await clickTo(page, page.getByRole('button', { name: '保存' }));
  assert.equal(path(page), '/staff/rooms');
  assert.equal(await notice(page), '功能室已保存。');
  const room = (await (await fetch(`${server.base}/api/v1/rooms/music`)).json()).room;
  assert.equal(room.capacity, 12);
});

test('on a phone the staff pages fit: no sideways scrolling, big tap targets, the tables as cards', async (t) => {
  const page = await staff(t, { phone: true });
  for (const [target, name] of [['/staff', 'phone-staff-desk'], ['/staff/users', 'phone-staff-users'],
    ['/staff/users/new', 'phone-staff-user-new'], ['/staff/teams', 'phone-staff-teams'], ['/staff/teams/choir', 'phone-staff-team-edit'],
    ['/staff/rooms', 'phone-staff-rooms'], ['/staff/rooms/activity', 'phone-staff-room']]) {
    const res = await page.goto(server.base + target);
    assert.equal(res.status(), 200, target);
    assert.ok(hasChinese(await page.locator('main h1').textContent()), `${target} in Chinese`);
    await audit(page, name);
  }
  await page.goto(`${server.base}/staff/users`);
  const row = page.locator('.staff-table tbody tr').first();
  assert.equal(await row.evaluate((el) => getComputedStyle(el).display), 'block', 'a row is a card on a phone');
});

test('the staff pages in English say everything in English', async (t) => {
  const page = await staff(t, { locale: 'en-GB' });
  await page.goto(`${server.base}/staff/rooms/music`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.fill('#f-equipment', 'piano\nstands\npiano');
  await clickTo(page, page.getByRole('button', { name: 'Save' }));
  assert.equal(await fieldError(page, 'equipment'), 'equipment item "piano" is listed twice');
  assert.equal(await page.inputValue('#f-equipment'), 'piano\nstands\npiano');
  assert.ok(!hasChinese(await page.locator('main').textContent().then((s) => s.replace(/器乐室|Music room/g, ''))), 'no Chinese but names');
  await audit(page, 'staff-room-en');
});
