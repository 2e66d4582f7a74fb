import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { card } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { TestAgent } from '../support/test-agent';
import { until } from '../support/wait-for';

test('finding 8: a 10,000-card hello reaches the windows as a few batched roster events, not tens of thousands', async (t) => {
  const cards = Array.from({ length: 10_000 }, (_, i) => card(`g${i}`));
  const agent = await TestAgent.start(cards);
  t.after(() => agent.close());
  // 10,000 cards are about 1 MiB of hello: room for it.
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, link: { maxFrameBytes: 4 * 1024 * 1024 } });
  t.after(() => core.close());
  let single = 0;
  let batches = 0;
  const online = new Set<string>();
  core.on('agent:changed', () => (single += 1));
  core.on('agents:changed', (agents) => {
    batches += 1;
    for (const a of agents) if (a.linkState === 'online') online.add(a.id);
  });
  await agent.waitForWelcome(1, 60_000);
  await until((onChange) => core.on('agents:changed', onChange), () => online.size === 10_000, 'all 10,000 agents online in the batches', 60_000);
  assert.equal(single, 0, 'no per-agent event for a roster change');
  assert.ok(batches <= 5, `a handful of batched events (${batches})`);
  const listed = await core.api.agents.list();
  assert.ok(listed.ok);
  assert.equal(listed.value.filter((a) => a.linkState === 'online').length, 10_000);
});
