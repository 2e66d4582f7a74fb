/**
 * The Electron main installs the process guard before anything else can fail asynchronously. Its behaviour is
 * proven under Node against the real browser host CLI (test/e2e/process-guard.test.ts); here, that the Electron
 * entry wires it at all: the guard marks the process it guards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootMain } from '../../support/boot-main';
import { tempDir } from '../../support/temp-dir';

test('the Electron main guards its process against stray rejections and exceptions', async (t) => {
  const marker = Symbol.for('twin-console.process-guard');
  assert.notEqual((process as unknown as Record<symbol, boolean>)[marker], true, 'not installed before main is loaded');
  const rejections = process.listenerCount('unhandledRejection');
  const exceptions = process.listenerCount('uncaughtException');
  await bootMain(t, ['--data-dir', tempDir()]);
  assert.equal((process as unknown as Record<symbol, boolean>)[marker], true);
  assert.equal(process.listenerCount('unhandledRejection'), rejections + 1);
  assert.equal(process.listenerCount('uncaughtException'), exceptions + 1);
});
