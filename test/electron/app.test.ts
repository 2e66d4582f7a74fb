/**
 * Playwright `_electron` specs: they launch the real app, so they run only where the Electron binary exists. Here
 * they skip and say why; nothing in them pretends Electron ran.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { findElectronBinary } from '../../scripts/electron-binary';
import { tempDir } from '../support/temp-dir';

const binary = findElectronBinary();
const skip = binary.found ? false : `Electron cannot run on this machine: ${binary.reason}`;
if (!binary.found) console.log(`# skipping test/electron: ${skip}`);

const root = path.resolve(__dirname, '../..');

test('launches the app and chats with the demo CMO twin', { skip }, async (t) => {
  if (!binary.found) return;
  const app = await electron.launch({
    executablePath: binary.path,
    args: [path.join(root, 'out/main/index.js'), '--data-dir', tempDir()],
    cwd: root,
  });
  t.after(() => app.close());
  const window = await app.firstWindow();
  assert.equal(await window.title(), 'Twin Console');
  const sandboxed = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
  assert.equal(sandboxed, true, 'the renderer has no Node require');
  await window.locator('[data-agent-id="cmo-twin"][data-link-state="online"]').click();
  await window.getByRole('textbox', { name: 'Message CMO Twin' }).fill('What about the budget?');
  await window.keyboard.press('Enter');
  await window.locator('.message.incoming', { hasText: 'budget' }).waitFor();
});
