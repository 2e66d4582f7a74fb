import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentDefinition } from '../../src/agent-kit';
import { serveGateway } from '../../src/agent-kit';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';

const heard: Record<string, string[]> = {};
function twin(id: string, name: string): AgentDefinition {
  return {
    card: { id, name, role: 'Twin', department: 'Marketing', capabilities: [], intents: ['chat'] },
    intents: {
      chat: (message, agent) => {
        (heard[id] ??= []).push(message.text ?? '');
        void agent.reply(message, `${name} heard you`);
      },
    },
  };
}

async function startApp(endpoints: { url: string }[], link?: Parameters<typeof createCore>[0]['link']) {
  const core = createCore({ dataDir: tempDir(), endpoints, logger: silentLogger, ...(link ? { link } : {}) });
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  return {
    page,
    stop: async () => {
      await page.close();
      await host.close();
      await core.close();
    },
  };
}

test('rooms: the form says what is missing, @ suggests members by name, Enter posts to the mentioned one, mentions are highlighted', async (t) => {
  const gateway = await serveGateway([twin('cmo-twin', 'CMO Twin'), twin('seo-agent', 'SEO Agent')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const { page, stop } = await startApp([{ url: gateway.url }]);
  t.after(stop);
  await page.locator('[data-agent-id="seo-agent"][data-link-state="online"]').waitFor();
  await page.getByRole('button', { name: 'Rooms', exact: true }).click();

  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('alert').filter({ hasText: 'Give the room a name.' }).waitFor();
  await page.getByRole('textbox', { name: 'Room name' }).fill('Launch');
  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('alert').filter({ hasText: 'Pick at least two agents for the room.' }).waitFor();
  await page.getByRole('checkbox', { name: /CMO Twin/ }).check();
  await page.getByRole('checkbox', { name: /SEO Agent/ }).check();
  await page.getByRole('button', { name: 'Create room' }).click();

  const box = page.getByRole('combobox', { name: 'Message room Launch' });
  await box.pressSequentially('@cm');
  const suggestions = page.getByRole('listbox', { name: 'Mention suggestions' });
  await suggestions.getByRole('option', { name: /CMO Twin/ }).waitFor();
  assert.equal(await suggestions.getByRole('option').count(), 1);
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), '@CMOTwin ');
  await box.pressSequentially('what is the plan?');
  await page.keyboard.press('Enter');

  await page.locator('.message.incoming', { hasText: 'CMO Twin heard you' }).waitFor();
  assert.equal(await box.inputValue(), '', 'Enter posted and cleared the box');
  assert.deepEqual(heard['cmo-twin'], ['@CMOTwin what is the plan?']);
  assert.equal(heard['seo-agent'], undefined, 'only the mentioned member got it');
  const mention = page.locator('.message.outgoing mark.mention');
  assert.equal(await mention.textContent(), '@CMOTwin');
});

test('a high-risk decision needs a deliberate confirmation, from the palette and from its card; the card shows the time left', async (t) => {
  const gateway = await serveGateway([twin('cto-twin', 'CTO Twin')], { heartbeatMs: 0 });
  t.after(() => gateway.close());
  const { page, stop } = await startApp([{ url: gateway.url }]);
  t.after(stop);
  await page.locator('[data-agent-id="cto-twin"][data-link-state="online"]').waitFor();
  const proposal = gateway.agent('cto-twin').propose({
    summary: 'Roll back release 2025.11.3 on the EU cluster',
    reasoning: 'Error rate doubled after the deploy.',
    confidence: 0.9,
    risk: 'high',
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  });
  let settled = false;
  void proposal.result.then(() => (settled = true));
  await page.getByRole('button', { name: /Needs you/ }).locator('.badge', { hasText: '1' }).waitFor();

  // The palette: one Enter opens the confirmation, focused on Cancel, so a second Enter does not approve.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('approve roll back');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm a high-risk approval' });
  await confirm.waitFor();
  await page.keyboard.press('Enter');
  await confirm.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  assert.equal(settled, false);

  // The card: its expiry and time left; Approve asks first; "Approve anyway" approves.
  await page.getByRole('button', { name: /Needs you/ }).click();
  const decision = page.getByRole('article', { name: 'Decision: Roll back release 2025.11.3 on the EU cluster' });
  await decision.getByText(/30 min left|29 min left/).waitFor();
  await decision.getByText('High risk').waitFor();
  await decision.getByRole('button', { name: 'Approve…' }).click();
  await decision.getByRole('alertdialog', { name: 'Confirm a high-risk approval' }).getByRole('button', { name: 'Approve anyway' }).click();
  assert.equal((await proposal.result).outcome, 'approved');
  await page.locator(`[data-decision-id="${proposal.id}"][data-state="approved"]`).waitFor();
});

test('a failed connection shows its reason and next try in Connections, and Retry now dials at once', async (t) => {
  // A port that refuses now and listens later: the agent starts there only after the first dial failed.
  const probe = await RawAgent.start([]);
  const port = probe.port;
  await probe.close();
  const url = `ws://127.0.0.1:${port}`;
  // The next automatic attempt is ten minutes away, so only Retry can bring the link up within the test.
  const { page, stop } = await startApp([{ url }], { backoff: { baseMs: 600_000, capMs: 600_000 }, jitter: () => 0.99 });
  t.after(stop);

  const summary = page.getByText('Connections', { exact: false }).first();
  await page.locator('summary', { hasText: '1 failing' }).waitFor();
  // It did not open by itself, and the page is no taller than the window.
  assert.equal(await page.getByRole('group', { name: 'Endpoints' }).evaluate((el) => el.hasAttribute('open')), false);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollHeight: number; clientHeight: number } } }).document.scrollingElement.scrollHeight <= (globalThis as unknown as { document: { scrollingElement: { clientHeight: number } } }).document.scrollingElement.clientHeight), true);
  await summary.click();
  const problem = page.getByRole('group', { name: `Connection problem: ${url}` });
  await problem.getByText(/Nothing is listening at/).waitFor();
  await problem.getByText(/Next try at/).waitFor();

  const agent = await RawAgent.start([card('late-twin', { name: 'Late Twin' })], port);
  t.after(() => agent.close());
  await problem.getByRole('button', { name: `Retry now: ${url}` }).click();
  await page.locator('[data-agent-id="late-twin"][data-link-state="online"]').waitFor();
  await problem.waitFor({ state: 'detached' });
});
