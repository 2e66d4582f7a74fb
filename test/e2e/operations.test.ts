import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentDefinition, DecisionResult } from '../../src/agent-kit';
import { serveGateway } from '../../src/agent-kit';
import { startDemoFleet } from '../../src/agent-kit/demo/demo-fleet';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import type { AgentMode } from '../../src/shared/protocol';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { rosterSteps, timeRosterFilters } from '../support/roster-timing';
import { tempDir } from '../support/temp-dir';

const modes: Record<string, AgentMode[]> = {};
function twin(id: string, name: string, department: string): AgentDefinition {
  return {
    card: { id, name, role: department === 'Sales' ? 'SDR' : 'Marketer', department, capabilities: [department.toLowerCase()], intents: ['chat', 'assign_task'] },
    intents: {
      chat: (message, agent) => void agent.reply(message, `${name}: noted "${message.text}"`),
      assign_task: (message, agent) => void agent.reply(message, 'On it', { task_id: message.data?.task_id, status: 'accepted' }),
    },
    onModeChanged: (mode) => (modes[id] ??= []).push(mode),
  };
}

async function startOps() {
  const gateway = await serveGateway(
    [twin('cmo', 'CMO Twin', 'Marketing'), twin('seo', 'SEO Agent', 'Marketing'), twin('content', 'Content Agent', 'Marketing'), twin('sdr', 'SDR Agent', 'Sales')],
    { heartbeatMs: 0 },
  );
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: gateway.url }], logger: silentLogger });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(host.url);
  await page.locator('[data-agent-id="sdr"][data-link-state="online"]').waitFor();
  return {
    gateway,
    core,
    page,
    stop: async () => {
      await page.close();
      await host.close();
      await core.close();
      await gateway.close();
    },
  };
}

test('operations in Chromium: department broadcast, decision round trip, mode, intent validation, roster filters, palette', async (t) => {
  const { gateway, page, stop } = await startOps();
  t.after(stop);

  await t.test('a broadcast to a department shows each recipient reaching "replied" and gathers the replies', async () => {
    await page.getByRole('button', { name: 'Broadcast', exact: true }).click();
    await page.getByRole('combobox', { name: 'Broadcast department' }).selectOption('Marketing');
    await page.getByRole('textbox', { name: 'Broadcast message' }).fill('Webinar moved to Thursday');
    await page.getByRole('button', { name: 'Send broadcast' }).click();
    for (const id of ['cmo', 'seo', 'content']) await page.locator(`.recipient[data-agent-id="${id}"][data-state="replied"]`).waitFor();
    assert.equal(await page.locator('.recipient').count(), 3, 'Sales is not in Marketing');
    await page.locator('.recipient-reply', { hasText: 'SEO Agent: noted "Webinar moved to Thursday"' }).waitFor();
  });

  await t.test('a decision approved in the queue with a comment reaches the agent', async () => {
    const proposal = gateway.agent('cmo').propose({ summary: 'Launch a live poll', reasoning: 'Engagement fell 15% in 2 minutes', confidence: 0.82, context: { webinar: 'Q4 launch' } });
    const badge = page.getByRole('button', { name: /Needs you/ }).locator('.badge', { hasText: '1' });
    await badge.waitFor();
    await page.getByRole('button', { name: /Needs you/ }).click();
    const card = page.locator(`[data-decision-id="${proposal.id}"]`);
    await card.locator('text=82% confident').waitFor();
    await card.getByRole('textbox', { name: 'Comment' }).fill('Three options at most');
    await card.getByRole('button', { name: 'Approve' }).click();
    const result: DecisionResult = await proposal.result;
    assert.equal(result.outcome, 'approved');
    assert.equal(result.comment, 'Three options at most');
    await page.locator(`[data-decision-id="${proposal.id}"][data-state="approved"]`).waitFor();
    await badge.waitFor({ state: 'detached' });

    const second = gateway.agent('seo').propose({ summary: 'Rewrite the pricing page title', reasoning: 'CTR is down', confidence: 0.4 });
    await page.locator(`[data-decision-id="${second.id}"]`).getByRole('button', { name: 'Reject' }).click();
    assert.equal((await second.result).outcome, 'rejected');
  });

  await t.test('a mode change in the agent bar reaches the agent', async () => {
    await page.locator('[data-agent-id="seo"]').click();
    await page.getByRole('combobox', { name: 'Agent mode' }).selectOption('semi_auto');
    await page.locator('.mode-selector[data-mode="semi_auto"] .mode-sync', { hasText: 'sent' }).waitFor();
    await page.locator('[data-agent-id="seo"] .mode-tag', { hasText: 'semi' }).waitFor();
    assert.deepEqual(modes.seo, ['semi_auto']);
  });

  await t.test('the intent composer shows a validation error, then sends a typed request whose reply shows as a card', async () => {
    await page.locator('[data-agent-id="cmo"]').click();
    await page.getByRole('button', { name: 'Structured request' }).click();
    const form = page.getByRole('form', { name: 'Structured request' });
    await form.getByRole('combobox', { name: 'Intent' }).selectOption('assign_task');
    await form.getByLabel('Description').fill('Draft the Q4 brief');
    await form.getByRole('button', { name: 'Send assign task' }).click();
    await form.locator('.field-error[data-field="task_id"]', { hasText: 'Task id' }).waitFor();
    await form.getByLabel('Task id').fill('T-7');
    await form.getByLabel('Priority').selectOption('high');
    await form.getByRole('button', { name: 'Send assign task' }).click();
    await page.locator('.message.outgoing .structured-card[data-card="request"]', { hasText: 'Draft the Q4 brief' }).waitFor();
    await page.locator('.message.incoming .structured-card[data-card="reply"]', { hasText: 'accepted' }).waitFor();
    // Sent, so the form closed; opened again for another agent it starts empty.
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-agent-id="seo"]').click();
    await page.getByRole('button', { name: 'Structured request' }).click();
    await form.waitFor();
    for (const box of await form.getByRole('textbox').all()) assert.equal(await box.inputValue(), '');
    await form.getByRole('button', { name: 'Close' }).click();
  });

  await t.test('roster filters: text, department, intent, online only', async () => {
    const count = page.getByTestId('roster-count');
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('agent');
    await count.filter({ hasText: '3/4' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('');
    await page.getByRole('combobox', { name: 'Department' }).selectOption('Sales');
    await count.filter({ hasText: '1/4' }).waitFor();
    assert.deepEqual(await page.locator('.roster-agent').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agent-id'))), ['sdr']);
    await page.getByRole('combobox', { name: 'Department' }).selectOption('');
    await page.getByRole('combobox', { name: 'Capability' }).selectOption('marketing');
    await count.filter({ hasText: '3/4' }).waitFor();
    await page.getByRole('checkbox', { name: 'Online only' }).check();
    await count.filter({ hasText: '3/4' }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await count.filter({ hasText: '4/4' }).waitFor();
  });

  await t.test('Ctrl+K jumps to an agent and runs an action', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('sdr agent');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Conversation with SDR Agent' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('set sdr auto');
    await page.keyboard.press('Enter');
    await page.locator('[data-agent-id="sdr"] .mode-tag', { hasText: 'auto' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('go to broadcast');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Broadcast', exact: true }).waitFor();
  });
});

test('the roster filters 1,000 agents within a frame in Chromium', async (t) => {
  const demo = await startDemoFleet({ activity: 'quiet', agents: 1000, heartbeatMs: 0 });
  t.after(() => demo.close());
  const core = createCore({ dataDir: tempDir(), endpoints: demo.urls.map((url) => ({ url })), logger: silentLogger });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const page = await (await launchChromium()).newPage();
  await page.goto(host.url);
  await page.getByTestId('roster-count').filter({ hasText: '/1000' }).waitFor({ timeout: 30_000 });
  const { real } = rosterSteps(10);
  await timeRosterFilters(page, real.slice(0, 4)); // warm-up: JIT and first layout
  const times = (await timeRosterFilters(page, real)).sort((a, b) => a - b);
  const p95 = times[Math.ceil(0.95 * times.length) - 1]!;
  t.diagnostic(`roster filter at 1,000 agents: p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  // The goal is one frame (16 ms); the test allows a loaded CI machine twice that. A list that is not virtualized
  // takes well over 100 ms here.
  assert.ok(p95 <= 32, `p95 ${p95.toFixed(1)} ms`);
});
