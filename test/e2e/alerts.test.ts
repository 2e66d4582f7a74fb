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
  // When, relative, with the full local time on hover; how often, in words.
  const when = row.locator('time');
  assert.match(await when.innerText(), /^Seen once, (just now|\d+ s ago)$/);
  assert.match((await when.getAttribute('title')) ?? '', /\d{4}.*\d{1,2}:\d{2}:\d{2}/, 'the full date and time on hover');
  agent.send({ type: 'alert', id: 'al-1b', severity: 'critical', title: 'Pipeline coverage below 2x', dedupe_key: 'coverage', state: 'firing' });
  await when.filter({ hasText: /^Seen twice, last (just now|\d+ s ago) \(first (just now|\d+ s ago)\)$/ }).waitFor();
  const detail = page.getByRole('region', { name: 'Alert detail' });
  await detail.locator('.alert-seen', { hasText: /^Seen twice, last/ }).waitFor();
  assert.match((await detail.locator('.timeline time').first().getAttribute('title')) ?? '', /\d{4}/);
  assert.match(await detail.locator('.timeline time').first().innerText(), /^(just now|\d+ s ago)$/);
  // The keys work as soon as the view is open: no click into the list first.
  await page.keyboard.press('a');
  await page.locator('.alert-row[data-state="acknowledged"]').waitFor();
  await page.locator('.timeline li', { hasText: 'acknowledged by you' }).waitFor();

  // The alert's note in the agent's conversation links back to it.
  await page.locator('[data-agent-id="cso-twin"]').click();
  await page.getByRole('log', { name: 'Messages with CSO Twin' }).getByRole('button', { name: 'Open alert' }).click();
  await page.getByRole('region', { name: 'Alert detail' }).getByRole('heading', { name: /Pipeline coverage below 2x/ }).waitFor();

  agent.send({ type: 'alert', id: 'al-2', severity: 'info', title: 'ok', dedupe_key: 'coverage', state: 'resolved' });
  await page.getByRole('combobox', { name: 'State' }).selectOption('all');
  await page.locator('.alert-row[data-state="resolved"]').waitFor();
  await page.locator('.timeline li', { hasText: 'resolved by CSO Twin' }).waitFor();
});

/** Raises alerts from the agent, each with its own key, each listed in the inbox before the next is sent. */
async function raise(agent: RawAgent, page: import('playwright-core').Page, alerts: { key: string; title: string; severity: 'info' | 'warning' | 'critical' }[]) {
  // One at a time: alerts of one read burst are committed together and share a timestamp, and these tests rely on
  // the newest-first order among equals.
  for (const a of alerts) {
    agent.send({ type: 'alert', id: `al-${a.key}`, severity: a.severity, title: a.title, dedupe_key: a.key, state: 'firing' });
    await page.getByRole('listitem').filter({ hasText: a.title }).waitFor();
  }
}

test('alerts triage with buttons and keys: row and detail buttons, j/k/a/r without a click, both keys move on, a new alert keeps the selection, silence leaves the badge', async (t) => {
  const agent = await RawAgent.start([card('cso-twin', { name: 'CSO Twin', department: 'Sales' })]);
  t.after(() => agent.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, alerts: { flapHoldMs: 0 } });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.locator('[data-agent-id="cso-twin"][data-link-state="online"]').waitFor();
  await page.getByRole('button', { name: /^Alerts/ }).click();
  const list = page.getByRole('list', { name: 'Alert list' });
  await raise(agent, page, [
    { key: 'w1', title: 'Warning one', severity: 'warning' },
    { key: 'w2', title: 'Warning two', severity: 'warning' },
    { key: 'w3', title: 'Warning three', severity: 'warning' },
    { key: 'w4', title: 'Warning four', severity: 'warning' },
  ]);
  const selected = () => list.locator('[aria-current="true"] .alert-title').textContent();
  // Newest first among equals: four, three, two, one. The first to arrive was selected, and later ones, sorting
  // above it, did not take the highlight.
  assert.equal(await selected(), 'Warning one');
  await list.getByRole('button', { name: /Warning four/ }).first().click();
  assert.equal(await selected(), 'Warning four');

  // A row's own buttons act on that row.
  await page.getByRole('button', { name: 'Acknowledge Warning two' }).click();
  await list.locator('[data-state="acknowledged"]', { hasText: 'Warning two' }).waitFor();
  // The detail pane has the same actions, for the selected alert.
  const detail = page.getByRole('region', { name: 'Alert detail' });
  await detail.getByRole('heading', { name: /Warning/ }).waitFor();

  // Keys with no click into the list: j moves down, a acknowledges and moves on, r resolves and moves on the same way.
  await page.keyboard.press('j');
  assert.equal(await selected(), 'Warning three');
  await page.keyboard.press('a');
  await list.locator('[data-state="acknowledged"]', { hasText: 'Warning three' }).waitFor();
  await list.locator('[aria-current="true"]', { hasText: 'Warning one' }).waitFor();
  await page.keyboard.press('k');
  assert.equal(await selected(), 'Warning four');
  await page.keyboard.press('r');
  await list.locator('[data-alert-id]', { hasText: 'Warning four' }).waitFor({ state: 'detached' });
  await list.locator('[aria-current="true"]', { hasText: 'Warning one' }).waitFor();

  // A critical alert arrives and sorts to the top: the highlight stays where the operator put it.
  agent.send({ type: 'alert', id: 'al-c1', severity: 'critical', title: 'Critical arrives', dedupe_key: 'c1', state: 'firing' });
  await list.getByRole('listitem').filter({ hasText: 'Critical arrives' }).waitFor();
  assert.equal(await selected(), 'Warning one');
  await page.getByRole('button', { name: /^Alerts/ }).locator('.badge', { hasText: '2' }).waitFor();

  // Silence from the detail pane: labelled fields; the alert leaves the badge and its timeline says so.
  await list.getByRole('button', { name: /Critical arrives/ }).first().click();
  await detail.getByRole('button', { name: 'Silence…' }).click();
  const form = page.getByRole('form', { name: 'Silence alert' });
  await form.getByLabel('Reason').fill('Known incident, team on it');
  await form.getByLabel('For').selectOption({ label: '4 hours' });
  await form.getByRole('button', { name: 'Silence', exact: true }).click();
  await page.getByRole('button', { name: /^Alerts/ }).locator('.badge', { hasText: '1' }).waitFor();
  await list.getByRole('button', { name: /Critical arrives/ }).first().click();
  await detail.locator('.timeline li[data-kind="silenced"]', { hasText: 'Known incident, team on it' }).waitFor();
  assert.match(await page.getByRole('button', { name: /^Alerts/ }).locator('.badge').getAttribute('aria-label') ?? '', /^1 firing alert/);
});
