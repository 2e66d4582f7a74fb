/**
 * The same checks as main-wiring.test.ts, on what ships: the bundled out/main/index.js (as electron-vite built it)
 * with the fake electron module. Needs `npm run build` first, which `npm test` runs.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createFakeElectron, type FakeBrowserWindow, nextOnHub } from '../../support/fake-electron';
import { installFakeElectron, loadFresh } from '../../support/fake-electron-loader';
import { tempDir } from '../../support/temp-dir';

const root = path.resolve(__dirname, '../../..');
const builtMain = path.join(root, 'out/main/index.js');
const skip = fs.existsSync(builtMain) ? false : 'out/main/index.js is missing: run "npm run build" first';

test('the built main opens a sandboxed window on the built preload and serves the built renderer with its CSP', { skip }, async (t) => {
  const fake = createFakeElectron();
  installFakeElectron(fake);
  process.argv = [process.execPath, builtMain, '--data-dir', tempDir()];
  const created = nextOnHub<[FakeBrowserWindow]>(fake, 'window');
  loadFresh(builtMain);
  fake.app.emitReady();
  const [window] = await created;
  t.after(async () => {
    const quitted = nextOnHub(fake, 'quit');
    fake.app.quit();
    await quitted;
  });

  const prefs = window.options.webPreferences ?? {};
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.preload, path.join(root, 'out/preload/index.js'));
  assert.ok(fs.existsSync(String(prefs.preload)), 'the preload file exists');
  // A sandboxed preload can require only a few built-ins: everything else (zod) must be bundled in.
  const preload = fs.readFileSync(String(prefs.preload), 'utf8');
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(required)], ['electron']);

  const handler = fake.protocol.handlers.get('app');
  assert.ok(handler);
  const page = await handler(new Request(window.loadedUrl ?? ''));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self';/);
  const html = await page.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
  assert.ok(scripts.length > 0);
  for (const attributes of scripts) {
    const src = /src="([^"]+)"/.exec(attributes)?.[1];
    assert.ok(src, 'no inline scripts (the CSP would block them anyway)');
    assert.ok(!/^[a-z]+:/i.test(src), `no remote script: ${src}`);
    const asset = await handler(new Request(new URL(src, window.loadedUrl ?? '').toString()));
    // No eval check on the bundle text: zod probes `new Function` once to detect a CSP, and the CSP (no
    // 'unsafe-eval') is what forbids eval at run time.
    assert.equal(asset.status, 200, `${src} is served`);
  }
});
