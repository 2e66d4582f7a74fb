import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';

/** Replaces the page's Notification API with a recorder that has permission, so the test can see what was raised. */
const RECORD_NOTIFICATIONS = `
  window.__notifications = [];
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); }
    close() {}
  }
  window.Notification = RecordingNotification;
`;

test('a critical alert from an agent shows in the inbox, raises a notification, and is triaged by keyboard', async (t) => {
  const agent = await RawAgent.start([card('cso-twin', { name: 'CSO Twin', department: 'Sales' })]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, alerts: { flapHoldMs: 0 } });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());

  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.addInitScript(RECORD_NOTIFICATIONS);
  await page.goto(host.url);
  await page.locator('[data-agent-id="cso-twin"][data-link-state="online"]').waitFor();

  agent.send({
    type: 'alert',
    id: 'al-1',
    severity: 'critical',
    title: 'Pipeline coverage below 2x',
    body: 'Coverage is 1.6x against a 2x target.',
    dedupe_key: 'coverage',
    state: 'firing',
  });
  await page.getByRole('button', { name: /Alerts/ }).locator('.badge-critical', { hasText: '1' }).waitFor();
  // Evaluated in the page, where the init script put the recorder on globalThis.
  const recorded = () => (globalThis as unknown as { __notifications: { title: string; body: string }[] }).__notifications;
  await page.waitForFunction(() => (globalThis as unknown as { __notifications: unknown[] }).__notifications.length === 1);
  const notifications = await page.evaluate(recorded);
  assert.deepEqual(notifications, [{ title: 'Critical: Pipeline coverage below 2x', body: 'Coverage is 1.6x against a 2x target.' }]);

  await page.getByRole('button', { name: /Alerts/ }).click();
  const row = page.locator('.alert-row', { hasText: 'Pipeline coverage below 2x' });
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'firing');
  await page.getByRole('listbox', { name: 'Alert list' }).focus();
  await page.keyboard.press('a');
  await page.locator('.alert-row[data-state="acknowledged"]').waitFor();
  await page.locator('.timeline li', { hasText: 'acknowledged by operator' }).waitFor();

  agent.send({ type: 'alert', id: 'al-2', severity: 'info', title: 'ok', dedupe_key: 'coverage', state: 'resolved' });
  await page.getByRole('combobox', { name: 'State' }).selectOption('all');
  await page.locator('.alert-row[data-state="resolved"]').waitFor();
  await page.locator('.timeline li', { hasText: 'resolved by agent:cso-twin' }).waitFor();
});
