/**
 * One triage model for alerts and decisions, in Chromium through roles and names: keys from the moment a view opens,
 * an answer held for Undo (and sent when the page closes), bulk select and act, and the agent's track record.
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

const SHOTS = path.resolve(__dirname, '../../out/screenshots/triage');
const results: Record<string, DecisionResult[]> = {};
const twin = (id: string, name: string): AgentDefinition => ({
  card: { id, name, role: 'Twin', department: 'Marketing', capabilities: [], intents: ['chat'] },
  intents: { chat: () => {} },
  onDecisionResult: (result) => void (results[result.id] ??= []).push(result),
});

async function start() {
  const gateway = await serveGateway([twin('cmo', 'CMO Twin'), twin('cso', 'CSO Twin')], { heartbeatMs: 0 });
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: gateway.url }], logger: silentLogger, alerts: { flapHoldMs: 0 } });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(host.url);
  await page.locator('[data-agent-id="cso"][data-link-state="online"]').waitFor();
  return { gateway, core, host, browser, page, pageErrors, stop: async () => (await host.close(), await core.close(), await gateway.close()) };
}

/** Proposes a decision and resolves once the core has it waiting. */
async function proposed(core: ReturnType<typeof createCore>, agent: ReturnType<Awaited<ReturnType<typeof serveGateway>>['agent']>, input: Parameters<typeof agent.propose>[0]) {
  const pending = agent.propose(input);
  await nextEvent(core, 'decision:changed', (d) => d.id === pending.id && d.state === 'pending');
  return pending;
}

const pendingIn = async (core: ReturnType<typeof createCore>, agentId: string) => {
  const result = await core.api.decisions.list({ agentId, states: ['pending'] });
  assert.ok(result.ok);
  return result.value.map((d) => d.id);
};

test('decisions: keys as soon as the view opens, approve with a comment and undo it once, the track record, and an answer sent when the page closes', async (t) => {
  const { gateway, core, browser, page, pageErrors, stop } = await start();
  t.after(stop);
  const cmo = gateway.agent('cmo');
  const cso = gateway.agent('cso');

  // A track record for the CMO: one earlier decision approved, one rejected, answered through the core.
  for (const [summary, outcome] of [['Earlier: move the webinar', 'approved'], ['Earlier: double the ad spend', 'rejected']] as const) {
    const earlier = await proposed(core, cmo, { summary, reasoning: 'r', confidence: 0.5 });
    assert.ok((await core.api.decisions.decide({ agentId: 'cmo', id: earlier.id, outcome })).ok);
    await earlier.result;
  }
  const budget = await proposed(core, cmo, {
    summary: 'Raise the webinar budget',
    reasoning: 'Sign-ups are 40% over plan',
    confidence: 0.8,
    context: { budget_usd: 5000, success_rate: 0.82, attempts: 14 },
  });
  const pilot = await proposed(core, cso, { summary: 'Extend the Q4 pilot', reasoning: 'Two accounts asked', confidence: 0.6 });

  await page.getByRole('button', { name: /Needs you/ }).click();
  const budgetCard = page.getByRole('article', { name: 'Decision: Raise the webinar budget' });
  const pilotCard = page.getByRole('article', { name: 'Decision: Extend the Q4 pilot' });
  await budgetCard.waitFor();

  // The track record from the log, and the performance the agent reported, written as an operator reads it.
  const record = budgetCard.getByRole('region', { name: 'Track record of CMO Twin' });
  await record.getByText('1 approved').waitFor();
  await record.getByText('1 rejected').waitFor();
  await record.getByText('0 expired').waitFor();
  const reported = record.getByRole('definition');
  assert.deepEqual(await reported.allTextContents(), ['82%', '14']);
  await page.screenshot({ path: path.join(SHOTS, 'decisions-1280x900.png') });

  // The keys work without a click: the oldest waiting is highlighted, j/k move, Enter opens the comment.
  assert.equal(await budgetCard.getAttribute('aria-current'), 'true');
  await page.keyboard.press('j');
  await pilotCard.and(page.locator('[aria-current="true"]')).waitFor();
  await page.keyboard.press('k');
  await budgetCard.and(page.locator('[aria-current="true"]')).waitFor();
  await page.keyboard.press('Enter');
  const comment = budgetCard.getByRole('textbox', { name: 'Comment' });
  assert.equal(await comment.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement), true);
  await page.keyboard.type('Cap it at $5k');

  // Approve, then Undo: nothing reaches the agent, the card waits again with its comment, the toast never took focus.
  await budgetCard.getByRole('button', { name: 'Approve' }).click();
  const toast = page.getByRole('status', { name: 'Notifications' });
  await toast.getByText('Approved “Raise the webinar budget”').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'decisions-undo-toast-1280x900.png') });
  // The highlight moved on to the next waiting decision.
  await pilotCard.and(page.locator('[aria-current="true"]')).waitFor();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await budgetCard.getByRole('button', { name: 'Approve' }).waitFor();
  assert.equal(await comment.inputValue(), 'Cap it at $5k');
  assert.deepEqual(await pendingIn(core, 'cmo'), [budget.id]);
  assert.equal(results[budget.id], undefined);

  // Approve again and let the Undo time pass: the agent gets the answer once, with the comment.
  await budgetCard.getByRole('button', { name: 'Approve' }).click();
  const answered = await budget.result;
  assert.equal(answered.outcome, 'approved');
  assert.equal(answered.comment, 'Cap it at $5k');
  await page.locator(`[data-decision-id="${budget.id}"][data-state="approved"]`).waitFor();
  assert.equal(results[budget.id]?.length, 1);

  // Keys: n rejects the highlighted one, z undoes it, n again and it goes.
  await pilotCard.and(page.locator('[aria-current="true"]')).waitFor();
  await page.keyboard.press('n');
  await toast.getByText('Rejected “Extend the Q4 pilot”').waitFor();
  await page.keyboard.press('z');
  await toast.getByText('Rejected “Extend the Q4 pilot”').waitFor({ state: 'detached' });
  await pilotCard.getByRole('button', { name: 'Reject' }).waitFor();
  await page.keyboard.press('n');
  assert.equal((await pilot.result).outcome, 'rejected');

  // An answer held when the window closes is sent at once, not lost and not left to the timer.
  const last = await proposed(core, cmo, { summary: 'Publish the recap post', reasoning: 'Ready', confidence: 0.7 });
  const recapCard = page.getByRole('article', { name: 'Decision: Publish the recap post' });
  await recapCard.and(page.locator('[aria-current="true"]')).waitFor();
  // A decision that arrives meanwhile never takes the highlight.
  await proposed(core, cso, { summary: 'Late arrival', reasoning: 'r', confidence: 0.5 });
  await page.getByRole('article', { name: 'Decision: Late arrival' }).waitFor();
  assert.equal(await recapCard.getAttribute('aria-current'), 'true');
  await page.keyboard.press('y');
  await toast.getByText('Approved “Publish the recap post”').waitFor();
  const closedAt = Date.now();
  await page.close({ runBeforeUnload: true });
  assert.equal((await last.result).outcome, 'approved');
  assert.ok(Date.now() - closedAt < 4000, `sent on close, not after the Undo time (${Date.now() - closedAt} ms)`);
  assert.deepEqual(pageErrors, []);
  void browser;
});

test('alerts and decisions in bulk: check with x and shift-click, act on all, one Undo; a high-risk decision in the batch asks first', async (t) => {
  const { gateway, core, page, pageErrors, stop } = await start();
  t.after(stop);
  const cso = gateway.agent('cso');
  const titles = ['Coverage below 2x', 'Stale opportunity', 'Forecast drift', 'Win rate down', 'Quota at risk'];
  for (const title of titles) {
    // One at a time, so they sort newest first (a burst would share a timestamp).
    const raised = nextEvent(core, 'alert:changed', (a) => a.title === title);
    cso.alert({ id: title, severity: 'warning', title, dedupe_key: title });
    await raised;
  }

  await page.getByRole('button', { name: /^Alerts/ }).click();
  const list = page.getByRole('list', { name: 'Alert list' });
  await list.getByRole('listitem').filter({ hasText: 'Quota at risk' }).waitFor();
  // Newest first: Quota, Win rate, Forecast, Stale, Coverage. x checks the highlighted one without a click.
  await list.getByRole('button', { name: /Quota at risk/ }).first().click();
  await page.keyboard.press('x');
  // Shift-click extends from it to Forecast drift: three checked.
  await page.getByRole('checkbox', { name: 'Select Forecast drift' }).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Bulk actions on alerts' });
  await bar.getByText('3 selected').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'alerts-bulk-1280x900.png') });
  await bar.getByRole('button', { name: 'Acknowledge selected' }).click();
  const toast = page.getByRole('status', { name: 'Notifications' });
  await toast.getByText('Acknowledged 3 alerts').waitFor();
  // One Undo takes back all three; then select all in the filter and acknowledge every one.
  await page.keyboard.press('z');
  await toast.getByText('Acknowledged 3 alerts').waitFor({ state: 'detached' });
  assert.equal(await list.locator('[data-state="firing"]').count(), 5);
  const acknowledged = new Set<string>();
  const off = core.on('alert:changed', (a) => void (a.state === 'acknowledged' && acknowledged.add(a.id)));
  await page.getByRole('checkbox', { name: 'Select all 5 alerts' }).check();
  await page.keyboard.press('a');
  await toast.getByText('Acknowledged 5 alerts').waitFor();
  await until((changed) => core.on('alert:changed', changed), () => acknowledged.size === 5, 'all five are acknowledged', 20_000);
  off();
  await page.getByRole('button', { name: /^Alerts/ }).locator('.badge').waitFor({ state: 'detached' });

  // Decisions: a batch with a high-risk one asks for the confirmation, then answers all of them.
  const plain = await proposed(core, cso, { summary: 'Send the renewal reminder', reasoning: 'r', confidence: 0.7 });
  const risky = await proposed(core, cso, { summary: 'Roll back the pricing change', reasoning: 'r', confidence: 0.7, risk: 'high' });
  await page.getByRole('button', { name: /Needs you/ }).click();
  await page.getByRole('article', { name: 'Decision: Roll back the pricing change' }).waitFor();
  await page.getByRole('checkbox', { name: 'Select all 2 waiting decisions' }).check();
  await page.keyboard.press('y');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm a high-risk approval' });
  await confirm.getByRole('button', { name: 'Approve all 2' }).click();
  await page.getByRole('status', { name: 'Notifications' }).getByText('Approved 2 decisions').waitFor();
  assert.equal((await plain.result).outcome, 'approved');
  assert.equal((await risky.result).outcome, 'approved');
  assert.deepEqual(pageErrors, []);
});
