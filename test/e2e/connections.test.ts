import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveAgent } from '../../src/agent-kit';
import { startBrowserHost } from '../../src/main/browser-host/browser-host';
import { createCore, silentLogger } from '../../src/main/core';
import { launchChromium } from '../support/chromium';
import { RENDERER_DIR } from '../support/console-under-test';
import { tempDir } from '../support/temp-dir';

const card = { id: 'cfo', name: 'CFO Twin', role: 'Finance', department: 'Finance', intents: ['chat' as const] };

/** Connections: an endpoint that is not online says why, and "Retry now" dials it at once instead of after its backoff. */
test('an endpoint that cannot connect shows its last error, and Retry now brings it online without waiting', async (t) => {
  // A port that was just free: nothing listens there until the agent comes back below.
  const first = await serveAgent({ card }, { heartbeatMs: 0 });
  const url = first.url;
  const port = Number(new URL(url).port);
  await first.close();
  // A backoff far longer than the test: only Retry now can bring the link up in time.
  const core = createCore({
    dataDir: tempDir(),
    endpoints: [{ url }],
    logger: silentLogger,
    tickIntervalMs: 0,
    link: { backoff: { baseMs: 600_000, capMs: 600_000 }, jitter: () => 0.99 },
  });
  t.after(() => core.close());
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(host.url);

  const row = page.locator('.endpoint-list li', { hasText: url });
  await row.locator('.endpoint-error', { hasText: 'Nothing is listening' }).waitFor();
  const again = await serveAgent({ card }, { heartbeatMs: 0, port });
  t.after(() => again.close());
  await row.getByRole('button', { name: 'Retry now' }).click();
  await page.locator('[data-agent-id="cfo"][data-link-state="online"]').waitFor({ timeout: 15_000 });
  assert.equal(await row.getByRole('button', { name: 'Retry now' }).count(), 0, 'no retry button once online');
  assert.equal(await row.locator('.endpoint-error').count(), 0);
});
