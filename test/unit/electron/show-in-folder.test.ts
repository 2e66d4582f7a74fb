/** The real Electron main against the fake `electron` module: "Show in folder" reaches shell.showItemInFolder. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { APP_PAGE_URL } from '../../../src/main/electron/app-protocol';
import type { Result } from '../../../src/shared/contract';
import { bootMain } from '../../support/boot-main';
import { tempDir } from '../../support/temp-dir';

type Handler = (event: unknown, request: unknown) => Promise<Result<unknown>>;

test('export:show-in-folder over IPC reveals an export with shell.showItemInFolder, and only an export', async (t) => {
  const dataDir = tempDir();
  const { fake } = await bootMain(t, ['--data-dir', dataDir]);
  const exportsDir = path.join(dataDir, 'exports');
  fs.mkdirSync(exportsDir, { recursive: true });
  const file = path.join(exportsDir, 'twin-console-all-2026.md');
  fs.writeFileSync(file, '# export\n');
  const handler = fake.ipcMain.handlers.get('export:show-in-folder') as Handler | undefined;
  assert.ok(handler, 'bound like every contract channel');
  const call = (request: unknown) => handler({ senderFrame: { url: APP_PAGE_URL } }, request);

  assert.deepEqual(await call({ file }), { ok: true, value: {} });
  assert.deepEqual(fake.shell.shownInFolder, [file]);
  const refused = await call({ file: path.join(dataDir, 'twin-console.sqlite') });
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'NOT_FOUND');
  const foreign = await handler({ senderFrame: { url: 'https://evil.example/' } }, { file });
  assert.equal(foreign.ok ? 'ok' : foreign.error.code, 'FORBIDDEN_SENDER');
  assert.deepEqual(fake.shell.shownInFolder, [file]);
});
