/**
 * Chat like the chat apps (issue #14), in Chromium through roles and names: an agent's decision and alert show in its
 * conversation as cards with their live state and actions (held for Undo like everywhere else), a link that opens
 * the item in its view, @-mention autocomplete in the chat composer, and the Backups empty state.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { AgentDefinition, DecisionResult } from '../../src/agent-kit';
import { serveGateway } from '../../src/agent-kit';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';
import { nextEvent, until } from '../support/wait-for';

const SHOTS = path.resolve(__dirname, '../../out/screenshots/chat-cards');
const results: Record<string, DecisionResult[]> = {};
const heard: string[] = [];
let onHeard: () => void = () => {};
const twin = (id: string, name: string): AgentDefinition => ({
  card: { id, name, role: 'Twin', department: 'Marketing', capabilities: [], intents: ['chat'] },
  intents: {
    chat: (message) => {
      heard.push(message.text ?? '');
      onHeard();
    },
  },
  onDecisionResult: (result) => void (results[result.id] ??= []).push(result),
});

test('decision and alert notes are cards: time left, Approve held for Undo then approved once, a high-risk confirmation, Acknowledge, Open decision; @-mention in chat; Backups empty state', async (t) => {
  const gateway = await serveGateway([twin('cmo-twin', 'CMO Twin'), twin('cso-twin', 'CSO Twin')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: gateway.url }], logger: silentLogger, alerts: { flapHoldMs: 0 } });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  // The narrow window the cards must fit in without overflowing.
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(host.url);
  const roster = page.getByRole('listbox', { name: 'Agents' });
  await roster.getByRole('option', { name: /^CSO Twin/ }).waitFor();

  const cmo = gateway.agent('cmo-twin');
  const propose = async (input: Parameters<typeof cmo.propose>[0]) => {
    const pending = cmo.propose(input);
    await nextEvent(core, 'decision:changed', (d) => d.id === pending.id && d.state === 'pending');
    return pending;
  };
  const budget = await propose({
    summary: 'Raise the webinar ad budget to $4,000',
    reasoning: 'Sign-ups are 40% under target with a week to go.',
    confidence: 0.82,
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  });
  const rollback = await propose({
    summary: 'Pause every paid campaign in EMEA',
    reasoning: 'Spend is pacing 3x over plan.',
    confidence: 0.7,
    risk: 'high',
    expires_at: new Date(Date.now() + 60 * 60_000).toISOString(),
  });
  const alertId = cmo.alert({ id: 'leads-drop', severity: 'warning', title: 'Lead volume dropped 35% since Monday', body: 'Organic leads fell after the site redesign.', dedupe_key: 'leads' });
  await nextEvent(core, 'alert:changed', (a) => a.title === 'Lead volume dropped 35% since Monday');

  await roster.getByRole('option', { name: /^CMO Twin/ }).click();
  const log = page.getByRole('log', { name: 'Messages with CMO Twin' });
  const budgetCard = log.getByRole('group', { name: 'Decision: Raise the webinar ad budget to $4,000' });
  const riskyCard = log.getByRole('group', { name: 'Decision: Pause every paid campaign in EMEA' });
  const alertCard = log.getByRole('group', { name: 'Alert: Lead volume dropped 35% since Monday' });
  await budgetCard.getByText(/(30|29) min left/).waitFor();
  await budgetCard.getByText('82% confident').waitFor();
  await riskyCard.getByText('High risk').waitFor();
  await alertCard.getByText('Organic leads fell after the site redesign.').waitFor();
  // No raw ids or codes: the cards speak in titles and states.
  const logText = (await log.textContent()) ?? '';
  for (const raw of [budget.id, rollback.id, alertId, 'console_note', 'decision_id', 'alert_id']) assert.ok(!logText.includes(raw), `no "${raw}" on screen`);

  await page.screenshot({ path: path.join(SHOTS, 'conversation-cards-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(SHOTS, 'conversation-cards-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // A high-risk approval asks first, from the card as from Needs you; Cancel leaves it waiting.
  await riskyCard.getByRole('button', { name: 'Approve…' }).click();
  const confirm = riskyCard.getByRole('alertdialog', { name: 'Confirm a high-risk approval' });
  await confirm.waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'high-risk-confirmation.png') });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached' });

  // Acknowledge from the alert card goes the inbox's way: held for Undo, then carried out.
  const acknowledged = nextEvent(core, 'alert:changed', (a) => a.title === 'Lead volume dropped 35% since Monday' && a.state === 'acknowledged', 20_000);
  await alertCard.getByRole('button', { name: 'Acknowledge' }).click();
  await alertCard.getByText('Acknowledged').waitFor();
  const toast = page.getByRole('status', { name: 'Notifications' });
  await toast.getByRole('button', { name: 'Undo' }).waitFor();
  assert.equal((await acknowledged).acknowledgedBy, 'operator');
  await alertCard.getByRole('button', { name: 'Acknowledge' }).waitFor({ state: 'detached' });

  // Approve from the card: shown as sending with Undo offered, then the one answer reaches the agent.
  await budgetCard.getByRole('button', { name: 'Approve', exact: true }).click();
  await budgetCard.getByText(/goes to CMO Twin when the Undo time is up/).waitFor();
  await toast.getByRole('button', { name: 'Undo' }).waitFor();
  assert.equal((await budget.result).outcome, 'approved');
  await budgetCard.getByText(/^Approved by you/).waitFor();
  assert.equal(await budgetCard.getByRole('button', { name: 'Approve', exact: true }).count(), 0, 'a settled decision offers no answer');
  const approved = await core.api.decisions.list({ agentId: 'cmo-twin', states: ['approved'] });
  assert.ok(approved.ok);
  assert.deepEqual(
    approved.value.map((d) => [d.id, d.decidedBy]),
    [[budget.id, 'operator']],
  );
  assert.equal(results[budget.id]?.length, 1, 'approved exactly once');

  // Open decision lands in Needs you, on that decision.
  await riskyCard.getByRole('button', { name: 'Open decision' }).click();
  const queued = page.getByRole('region', { name: 'Decisions' }).getByRole('article', { name: 'Decision: Pause every paid campaign in EMEA' });
  await queued.waitFor();
  await page.waitForFunction((card) => card?.getAttribute('aria-current') === 'true', await queued.elementHandle(), { timeout: 10_000 });
  assert.equal(results[rollback.id], undefined, 'the high-risk decision is still waiting');

  // @-mention in the direct chat: "@cm" offers CMO Twin, Enter picks it, Enter sends, the bubble highlights it.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Chat/ }).click();
  await roster.getByRole('option', { name: /^CMO Twin/ }).click();
  const composer = page.getByRole('textbox', { name: 'Message CMO Twin' });
  await composer.pressSequentially('@cm');
  const suggestions = page.getByRole('listbox', { name: 'Mention suggestions' });
  await suggestions.getByRole('option', { name: /CMO Twin/ }).waitFor();
  assert.equal(await suggestions.getByRole('option').count(), 1);
  await page.screenshot({ path: path.join(SHOTS, 'chat-mention.png') });
  await page.keyboard.press('Enter');
  assert.equal(await composer.inputValue(), '@CMOTwin ');
  await composer.pressSequentially('can you share the numbers?');
  await page.keyboard.press('Enter');
  const sent = log.getByRole('article').filter({ hasText: '@CMOTwin can you share the numbers?' });
  await sent.waitFor();
  assert.equal(await composer.inputValue(), '', 'Enter sent and cleared the box');
  assert.equal(await sent.getByTitle('Mention of CMO Twin').textContent(), '@CMOTwin');
  await until(
    (changed) => ((onHeard = changed), () => (onHeard = () => {})),
    () => heard.includes('@CMOTwin can you share the numbers?'),
    'the agent got the text as typed',
  );
  // Shift+Enter is a new line, not a send.
  await composer.pressSequentially('first line');
  await page.keyboard.press('Shift+Enter');
  await composer.pressSequentially('second');
  assert.equal(await composer.inputValue(), 'first line\nsecond');

  // Backups: an empty state that says what to do, gone once there is one.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^History/ }).click();
  await page.getByRole('tab', { name: 'Backups & files' }).click();
  await page.getByText('No backups yet').waitFor();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.getByRole('list', { name: 'Backups' }).getByRole('button', { name: 'Restore' }).waitFor();
  assert.equal(await page.getByText('No backups yet').count(), 0);

  assert.deepEqual(pageErrors, []);
});
