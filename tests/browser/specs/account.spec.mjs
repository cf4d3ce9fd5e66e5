// Accounts as a resident meets them, on the real binary in chromium:
// registering and logging out on a phone, a refused form that keeps what
// was typed, the language switch, an expired session, the 404 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, audit, register, submitRegister, submitLogin, login, logout,
  sessionCookie, hasChinese, SESSION_COOKIE,
} from '../lib.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await server?.stop(); });

/** A page in a new context, closed when the test ends. */
async function open(t, opts) {
  const page = await newPage(browser, opts);
  t.after(() => page.context().close());
  return page;
}

let serial = 0;
/** A new resident's details, unique within this server. */
function resident() {
  serial += 1;
  return { username: `resident${serial}`, name: `王芳${serial}`, password: 'mingzhu-pass-1' };
}

const path = (page) => new URL(page.url()).pathname;
const htmlLang = (page) => page.getAttribute('html', 'lang');

/** Goes to a page that needs a login and checks it sends the reader to log in (303). */
async function expectSentToLogin(page, target) {
  const res = await page.goto(server.base + target);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/login', `${target} without a session should lead to /login`);
  assert.equal(url.searchParams.get('next'), target);
  assert.equal((await res.request().redirectedFrom()?.response())?.status(), 303);
}

test('a resident registers on a phone, lands logged in, and logout really ends the session', async (t) => {
  const page = await open(t, { phone: true });
  await page.goto(`${server.base}/register`);
  await audit(page, 'register');
  const who = resident();
  await register(page, server.base, who);
  await audit(page, 'registered');
  const cookie = await sessionCookie(page);
  assert.equal(cookie.httpOnly, true, 'session cookie HttpOnly');
  assert.equal(cookie.sameSite, 'Lax', 'session cookie SameSite=Lax');
  assert.ok(await page.locator('form[action="/logout"]').isVisible(), 'a logout button in the header');

  const res = await page.goto(`${server.base}/me/bookings`);
  assert.equal(res.status(), 200);
  assert.equal(path(page), '/me/bookings');
  await audit(page, 'my-bookings');

  await logout(page);
  assert.equal(await sessionCookie(page), undefined, 'logout drops the cookie');
  await expectSentToLogin(page, '/me/bookings');
  await audit(page, 'login');

  // The old cookie, put back, is worth nothing: the session ended in the
  // service, not only in this browser.
  await page.context().addCookies([cookie]);
  await expectSentToLogin(page, '/me/bookings');
});

test('a refused registration keeps what was typed, the message next to the password, in Chinese', async (t) => {
  const page = await open(t, { phone: true });
  const who = resident();
  const res = await submitRegister(page, server.base, { ...who, password: 'short' });
  assert.equal(res.status(), 422);
  assert.equal(path(page), '/register');
  assert.equal(await page.inputValue('#f-username'), who.username);
  assert.equal(await page.inputValue('#f-name'), who.name);
  const msg = await fieldError(page, 'password');
  assert.ok(hasChinese(msg), `message in Chinese: ${msg}`);
  assert.equal(await page.locator('#f-username-error, #f-name-error').count(), 0, 'no message on the fields that were right');
  await audit(page, 'register-refused');

  // Nothing was created: the same name registers once the password is right.
  await page.fill('#f-password', who.password);
  await Promise.all([page.waitForNavigation(), page.locator('form:has(#f-password) button[type=submit]').click()]);
  assert.ok(await sessionCookie(page), `registered after fixing the password (at ${page.url()})`);
});

test('a refused registration speaks English on an English page', async (t) => {
  const page = await open(t, { phone: true, locale: 'en-US' });
  const who = resident();
  const res = await submitRegister(page, server.base, { ...who, password: 'short' });
  assert.equal(res.status(), 422);
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.inputValue('#f-username'), who.username);
  const msg = await fieldError(page, 'password');
  assert.ok(!hasChinese(msg) && /\w/.test(msg), `message in English only: ${msg}`);
  await audit(page, 'register-refused-en');
});

/** The message of one field: visible, an alert, tied to the field and right after it. */
async function fieldError(page, name) {
  const err = page.locator(`#f-${name}-error`);
  assert.ok(await err.isVisible(), `#f-${name}-error shown`);
  assert.equal(await err.getAttribute('role'), 'alert');
  const described = (await page.getAttribute(`#f-${name}`, 'aria-describedby')) || '';
  assert.ok(described.split(/\s+/).includes(`f-${name}-error`), `#f-${name} aria-describedby names its message: "${described}"`);
  const beside = await page.evaluate((n) => {
    const input = document.getElementById(`f-${n}`);
    const msg = document.getElementById(`f-${n}-error`);
    return input.nextElementSibling === msg || msg.parentElement.contains(input);
  }, name);
  assert.ok(beside, `#f-${name}-error stands next to its field`);
  return (await err.textContent()).trim();
}

test('the language switch is remembered; Accept-Language picks English without the cookie', async (t) => {
  const page = await open(t, {});
  await page.goto(`${server.base}/login`);
  assert.equal(await htmlLang(page), 'zh-CN');
  assert.ok(hasChinese(await page.textContent('label[for=f-username]')));
  await audit(page, 'login-desktop');

  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English', exact: true }).click()]);
  assert.equal(path(page), '/login', 'the switch comes back to the page');
  assert.equal(await htmlLang(page), 'en');
  const lang = (await page.context().cookies()).find((c) => c.name === 'lang');
  assert.equal(lang?.value, 'en');
  await page.goto(`${server.base}/register`);
  assert.equal(await htmlLang(page), 'en', 'English stays on the next page');
  assert.ok(!hasChinese(await page.textContent('label[for=f-username]')));
  await audit(page, 'register-en-desktop');

  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '中文', exact: true }).click()]);
  assert.equal(await htmlLang(page), 'zh-CN');

  const english = await open(t, { phone: true, locale: 'en-US' });
  await english.goto(`${server.base}/login`);
  assert.equal(await htmlLang(english), 'en', 'Accept-Language en without a cookie');
  await audit(english, 'login-en');

  await english.context().addCookies([{ name: 'lang', value: 'zh', url: server.base }]);
  await english.goto(`${server.base}/login`);
  assert.equal(await htmlLang(english), 'zh-CN', 'the cookie wins over Accept-Language');
});

test('an expired session leads to the login page and back to the page after login', async (t) => {
  const page = await open(t, { phone: true });
  const who = resident();
  await register(page, server.base, who);
  await page.goto(`${server.base}/me/bookings`);

  const cookie = await sessionCookie(page);
  await page.context().addCookies([{ ...cookie, value: 'garbage-not-a-session' }]);
  await page.reload();
  assert.equal(path(page), '/login');
  assert.equal(await page.inputValue('form[action="/login"] input[name=next]'), '/me/bookings');
  await audit(page, 'login-expired');
  await submitLogin(page, who.username, who.password);
  assert.equal(path(page), '/me/bookings', 'back on the page after login');

  await page.context().clearCookies({ name: SESSION_COOKIE });
  await expectSentToLogin(page, '/me/bookings');
  await submitLogin(page, who.username, who.password);
  assert.equal(path(page), '/me/bookings');
});

test('login never sends the reader to another site', async (t) => {
  const page = await open(t, { phone: true });
  const who = resident();
  await register(page, server.base, who);
  await page.context().clearCookies({ name: SESSION_COOKIE });
  for (const next of ['https://example.invalid/', '//example.invalid/x', '/\\example.invalid']) {
    await page.goto(`${server.base}/login?next=${encodeURIComponent(next)}`);
    await submitLogin(page, who.username, who.password);
    assert.equal(new URL(page.url()).origin, server.base, `next=${next} stays on the site`);
    await page.context().clearCookies({ name: SESSION_COOKIE });
  }
});

test('a wrong password is refused in words on the login page, the username kept', async (t) => {
  const page = await open(t, { phone: true });
  await page.goto(`${server.base}/login`);
  const res = await submitLogin(page, 'admin', 'not-the-password');
  assert.equal(res.status(), 401);
  assert.equal(await page.inputValue('#f-username'), 'admin');
  const alerts = (await page.locator('.form-error, .field-error').allTextContents()).join(' ');
  assert.ok(hasChinese(alerts), `refusal in Chinese: "${alerts}"`);
  await audit(page, 'login-refused');
  await login(page, server.base, 'admin', server.adminPassword);
});

test('an unknown page gets a friendly 404 page in the page\'s language; the API keeps JSON', async (t) => {
  const page = await open(t, { phone: true });
  let res = await page.goto(`${server.base}/no-such-page`);
  assert.equal(res.status(), 404);
  assert.match(res.headers()['content-type'], /^text\/html/);
  assert.equal(await htmlLang(page), 'zh-CN');
  assert.ok(hasChinese(await page.textContent('h1')));
  assert.ok(await page.locator('main a[href="/"]').count(), 'a way back home');
  await audit(page, 'not-found');

  const english = await open(t, { phone: true, locale: 'en-US' });
  res = await english.goto(`${server.base}/no-such-page`);
  assert.equal(res.status(), 404);
  assert.equal(await htmlLang(english), 'en');
  const h1 = await english.textContent('h1');
  assert.ok(!hasChinese(h1) && /\w/.test(h1), `English heading: ${h1}`);
  await audit(english, 'not-found-en');

  res = await page.goto(`${server.base}/api/v1/nope`); // a browser asks for text/html
  assert.equal(res.status(), 404);
  assert.match(res.headers()['content-type'], /^application\/json/);
  assert.equal((await res.json()).error.code, 'not_found');
});
