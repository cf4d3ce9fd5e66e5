// Harness for the browser tests: the real mingzhu binary on a loopback
// port with a fresh database, Debian's chromium driven by playwright-core
// (never a downloaded browser), and audit(), the checks every page must
// pass: axe-core, no sideways scrolling, 44×44 px tap targets on a phone,
// a label on every field, and a screenshot to look at.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));

/** Debian's chromium; MINGZHU_CHROMIUM may point at another build. */
export const CHROMIUM = process.env.MINGZHU_CHROMIUM || '/usr/bin/chromium';

/**
 * Chromium's flags: root needs --no-sandbox, and the machine's closed
 * network refuses the background connections (updates, sync, QUIC probes)
 * that chromium otherwise makes at every start.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** The admin password the harness sets with MINGZHU_ADMIN_PASSWORD. */
export const ADMIN_PASSWORD = 'browser-admin-pass';

/** The folder audit() writes its screenshots to. */
export const SHOTS = resolve(process.env.MINGZHU_SHOTS || join(here, 'shots'));

/**
 * Launches headless chromium, one per spec file (contexts are cheap, a
 * browser is not on two shared cores). playwright's launch() starts it
 * with a fresh --user-data-dir in a temp folder of its own and removes it
 * on close; it refuses one passed in args, so none is.
 */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} missing: apt-get install -y chromium fonts-wqy-zenhei`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const phoneView = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktopView = { viewport: { width: 1280, height: 800 } };

/**
 * Opens a page in a new context (its own cookies): a 375×812 phone with
 * touch when phone is set, else a 1280×800 desktop; locale zh-CN unless
 * given (it sets Accept-Language). Close it with page.context().close().
 * Uncaught script errors are kept on page.errors for audit() to report.
 */
export async function newPage(browser, { phone = false, locale = 'zh-CN', ...rest } = {}) {
  const ctx = await browser.newContext({ ...(phone ? phoneView : desktopView), locale, ...rest });
  const page = await ctx.newPage();
  page.phone = phone;
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

let built;

/**
 * The binary under test: MINGZHU_BIN (set by browser_test.go), or else
 * one built here once, so that a spec can be run by hand with node alone.
 */
function binary() {
  if (process.env.MINGZHU_BIN) return process.env.MINGZHU_BIN;
  if (!built) {
    const dir = mkdtempSync(join(tmpdir(), 'mingzhu-browser-bin-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    built = join(dir, 'mingzhu');
    execFileSync('go', ['build', '-o', built, './cmd/mingzhu'], { cwd: resolve(here, '../..'), stdio: 'inherit' });
  }
  return built;
}

/** Parses one line of slog's text format into {key: value}. */
export function parseLogLine(line) {
  const out = {};
  const re = /([\w.]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (let m; (m = re.exec(line));) {
    out[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
  }
  return out;
}

/**
 * Starts the real binary on a free loopback port (the kernel's pick,
 * -addr 127.0.0.1:0) with a fresh database, the demo seed and a known
 * admin password, and waits for /healthz. Returns {base, adminPassword,
 * passwords, log(), stop()}: passwords maps each seeded username (admin
 * and the demo team leaders) to the password the log printed once.
 *
 * snapshot, if given, is a JSON export (the shape `mingzhu export`
 * writes, booking/snapshot.go) that the same binary's `mingzhu import`
 * loads into the fresh database before the server starts: history the
 * real clock cannot make, such as past bookings left unchecked (no-shows).
 * The seed then adds nothing (the database has rooms), and passwords,
 * adminPassword included, are the new ones import printed.
 */
export async function startServer({ seed = 'demo', tz = 'Asia/Shanghai', env = {}, snapshot } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mingzhu-browser-'));
  const passwords = { admin: ADMIN_PASSWORD };
  if (snapshot) importSnapshot(dir, snapshot, passwords);
  const child = spawn(binary(), ['-addr', '127.0.0.1:0', '-db', join(dir, 'mingzhu.db'), '-seed', seed, '-tz', tz], {
    env: { ...process.env, MINGZHU_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const killer = () => child.kill('SIGKILL');
  process.on('exit', killer);
  const lines = [];
  let addr;
  const serving = new Promise((ok, fail) => {
    let rest = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const line of parts) {
        lines.push(line);
        const f = parseLogLine(line);
        if (f.username && f.password && !f.password.startsWith('(')) passwords[f.username] = f.password;
        if (f.msg === 'serving') ok((addr = f.addr));
      }
    });
    child.on('exit', (code, sig) => fail(new Error(`mingzhu exited (${code ?? sig}) before serving:\n${lines.join('\n')}`)));
  });
  const stop = async () => {
    process.off('exit', killer);
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const timer = setTimeout(killer, 10_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await withTimeout(serving, 30_000, () => `mingzhu did not start in 30 s:\n${lines.join('\n')}`);
    const base = `http://${addr}`;
    await waitHealthy(base);
    return { base, adminPassword: passwords.admin, passwords, log: () => lines.join('\n'), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Runs `mingzhu import` of snapshot into dir's database, keeping the passwords it prints. */
function importSnapshot(dir, snapshot, passwords) {
  const file = join(dir, 'snapshot.json');
  writeFileSync(file, JSON.stringify(snapshot));
  const run = spawnSync(binary(), ['import', '-db', join(dir, 'mingzhu.db'), '-i', file], { encoding: 'utf8' });
  if (run.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mingzhu import failed (${run.status ?? run.signal}):\n${run.stderr}`);
  }
  for (const line of run.stderr.split('\n')) {
    const f = parseLogLine(line);
    if (f.username && f.password) passwords[f.username] = f.password;
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  const late = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(message())), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function waitHealthy(base) {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch { /* not yet */ }
    if (Date.now() > until) throw new Error(`${base}/healthz did not answer 200 within 10 s`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** What the session cookie is called (page conventions). */
export const SESSION_COOKIE = 'mingzhu_session';

/** The submit button of the form that holds the field with this id. */
function submitOf(page, fieldId) {
  return page.locator(`form:has(#${fieldId})`)
    .locator('button[type=submit], button:not([type]), input[type=submit]').first();
}

/**
 * Fills and submits the login form already on the page (the login page,
 * perhaps reached through a redirect that carries next) and waits for the
 * answer. Returns the navigation's response.
 */
export async function submitLogin(page, username, password) {
  await page.fill('#f-username', username);
  await page.fill('#f-password', password);
  const [res] = await Promise.all([page.waitForNavigation(), submitOf(page, 'f-password').click()]);
  return res;
}

/**
 * Logs in through the login page and checks that it worked: the browser
 * holds a session cookie and is no longer on /login.
 */
export async function login(page, base, username, password) {
  await page.goto(`${base}/login`);
  const res = await submitLogin(page, username, password);
  await expectLoggedIn(page, `login as ${username}`);
  return res;
}

/**
 * Fills and submits the registration form ({username, name, password})
 * and returns the navigation's response; it does not judge the outcome,
 * so that a test of bad input can use it too.
 */
export async function submitRegister(page, base, { username, name, password }) {
  await page.goto(`${base}/register`);
  await page.fill('#f-username', username);
  await page.fill('#f-name', name);
  await page.fill('#f-password', password);
  const [res] = await Promise.all([page.waitForNavigation(), submitOf(page, 'f-password').click()]);
  return res;
}

/** Registers a resident and checks that they land logged in. */
export async function register(page, base, account) {
  const res = await submitRegister(page, base, account);
  await expectLoggedIn(page, `register ${account.username}`);
  return res;
}

/** Clicks the header's logout button and waits for the next page. */
export async function logout(page) {
  const [res] = await Promise.all([
    page.waitForNavigation(),
    page.locator('form[action="/logout"]').locator('button, input[type=submit]').first().click(),
  ]);
  return res;
}

/** The session cookie the page's context holds, or undefined. */
export async function sessionCookie(page) {
  return (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
}

async function expectLoggedIn(page, what) {
  const url = new URL(page.url());
  const cookie = await sessionCookie(page);
  if (url.pathname === '/login' || url.pathname === '/register' || !cookie) {
    const errors = await page.locator('[role=alert]').allTextContents();
    throw new Error(`${what}: not logged in (at ${url.pathname}, cookie ${cookie ? 'set' : 'missing'}): ${errors.join(' | ')}`);
  }
}

/** Tap targets, as the issue counts them; a wrapped checkbox counts as its label. */
const TAP_TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], label:has(input[type=checkbox]), label:has(input[type=radio])';

/**
 * Checks the page as it stands and throws one error listing every
 * problem: (a) axe-core finds no violation of impact serious or critical;
 * (b) the page does not scroll sideways (and on a phone is laid out at
 * the device's width); (c) on a phone every visible tap target is at
 * least 44×44 CSS px; (d) every field has a label; (e) no uncaught script
 * error. The full-page screenshot SHOTS/<name>.png is saved first, so a
 * failing page can be looked at.
 */
export async function audit(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`), fullPage: true });
  const problems = [
    ...(await axeProblems(page)),
    ...(await page.evaluate(layoutProblems, { phone: !!page.phone, width: page.viewportSize().width })),
    ...(page.phone ? await page.evaluate(tapProblems, TAP_TARGETS) : []),
    ...(await page.evaluate(labelProblems)),
    ...page.errors.map((e) => `script error: ${e}`),
  ];
  if (problems.length) {
    throw new Error(`audit ${name} (${page.url()}), ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  }
}

async function axeProblems(page) {
  const { violations, incomplete } = await new AxeBuilder({ page }).analyze();
  // axe leaves text of exactly the background's colour "to review" (it
  // might be hidden on purpose); on these pages it is a button nobody can read.
  const invisible = incomplete.filter((v) => v.id === 'color-contrast').map((v) => ({
    ...v, nodes: v.nodes.filter((n) => n.any.some((c) => c.data?.messageKey === 'equalRatio')),
  })).filter((v) => v.nodes.length);
  return [...violations, ...invisible].filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) =>
    `axe ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}` + v.nodes.map((n) =>
      `\n    at ${n.target.join(' ')}: ${(n.failureSummary || n.any.map((c) => c.message).join('; ')).replace(/\n\s*/g, '; ')}`).join(''));
}

// The functions below run inside the page (page.evaluate): no closures.

function layoutProblems({ phone, width }) {
  // The layout viewport (clientWidth), not innerWidth: a phone browser
  // zooms out to fit content that is too wide, and innerWidth grows with it.
  const out = [];
  const sw = document.scrollingElement.scrollWidth;
  const cw = document.documentElement.clientWidth;
  if (sw > cw) out.push(`scrolls sideways: content is ${sw} px wide in a ${cw} px window`);
  if (phone && cw !== width) {
    out.push(`laid out ${cw} px wide on a ${width} px phone: <meta name="viewport" content="width=device-width, initial-scale=1"> missing?`);
  }
  return out;
}

function tapProblems(selector) {
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const nm = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return `<${el.tagName.toLowerCase()}${id}${nm}> "${text}"`;
  };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const wrapped = el.matches('input[type=checkbox], input[type=radio]') && el.closest('label');
    if (wrapped || !el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.right <= 0 || r.bottom <= 0) continue; // parked off-screen until focused, like a skip link
    if (r.width + 0.5 < 44 || r.height + 0.5 < 44) {
      out.push(`tap target ${describe(el)} is ${r.width.toFixed(1)}×${r.height.toFixed(1)} px, under 44×44`);
    }
  }
  return out;
}

function labelProblems() {
  const out = [];
  const fields = document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea');
  for (const el of fields) {
    const byFor = el.id && [...document.querySelectorAll('label[for]')].some((l) => l.htmlFor === el.id && l.textContent.trim());
    const wrapping = el.closest('label')?.textContent.trim();
    const aria = el.getAttribute('aria-label')?.trim();
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const byIds = ids.length && ids.every((id) => document.getElementById(id)?.textContent.trim());
    if (!byFor && !wrapping && !aria && !byIds) {
      out.push(`field <${el.tagName.toLowerCase()} name=${el.getAttribute('name')} id=${el.id}> has no label`);
    }
  }
  return out;
}

/** True when the text has Chinese characters (a page in Chinese does). */
export function hasChinese(text) {
  return /[\u3400-\u9fff]/.test(text);
}
