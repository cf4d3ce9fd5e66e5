// The harness tests itself: startServer really starts the binary and
// reads the seeded passwords, and audit() really fails a page with each
// kind of defect it claims to find (a check that cannot fail is none).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, audit, parseLogLine, SHOTS } from '../lib.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const good = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>ok</title>
<style>body{font:16px sans-serif;margin:0}button,input,a{display:block;min-height:48px;min-width:48px;box-sizing:border-box}</style></head>
<body><main><h1>ok</h1><form><label for="f-q">Query</label><input id="f-q" name="q">
<label><input type="checkbox" name="c"> wrapped checkbox</label>
<button>Go</button><a href="/">Home</a></form></main></body></html>`;

async function auditError(html, phone = true) {
  const page = await newPage(browser, { phone });
  try {
    await page.setContent(html);
    await audit(page, `harness-${phone ? 'phone' : 'desktop'}`);
    return '';
  } catch (err) {
    return err.message;
  } finally {
    await page.context().close();
  }
}

test('a clean page passes and leaves its screenshot', async () => {
  assert.equal(await auditError(good), '');
  assert.ok(existsSync(join(SHOTS, 'harness-phone.png')));
});

test('audit finds a small tap target on a phone only', async () => {
  const html = good.replace('<button>Go</button>', '<button style="min-height:0;min-width:0;height:20px;padding:0">Go</button>');
  assert.match(await auditError(html), /tap target <button> "Go" is .*×20\.0 px/);
  assert.equal(await auditError(html, false), '');
});

test('audit finds a field without a label', async () => {
  assert.match(await auditError(good.replace('<label for="f-q">Query</label>', '')), /field <input name=q id=f-q> has no label/);
});

test('audit finds sideways scrolling and a missing viewport meta', async () => {
  assert.match(await auditError(good.replace('<h1>ok</h1>', '<div style="width:600px">wide</div>')), /scrolls sideways/);
  assert.match(await auditError(good.replace(/<meta name="viewport"[^>]*>/, '')), /laid out 980 px wide/);
});

test('audit reports serious axe violations readably', async () => {
  const msg = await auditError(good.replace('<h1>ok</h1>', '<h1>ok</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'));
  assert.match(msg, /axe image-alt \(critical\): Images must have alternative text/);
  assert.match(msg, /at img:/);
});

test('audit finds text in the colour of its background', async () => {
  const msg = await auditError(good.replace('<h1>ok</h1>', '<h1>ok</h1><a href="/x" style="color:#fff;background:#fff">Log in</a>'));
  assert.match(msg, /axe color-contrast \(serious\).*\n.*1:1 contrast/);
});

test('audit reports uncaught script errors', async () => {
  assert.match(await auditError(good.replace('</body>', '<script>throw new Error("boom")</script></body>')), /script error: .*boom/);
});

test('parseLogLine reads slog text lines with quoted values', () => {
  const f = parseLogLine('time=2026-01-01T00:00:00.000+08:00 level=INFO msg="已创建账号 created \\"x\\"" username=choir-leader role=leader password=abc=def');
  assert.deepEqual([f.msg, f.username, f.role, f.password], ['已创建账号 created "x"', 'choir-leader', 'leader', 'abc=def']);
});

test('startServer serves on loopback with the demo leaders\' passwords, and stop ends it', async () => {
  const server = await startServer();
  let stopped = false;
  try {
    assert.match(server.base, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.passwords.admin, server.adminPassword);
    const leaders = Object.keys(server.passwords).filter((u) => u !== 'admin');
    assert.ok(leaders.length >= 5, `leaders' passwords from the log: ${leaders}\n${server.log()}`);
    for (const username of ['admin', leaders[0]]) {
      const res = await fetch(`${server.base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: server.passwords[username] }),
      });
      assert.equal(res.status, 200, `login ${username}: ${await res.text()}`);
    }
    await server.stop();
    stopped = true;
    await assert.rejects(fetch(`${server.base}/healthz`));
  } finally {
    if (!stopped) await server.stop();
  }
});
