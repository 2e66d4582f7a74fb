import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCore, silentLogger } from '../../src/main/core';
import { card, RawAgent } from '../support/raw-agent';
import { tempDir } from '../support/temp-dir';
import { nextAgent } from '../support/wait-for';

test('LAST SEEN moves with every frame an agent sends, not only heartbeats, and reaches the windows in one batched event', async (t) => {
  const agent = await RawAgent.start([card('ops-bot', { name: 'Ops Bot' }), card('idle-bot', { name: 'Idle Bot' })]);
  t.after(() => agent.close());
  let clock = 1_000_000;
  // Heartbeats far away: whatever moves LAST SEEN here is the frames themselves.
  const core = createCore({ dataDir: tempDir(), endpoints: [{ url: agent.url }], logger: silentLogger, now: () => clock, tickIntervalMs: 0, link: { heartbeatMs: 600_000 } });
  t.after(() => core.close());
  await nextAgent(core, (a) => a.id === 'ops-bot' && a.linkState === 'online');

  const changes: string[][] = [];
  t.after(core.on('agents:changed', (batch) => changes.push(batch.map((a) => a.id))));
  for (const [i, frame] of [
    { type: 'metric', agent_id: 'ops-bot', name: 'queue_depth', value: 3 },
    { type: 'alert', agent_id: 'ops-bot', id: 'al-1', severity: 'info', title: 'Queue warming up', state: 'firing' },
  ].entries()) {
    clock += 60_000;
    const at = clock;
    agent.send(frame);
    const seen = await nextAgent(core, (a) => a.id === 'ops-bot' && a.lastSeenAt === at);
    assert.equal(seen.health?.lastSeenAt, at, `frame ${i}: the health shows the same time`);
  }
  // The notice names only the agent that spoke, not every agent of its link.
  assert.ok(changes.some((ids) => ids.length === 1 && ids[0] === 'ops-bot'), JSON.stringify(changes));
});
