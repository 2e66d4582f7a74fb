import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveAgent } from '../../src/agent-kit';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';
import { nextAgent } from '../support/wait-for';

/**
 * The marks a message gets from the link layer (here: cancelled while queued) must survive a reload: the page reads
 * the conversation back through messages:range, the one read path, and not only from live events.
 */
test('a queued message cancelled in Chromium still shows as cancelled after the page is reloaded', async (t) => {
  const server = await serveAgent(
    { card: { id: 'cso', name: 'CSO Twin', role: 'Strategist', department: 'Strategy', intents: ['chat'] }, intents: {} },
    { heartbeatMs: 0 },
  );
  let serverClosed = false;
  t.after(() => (serverClosed ? undefined : server.close()));
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: server.url }], logger: silentLogger, tickIntervalMs: 0 });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const pageErrors: string[] = [];
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(host.url);
  await page.locator('[data-agent-id="cso"][data-link-state="online"]').waitFor();
  // The agent goes away, so what the operator sends now waits in the outbox.
  const offline = nextAgent(core, (a) => a.id === 'cso' && a.linkState !== 'online');
  await server.close();
  serverClosed = true;
  await offline;
  await page.locator('[data-agent-id="cso"]').click();
  await page.getByRole('textbox', { name: 'Message CSO Twin' }).fill('Draft the Q3 plan');
  await page.keyboard.press('Enter');
  const queued = page.locator('.message.outgoing[data-status="queued"]', { hasText: 'Draft the Q3 plan' });
  await queued.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('.message.outgoing[data-status="cancelled"]', { hasText: 'Draft the Q3 plan' }).waitFor();

  await page.reload();
  await page.locator('[data-agent-id="cso"]').click();
  const shown = page.locator('.message.outgoing', { hasText: 'Draft the Q3 plan' });
  await shown.waitFor();
  assert.equal(await shown.getAttribute('data-status'), 'cancelled');
  assert.match(await shown.locator('.message-mark').innerText(), /Cancelled: never sent/);
  assert.deepEqual(pageErrors, []);
});
