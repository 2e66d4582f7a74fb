/**
 * Agent tokens through the real Electron main with a fake safeStorage: sealed in the database, absent from every
 * log line and every IPC response, and an honest status where the keychain is missing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { APP_PAGE_URL } from '../../../src/main/electron/app-protocol';
import type { Result } from '../../../src/shared/contract';
import { bootMain } from '../../support/boot-main';
import type { FakeElectron } from '../../support/fake-electron';
import { tempDir } from '../../support/temp-dir';

const TOKEN = 'tok-9f3b1c-very-secret';

type Handler = (event: unknown, request: unknown) => Promise<Result<unknown>>;
const ipc = (fake: FakeElectron, channel: string, request: unknown) =>
  (fake.ipcMain.handlers.get(channel) as Handler)({ senderFrame: { url: APP_PAGE_URL } }, request);

/** Every console line written while `run` is in flight (the main and core log through console). */
async function captureConsole<T>(run: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const originals = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
    console[name] = (...args: unknown[]) => lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
  }
  try {
    return { value: await run(), lines };
  } finally {
    Object.assign(console, originals);
  }
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('with safeStorage, a token is sealed in the database and never reaches logs or the renderer', async (t) => {
  const dataDir = tempDir();
  const { value, lines } = await captureConsole(async () => {
    const args = ['--data-dir', dataDir, '--agent', `ws://127.0.0.1:9/runtime#${TOKEN}-runtime`];
    const { fake, quit } = await bootMain(t, args, { encryption: 'available' });
    const added = await ipc(fake, 'endpoints:add', { url: 'ws://127.0.0.1:9/agent', token: TOKEN });
    const listed = await ipc(fake, 'endpoints:list', {});
    const status = await ipc(fake, 'app:get-status', {});
    await quit(); // closes the log, so every byte is on disk for the scan below
    return { added, listed, status, sent: JSON.stringify(fake.BrowserWindow.instances.map((w) => w.webContents.sent)) };
  });
  assert.equal(value.added.ok, true);
  assert.deepEqual(value.status, { ok: true, value: { secretStorage: { encrypted: true, message: null } } });
  for (const [what, text] of Object.entries({ added: JSON.stringify(value.added), listed: JSON.stringify(value.listed), events: value.sent })) {
    assert.ok(!text.includes(TOKEN), `the token crossed IPC in ${what}`);
  }
  assert.match(JSON.stringify(value.listed), /"hasToken":true/);
  assert.ok(lines.length > 0, 'the app logged something, so the scan below means something');
  assert.deepEqual(lines.filter((line) => line.includes(TOKEN)), []);

  const db = new BetterSqlite3(path.join(dataDir, 'twin-console.sqlite'), { readonly: true });
  const stored = db.prepare<[], { token: string }>('SELECT token FROM endpoints').get()?.token ?? '';
  db.close();
  assert.match(stored, /^enc1:/);
  for (const file of filesUnder(dataDir)) {
    assert.ok(!fs.readFileSync(file).includes(TOKEN), `plain token found in ${path.relative(dataDir, file)}`);
  }

  // The next start opens the sealed token again (the link dials with it; here it only has to load without error).
  const again = await captureConsole(async () => {
    const { fake } = await bootMain(t, ['--data-dir', dataDir], { encryption: 'available' });
    return ipc(fake, 'endpoints:list', {});
  });
  assert.match(JSON.stringify(again.value), /"hasToken":true/);
  assert.deepEqual(again.lines.filter((line) => /cannot be decrypted/.test(line)), []);
});

test('without a keyring (Linux basic_text), tokens stay plain text and the app says so, in the log and over IPC', async (t) => {
  const { value, lines } = await captureConsole(async () => {
    const { fake } = await bootMain(t, ['--data-dir', tempDir()], { encryption: 'basic_text' });
    return ipc(fake, 'app:get-status', {});
  });
  assert.equal(value.ok && (value.value as { secretStorage: { encrypted: boolean } }).secretStorage.encrypted, false);
  assert.match(JSON.stringify(value), /plain text: no keyring/);
  assert.ok(lines.some((line) => /plain text: no keyring/.test(line)), 'the reason is logged');
});
